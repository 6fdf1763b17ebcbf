#include "render/standard_xlsx.hpp"

#include <xlsxwriter.h>

#include "render/temp_dir.hpp"

#include <array>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace hx::render {

namespace {

namespace st = hx::standards;
namespace fs = std::filesystem;

// The layout; src/http/dto/standards_xlsx.cpp reads the same words.
constexpr const char* kStandardSheet = "标准";
constexpr const char* kRulesSheet = "星级规则";
constexpr const char* kIndicatorSheet = "指标";

// The Chinese word written for each value (the importer reads these and the English words).
const char* kind_word(st::IndicatorKind kind) {
    switch (kind) {
        case st::IndicatorKind::kConstraint: return "约束性";
        case st::IndicatorKind::kGuiding: return "引导性";
        case st::IndicatorKind::kGeneral: return "通用";
    }
    return "通用";
}

const char* count_word(st::CountWhat what) {
    switch (what) {
        case st::CountWhat::kAll: return "全部";
        case st::CountWhat::kConstraint: return "约束性";
        case st::CountWhat::kGuiding: return "引导性";
    }
    return "全部";
}

const char* provenance_word(st::Provenance provenance) {
    switch (provenance) {
        case st::Provenance::kSource: return "原文";
        case st::Provenance::kExample: return "示例";
    }
    return "示例";
}

const char* condition_word(st::Condition condition) {
    switch (condition) {
        case st::Condition::kMechanism: return "建立长效机制";
        case st::Condition::kEffective: return "作用发挥好";
    }
    return "";
}

std::string column_name(lxw_col_t column) {
    std::string out;
    unsigned n = static_cast<unsigned>(column) + 1;
    while (n > 0) {
        out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
        n = (n - 1) / 26;
    }
    return out;
}

struct Column {
    const char* header;
    double width;
    bool wrap;  // long text: wrapped, top-aligned
};

// Writes cells and keeps the first failure with the cell it happened at; later writes are
// skipped. libxlsxwriter reports errors as return codes only.
class SheetWriter {
public:
    SheetWriter(lxw_workbook* workbook, const char* name, lxw_format* header, lxw_format* text,
                lxw_format* wrapped, std::optional<std::pair<std::string, lxw_error>>& failure)
        : name_(name), header_(header), text_(text), wrapped_(wrapped), failure_(failure) {
        sheet_ = workbook_add_worksheet(workbook, name);
        if (sheet_ == nullptr) failure_ = {std::string(name), LXW_ERROR_MEMORY_MALLOC_FAILED};
    }

    // The header row, bold and frozen, and each column's width and text format: a column
    // formatted as text keeps what is typed ("1.10", "3、4") instead of making it a number.
    void columns(const std::vector<Column>& columns) {
        if (sheet_ == nullptr) return;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto column = static_cast<lxw_col_t>(i);
            check(worksheet_set_column(sheet_, column, column, columns[i].width,
                                       columns[i].wrap ? wrapped_ : text_),
                  0, column);
            check(worksheet_write_string(sheet_, 0, column, columns[i].header, header_), 0, column);
        }
        worksheet_freeze_panes(sheet_, 1, 0);
    }

    void text(lxw_row_t row, lxw_col_t column, const std::string& value, bool wrap = false) {
        if (sheet_ == nullptr || failure_ || value.empty()) return;
        check(worksheet_write_string(sheet_, row, column, value.c_str(), wrap ? wrapped_ : text_),
              row, column);
    }

    void number(lxw_row_t row, lxw_col_t column, int value) {
        if (sheet_ == nullptr || failure_) return;
        check(worksheet_write_number(sheet_, row, column, value, nullptr), row, column);
    }

private:
    void check(lxw_error error, lxw_row_t row, lxw_col_t column) {
        if (error == LXW_NO_ERROR || failure_) return;
        failure_ = {std::string(name_) + "!" + column_name(column) + std::to_string(row + 1),
                    error};
    }

    const char* name_;
    lxw_worksheet* sheet_ = nullptr;
    lxw_format* header_;
    lxw_format* text_;
    lxw_format* wrapped_;
    std::optional<std::pair<std::string, lxw_error>>& failure_;
};

std::string join_stars(const std::vector<int>& stars) {
    std::string out;
    for (int star : stars) {
        if (!out.empty()) out += "、";
        out += std::to_string(star);
    }
    return out;
}

std::string join_conditions(const std::vector<st::Condition>& conditions) {
    std::string out;
    for (st::Condition condition : conditions) {
        if (!out.empty()) out += "、";
        out += condition_word(condition);
    }
    return out;
}

std::string life_text(const std::vector<st::LifeElement>& elements) {
    std::string out;
    for (st::LifeElement element : elements) {
        if (!out.empty()) out += "、";
        out += to_string(element);
    }
    return out;
}

void write_standard_sheet(SheetWriter& sheet, const st::Standard& standard) {
    sheet.columns({{"项目", 12, false}, {"值", 60, true}, {"填写说明", 60, true}});
    struct Item {
        const char* label;
        std::string value;
        const char* hint;
    };
    const std::array<Item, 6> items{{
        {"标识", standard.id, "英文字母、数字与连字符，如 bj-construction；评定轮次按标识引用标准"},
        {"名称", standard.name, "标准全称"},
        {"版本", standard.version, "已被评定轮次使用的标准修改后，须填写新的版本号"},
        {"类型", standard.kind, "trial（指导标准(试行)）、construction（建设指导标准）或自定的词"},
        {"说明", standard.note, "随标准显示的说明，可留空"},
        {"计数范围", count_word(standard.rules.count),
         "星级门槛计入哪些指标：全部、约束性 或 引导性"},
    }};
    lxw_row_t row = 1;
    for (const Item& item : items) {
        sheet.text(row, 0, item.label);
        sheet.text(row, 1, item.value, true);
        sheet.text(row, 2, item.hint, true);
        ++row;
    }
    sheet.text(row, 0, "最高星级");
    sheet.number(row, 1, standard.rules.max_star);
    sheet.text(row, 2, "1–5 的整数；首批试点为 3", true);
}

void write_rules_sheet(SheetWriter& sheet, const st::StarRules& rules) {
    sheet.columns({{"星级", 8, false},
                   {"最低指标数", 12, false},
                   {"必要条件", 30, false},
                   {"现有星级要求", 16, false}});
    lxw_row_t row = 1;
    for (const st::StarLevel& level : rules.levels) {
        sheet.number(row, 0, level.star);
        sheet.number(row, 1, level.min);
        sheet.text(row, 2, join_conditions(level.conditions));
        if (level.current_star_in) sheet.text(row, 3, join_stars(*level.current_star_in));
        ++row;
    }
}

void write_indicator_sheet(SheetWriter& sheet, const st::Standard& standard) {
    sheet.columns({{"一级代码", 10, false},
                   {"一级名称", 20, true},
                   {"二级代码", 10, false},
                   {"二级名称", 20, true},
                   {"指标代码", 10, false},
                   {"指标内容", 60, true},
                   {"说明", 40, true},
                   {"类型", 10, false},
                   {"佐证材料", 40, true},
                   {"生活要素", 14, false},
                   {"来源", 8, false}});
    lxw_row_t row = 1;
    for (const st::Category& category : standard.categories) {
        for (const st::Subcategory& subcategory : category.subcategories) {
            for (const st::Indicator& indicator : subcategory.indicators) {
                sheet.text(row, 0, category.code);
                sheet.text(row, 1, category.name, true);
                sheet.text(row, 2, subcategory.code);
                sheet.text(row, 3, subcategory.name, true);
                sheet.text(row, 4, indicator.code);
                sheet.text(row, 5, indicator.title, true);
                if (indicator.description) sheet.text(row, 6, *indicator.description, true);
                sheet.text(row, 7, kind_word(indicator.kind));
                if (indicator.evidence_hint) sheet.text(row, 8, *indicator.evidence_hint, true);
                sheet.text(row, 9, life_text(indicator.life_elements));
                sheet.text(row, 10, provenance_word(indicator.provenance));
                ++row;
            }
        }
    }
}

Result<std::string> write(const st::Standard& standard) {
    ASSIGN_OR_RETURN(TempDir dir, TempDir::create());
    const std::string file = (dir.path() / "standard.xlsx").string();
    std::string tmpdir = dir.path().string();  // libxlsxwriter's own temporary files go here too
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = tmpdir.data();
    options.use_zip64 = LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (workbook == nullptr) return fail(Error::internal("xlsx: workbook_new_opt failed"));

    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_num_format(header, "@");
    format_set_bg_color(header, 0xDDEBF7);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* wrapped = workbook_add_format(workbook);
    format_set_num_format(wrapped, "@");
    format_set_text_wrap(wrapped);
    format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);

    std::optional<std::pair<std::string, lxw_error>> failure;
    SheetWriter standard_sheet(workbook, kStandardSheet, header, text, wrapped, failure);
    write_standard_sheet(standard_sheet, standard);
    SheetWriter rules_sheet(workbook, kRulesSheet, header, text, wrapped, failure);
    write_rules_sheet(rules_sheet, standard.rules);
    SheetWriter indicator_sheet(workbook, kIndicatorSheet, header, text, wrapped, failure);
    write_indicator_sheet(indicator_sheet, standard);

    // Closing frees the workbook whatever happened, and writes the file.
    const lxw_error closed = workbook_close(workbook);
    if (failure) {
        const auto& [cell, error] = *failure;
        if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
            std::string message =
                "单元格 " + cell + " 的文字超过 Excel 单元格上限（32767 个字符），无法导出";
            return fail(Error::invalid("xlsx_cell_too_long", message, {{cell, message}}));
        }
        return fail(Error::internal("xlsx: writing " + cell + ": " + lxw_strerror(error)));
    }
    if (closed != LXW_NO_ERROR) {
        return fail(Error::internal(std::string("xlsx: workbook_close: ") + lxw_strerror(closed)));
    }
    return read_whole_file(file);
}

}  // namespace

Result<std::string> write_standard_xlsx(const standards::Standard& standard) {
    try {
        return write(standard);
    } catch (const std::exception& error) {
        // Only allocation and the file system can throw here; nothing leaves this adapter.
        return fail(Error::internal(std::string("xlsx: ") + error.what()));
    }
}

}  // namespace hx::render

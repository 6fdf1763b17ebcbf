#include "render/standard_xlsx.hpp"

#include <array>
#include <string>
#include <vector>

#include "render/xlsx_workbook.hpp"

namespace hx::render {

namespace {

namespace st = hx::standards;

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

void write_standard_sheet(XlsxSheet& sheet, const st::Standard& standard) {
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

void write_rules_sheet(XlsxSheet& sheet, const st::StarRules& rules) {
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

void write_indicator_sheet(XlsxSheet& sheet, const st::Standard& standard) {
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
    XlsxProperties properties;
    properties.title = standard.name + " " + standard.version;
    properties.author = "慧星 · 北京市星级智慧社区认定系统";
    properties.subject = "智慧社区标准";
    return write_xlsx(
        properties, [&standard](lxw_workbook* workbook, lxw_format* header, lxw_format* text,
                                lxw_format* wrapped, XlsxFailure& failure) {
            XlsxSheet standard_sheet(workbook, kStandardSheet, header, text, wrapped, failure);
            write_standard_sheet(standard_sheet, standard);
            XlsxSheet rules_sheet(workbook, kRulesSheet, header, text, wrapped, failure);
            write_rules_sheet(rules_sheet, standard.rules);
            XlsxSheet indicator_sheet(workbook, kIndicatorSheet, header, text, wrapped, failure);
            write_indicator_sheet(indicator_sheet, standard);
        });
}

}  // namespace

Result<std::string> write_standard_xlsx(const standards::Standard& standard) {
    return write(standard);
}

}  // namespace hx::render

#include "http/dto/standards_xlsx.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "domain/standards/validation.hpp"

namespace hx::dto {

namespace {

namespace st = hx::standards;

// Beyond this many problems a workbook is garbage; naming each one helps nobody (as for JSON).
constexpr std::size_t kMaxReportedProblems = 200;

// The layout; src/render/standard_xlsx.cpp writes the same words.
constexpr std::string_view kStandardSheet = "标准";
constexpr std::string_view kRulesSheet = "星级规则";
constexpr std::string_view kIndicatorSheet = "指标";

std::string quoted(std::string_view text) {
    std::string out = "'";
    out += text;
    out += "'";
    return out;
}

std::string indexed(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

// ---- Text: cells are trimmed of ASCII whitespace, the ideographic space and no-break spaces,
// which Excel shows as nothing.

std::size_t space_prefix(std::string_view text) {
    if (text.empty()) return 0;
    const char c = text.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (text.substr(0, 3) == "\xE3\x80\x80") return 3;  // U+3000
    if (text.substr(0, 2) == "\xC2\xA0") return 2;      // U+00A0
    return 0;
}

std::size_t space_suffix(std::string_view text) {
    if (text.empty()) return 0;
    const char c = text.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (text.size() >= 3 && text.substr(text.size() - 3) == "\xE3\x80\x80") return 3;
    if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") return 2;
    return 0;
}

std::string trimmed(std::string_view text) {
    while (const std::size_t n = space_prefix(text)) text.remove_prefix(n);
    while (const std::size_t n = space_suffix(text)) text.remove_suffix(n);
    return std::string(text);
}

// The UTF-8 characters of `text` (an invalid byte is a character of its own).
std::vector<std::string_view> characters(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto lead = static_cast<unsigned char>(text[pos]);
        std::size_t length = 1;
        if (lead >= 0xF0) {
            length = 4;
        } else if (lead >= 0xE0) {
            length = 3;
        } else if (lead >= 0xC0) {
            length = 2;
        }
        length = std::min(length, text.size() - pos);
        out.push_back(text.substr(pos, length));
        pos += length;
    }
    return out;
}

bool is_separator(std::string_view character) {
    static constexpr std::array<std::string_view, 12> kSeparators{
        ",", "，", "、", ";", "；", "/", " ", "\t", "\n", "\r", "\xE3\x80\x80", "\xC2\xA0"};
    for (std::string_view separator : kSeparators) {
        if (character == separator) return true;
    }
    return false;
}

// "mechanism、作用发挥好" → {"mechanism", "作用发挥好"}: split at commas (half and full width),
// 、, semicolons, slashes and whitespace.
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (std::string_view character : characters(text)) {
        if (is_separator(character)) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            current += character;
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::optional<int> parse_int(std::string_view text) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

// ---- The Chinese words each English word may also be written as; the first is what the
// writer writes.

template <typename Enum>
struct Alias {
    std::string_view text;
    Enum value;
};

constexpr std::array<Alias<st::IndicatorKind>, 8> kKindAliases{{
    {"约束性", st::IndicatorKind::kConstraint},
    {"约束性指标", st::IndicatorKind::kConstraint},
    {"约束", st::IndicatorKind::kConstraint},
    {"引导性", st::IndicatorKind::kGuiding},
    {"引导性指标", st::IndicatorKind::kGuiding},
    {"引导", st::IndicatorKind::kGuiding},
    {"通用", st::IndicatorKind::kGeneral},
    {"一般", st::IndicatorKind::kGeneral},
}};
constexpr std::array<Alias<st::CountWhat>, 6> kCountAliases{{
    {"全部", st::CountWhat::kAll},
    {"全部指标", st::CountWhat::kAll},
    {"约束性", st::CountWhat::kConstraint},
    {"约束性指标", st::CountWhat::kConstraint},
    {"引导性", st::CountWhat::kGuiding},
    {"引导性指标", st::CountWhat::kGuiding},
}};
constexpr std::array<Alias<st::Provenance>, 2> kProvenanceAliases{{
    {"原文", st::Provenance::kSource},
    {"示例", st::Provenance::kExample},
}};
constexpr std::array<Alias<st::Condition>, 3> kConditionAliases{{
    {"建立长效机制", st::Condition::kMechanism},
    {"长效机制", st::Condition::kMechanism},
    {"作用发挥好", st::Condition::kEffective},
}};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_word(std::string_view text,
                               std::optional<Enum> (*parse)(std::string_view),
                               const std::array<Alias<Enum>, N>& aliases) {
    if (std::optional<Enum> value = parse(text)) return value;
    for (const Alias<Enum>& alias : aliases) {
        if (alias.text == text) return alias.value;
    }
    return std::nullopt;
}

std::optional<st::Condition> parse_condition_word(std::string_view text) {
    if (std::optional<st::Condition> value =
            parse_word(text, st::parse_condition, kConditionAliases)) {
        return value;
    }
    for (st::Condition condition : st::kAllConditions) {
        if (text == st::condition_label(condition)) return condition;
    }
    return std::nullopt;
}

// The domain's message for an unknown word, with the Chinese words named inside its brackets:
// 未知的指标类型 'foo'（可选：constraint、guiding、general，或 约束性、引导性、通用）.
std::string with_chinese_choices(std::string message, std::string_view chinese) {
    constexpr std::string_view kClose = "）";
    const std::string addition = "，或 " + std::string(chinese);
    if (message.size() >= kClose.size() &&
        std::string_view(message).substr(message.size() - kClose.size()) == kClose) {
        message.insert(message.size() - kClose.size(), addition);
    } else {
        message += "（或 " + std::string(chinese) + "）";
    }
    return message;
}

std::string unknown_kind(std::string_view text) {
    return with_chinese_choices(st::unknown_indicator_kind_message(text), "约束性、引导性、通用");
}
std::string unknown_count(std::string_view text) {
    return with_chinese_choices(st::unknown_count_what_message(text), "全部、约束性、引导性");
}
std::string unknown_provenance(std::string_view text) {
    return with_chinese_choices(st::unknown_provenance_message(text), "原文、示例");
}
std::string unknown_condition(std::string_view text) {
    return with_chinese_choices(st::unknown_condition_message(text), "建立长效机制、作用发挥好");
}

// ---- Problems, and where each path of the standard came from.

class Problems {
public:
    /// A problem at `field` (a cell, a header row or a sheet). `path`, when given, is the path
    /// in the standard it concerns: validate_standard's problems at or inside it are not
    /// reported again ("缺少项目 '名称'" and then "名称不能为空").
    void add(std::string field, std::string message, std::string path = {}) {
        if (!path.empty()) mark_reported(std::move(path));
        if (problems_.size() < kMaxReportedProblems) {
            problems_.push_back({std::move(field), std::move(message)});
            return;
        }
        ++unreported_;
    }

    void mark_reported(std::string path) { reported_paths_.push_back(std::move(path)); }

    [[nodiscard]] bool reported(const std::string& path) const {
        for (const std::string& done : reported_paths_) {
            if (path.compare(0, done.size(), done) != 0) continue;
            if (path.size() == done.size()) return true;
            const char next = path[done.size()];
            if (next == '.' || next == '[') return true;
        }
        return false;
    }

    void mark_counting_unknown() { counting_unknown_ = true; }
    [[nodiscard]] bool counting_unknown() const { return counting_unknown_; }

    [[nodiscard]] bool empty() const { return problems_.empty(); }

    std::vector<FieldError> take() && {
        if (unreported_ > 0) {
            problems_.push_back({"", "另有 " + std::to_string(unreported_) + " 处错误未列出"});
        }
        return std::move(problems_);
    }

private:
    std::vector<FieldError> problems_;
    std::vector<std::string> reported_paths_;
    std::size_t unreported_ = 0;
    bool counting_unknown_ = false;
};

// Path in the standard ("categories[0].subcategories[1].indicators[2].kind") → cell.
class Cells {
public:
    void set(std::string path, std::string field) { cells_[std::move(path)] = std::move(field); }

    // The cell of `path` or of the nearest enclosing path that has one.
    [[nodiscard]] std::string find(std::string path) const {
        while (true) {
            if (const auto it = cells_.find(path); it != cells_.end()) return it->second;
            const std::size_t cut = path.find_last_of(".[");
            if (cut == std::string::npos) break;
            path.resize(cut);
        }
        if (const auto it = cells_.find(path); it != cells_.end()) return it->second;
        return "";
    }

    // validate_standard names a first occurrence by its path inside the message
    // ("首次出现于 categories[0]…indicators[1]"): name the cell instead.
    [[nodiscard]] std::string rewrite_paths(std::string message) const {
        std::size_t pos = 0;
        while ((pos = message.find("categories[", pos)) != std::string::npos) {
            std::size_t end = pos;
            while (end < message.size()) {
                const char c = message[end];
                const bool path_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '[' ||
                                       c == ']';
                if (!path_char) break;
                ++end;
            }
            const std::string cell = find(message.substr(pos, end - pos));
            if (cell.empty()) {
                pos = end;
                continue;
            }
            message.replace(pos, end - pos, cell);
            pos += cell.size();
        }
        return message;
    }

private:
    std::map<std::string, std::string> cells_;
};

// ---- A sheet with its header row.

struct ColumnSpec {
    std::string_view header;
    bool required;
};

class Table {
public:
    Table(const XlsxSheet& sheet, std::vector<std::optional<std::size_t>> columns)
        : sheet_(sheet), columns_(std::move(columns)) {}

    [[nodiscard]] const std::vector<XlsxRow>& rows() const { return sheet_.rows; }
    /// The data rows: every row after the header.
    [[nodiscard]] std::size_t first_data_row() const { return 1; }

    [[nodiscard]] bool has(std::size_t spec) const { return columns_[spec].has_value(); }

    [[nodiscard]] std::string text(const XlsxRow& row, std::size_t spec) const {
        if (!columns_[spec]) return "";
        return trimmed(row.text(*columns_[spec]));
    }

    /// "指标!F12"; for a column the sheet lacks, the row's first cell.
    [[nodiscard]] std::string ref(const XlsxRow& row, std::size_t spec) const {
        const std::size_t column = columns_[spec].value_or(0);
        return sheet_.name + "!" + xlsx_cell_ref(column, row.number);
    }

    [[nodiscard]] bool row_empty(const XlsxRow& row) const {
        for (const std::optional<std::size_t>& column : columns_) {
            if (column && !trimmed(row.text(*column)).empty()) return false;
        }
        return true;
    }

private:
    const XlsxSheet& sheet_;
    std::vector<std::optional<std::size_t>> columns_;
};

std::string header_list(const std::vector<ColumnSpec>& specs) {
    std::string out;
    for (const ColumnSpec& spec : specs) {
        if (!out.empty()) out += "、";
        out += spec.header;
    }
    return out;
}

// The sheet and its columns, or nothing (and the problems reported) when the sheet is missing or
// its header lacks a required column: then its rows would only repeat one problem many times.
std::optional<Table> open_table(const XlsxWorkbook& workbook, std::string_view name,
                                const std::vector<ColumnSpec>& specs, Problems& problems) {
    const XlsxSheet* sheet = workbook.sheet(name);
    if (sheet == nullptr) {
        problems.add(std::string(name), "缺少工作表 " + quoted(name) +
                                            "（需要工作表：标准、星级规则、指标；名称须完全一致）");
        return std::nullopt;
    }
    if (sheet->rows.empty()) {
        problems.add(std::string(name), "工作表 " + quoted(name) + " 为空：第 1 行应为表头（" +
                                            header_list(specs) + "）");
        return std::nullopt;
    }
    const XlsxRow& header = sheet->rows.front();
    const std::string header_row =
        sheet->name + "!" + std::to_string(header.number) + ":" + std::to_string(header.number);
    std::vector<std::optional<std::size_t>> columns(specs.size());
    bool complete = true;
    for (const XlsxCell& cell : header.cells) {
        const std::string text = trimmed(cell.text);
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (text != specs[i].header) continue;
            if (columns[i]) {
                problems.add(sheet->name + "!" + xlsx_cell_ref(cell.column, header.number),
                             "表头 " + quoted(text) + " 重复（首次出现于 " + sheet->name + "!" +
                                 xlsx_cell_ref(*columns[i], header.number) + "）");
                complete = false;
            } else {
                columns[i] = cell.column;
            }
        }
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (columns[i] || !specs[i].required) continue;
        problems.add(header_row, "工作表 " + quoted(name) + " 的表头缺少列 " +
                                     quoted(specs[i].header) + "（第 " +
                                     std::to_string(header.number) + " 行应为表头：" +
                                     header_list(specs) + "）");
        complete = false;
    }
    if (!complete) return std::nullopt;
    return Table(*sheet, std::move(columns));
}

// ---- The three sheets.

class WorkbookParser {
public:
    explicit WorkbookParser(const XlsxWorkbook& workbook) : workbook_(workbook) {
        cells_.set("categories", std::string(kIndicatorSheet));
        cells_.set("rules", std::string(kStandardSheet));
        cells_.set("rules.levels", std::string(kRulesSheet));
        for (const char* path : {"id", "name", "version", "kind", "note"}) {
            cells_.set(path, std::string(kStandardSheet));
        }
    }

    Result<st::Standard> run() && {
        read_header();
        read_rules();
        read_indicators();

        const st::ThresholdCheck threshold_check = problems_.counting_unknown()
                                                       ? st::ThresholdCheck::kSkip
                                                       : st::ThresholdCheck::kAgainstCatalogue;
        for (FieldError& problem : st::standard_problems(standard_, threshold_check)) {
            if (problems_.reported(problem.field)) continue;
            problems_.add(cells_.find(problem.field), cells_.rewrite_paths(problem.message));
        }
        if (!problems_.empty()) {
            return fail(st::invalid_standard_error(standard_.id, std::move(problems_).take()));
        }
        return std::move(standard_);
    }

private:
    // 标准: 项目 | 值.
    enum HeaderColumn : std::size_t { kItem, kValue };
    enum Item : std::size_t { kId, kName, kVersion, kKind, kNote, kCount, kMaxStar };
    struct ItemSpec {
        std::string_view label;
        std::string_view path;
        bool required;
    };
    static constexpr std::array<ItemSpec, 7> kItems{{
        {"标识", "id", true},
        {"名称", "name", true},
        {"版本", "version", true},
        {"类型", "kind", true},
        {"说明", "note", false},
        {"计数范围", "rules.count", true},
        {"最高星级", "rules.max_star", true},
    }};

    static std::string item_list() {
        std::string out;
        for (const ItemSpec& item : kItems) {
            if (!out.empty()) out += "、";
            out += item.label;
        }
        return out;
    }

    void mark_header_unknown() {
        for (const ItemSpec& item : kItems) problems_.mark_reported(std::string(item.path));
        problems_.mark_counting_unknown();
    }

    void read_header() {
        const std::optional<Table> table =
            open_table(workbook_, kStandardSheet, {{"项目", true}, {"值", true}}, problems_);
        if (!table) {
            mark_header_unknown();
            return;
        }
        std::array<std::optional<std::string>, kItems.size()> seen;  // item → its 项目 cell
        for (std::size_t r = table->first_data_row(); r < table->rows().size(); ++r) {
            const XlsxRow& row = table->rows()[r];
            const std::string label = table->text(row, kItem);
            std::string value = table->text(row, kValue);
            if (label.empty()) {
                if (!value.empty()) {
                    problems_.add(table->ref(row, kItem),
                                  "项目名称为空（值为 " + quoted(value) + "）");
                }
                continue;
            }
            std::optional<std::size_t> item;
            for (std::size_t i = 0; i < kItems.size(); ++i) {
                // The JSON key ("name", "max_star") is accepted too.
                const std::string_view path = kItems[i].path;
                const std::string_view key = path.substr(path.rfind('.') + 1);
                if (label == kItems[i].label || label == key) item = i;
            }
            if (!item) {
                problems_.add(table->ref(row, kItem),
                              "未知的项目 " + quoted(label) + "（可选：" + item_list() + "）");
                continue;
            }
            if (seen[*item]) {
                problems_.add(table->ref(row, kItem),
                              "项目 " + quoted(label) + " 重复（首次出现于 " + *seen[*item] + "）");
                continue;
            }
            seen[*item] = table->ref(row, kItem);
            const std::string cell = table->ref(row, kValue);
            const std::string path(kItems[*item].path);
            cells_.set(path, cell);
            read_item(static_cast<Item>(*item), std::move(value), cell, path);
        }
        for (std::size_t i = 0; i < kItems.size(); ++i) {
            if (seen[i] || !kItems[i].required) continue;
            problems_.add(std::string(kStandardSheet),
                          "缺少项目 " + quoted(kItems[i].label) + "（工作表 '标准' 的项目列）",
                          std::string(kItems[i].path));
            if (i == kCount) problems_.mark_counting_unknown();
        }
    }

    void read_item(Item item, std::string value, const std::string& cell, const std::string& path) {
        switch (item) {
            case kId: standard_.id = std::move(value); return;
            case kName: standard_.name = std::move(value); return;
            case kVersion: standard_.version = std::move(value); return;
            case kKind: standard_.kind = std::move(value); return;
            case kNote: standard_.note = std::move(value); return;
            case kCount: {
                if (value.empty()) {
                    problems_.add(cell,
                                  "计数范围不能为空（可选：all、constraint、guiding，或 "
                                  "全部、约束性、引导性）",
                                  path);
                    problems_.mark_counting_unknown();
                    return;
                }
                const std::optional<st::CountWhat> what =
                    parse_word(value, st::parse_count_what, kCountAliases);
                if (what) {
                    standard_.rules.count = *what;
                } else {
                    problems_.add(cell, unknown_count(value), path);
                    problems_.mark_counting_unknown();
                }
                return;
            }
            case kMaxStar: {
                if (value.empty()) {
                    problems_.add(cell, "最高星级不能为空", path);
                    return;
                }
                if (const std::optional<int> star = parse_int(value)) {
                    standard_.rules.max_star = *star;
                } else {
                    problems_.add(cell, "最高星级应为整数，实际为 " + quoted(value), path);
                }
                return;
            }
        }
    }

    // 星级规则: one row per star.
    enum RuleColumn : std::size_t { kStar, kMin, kRequires, kCurrentStarIn };

    void read_rules() {
        const std::optional<Table> table = open_table(
            workbook_, kRulesSheet,
            {{"星级", true}, {"最低指标数", true}, {"必要条件", false}, {"现有星级要求", false}},
            problems_);
        if (!table) {
            problems_.mark_reported("rules.levels");
            return;
        }
        for (std::size_t r = table->first_data_row(); r < table->rows().size(); ++r) {
            const XlsxRow& row = table->rows()[r];
            if (table->row_empty(row)) continue;
            const std::string base = indexed("rules.levels", standard_.rules.levels.size());
            st::StarLevel& level = standard_.rules.levels.emplace_back();
            cells_.set(base, table->ref(row, kStar));
            cells_.set(base + ".star", table->ref(row, kStar));
            cells_.set(base + ".min", table->ref(row, kMin));
            cells_.set(base + ".requires",
                       table->ref(row, table->has(kRequires) ? kRequires : kStar));
            cells_.set(base + ".current_star_in",
                       table->ref(row, table->has(kCurrentStarIn) ? kCurrentStarIn : kStar));
            level.star = read_int(*table, row, kStar, "星级", base + ".star");
            level.min = read_int(*table, row, kMin, "最低指标数", base + ".min");
            for (const std::string& word : words(table->text(row, kRequires))) {
                if (const std::optional<st::Condition> condition = parse_condition_word(word)) {
                    level.conditions.push_back(*condition);
                } else {
                    problems_.add(table->ref(row, kRequires), unknown_condition(word));
                }
            }
            read_prerequisite(*table, row, level);
        }
    }

    int read_int(const Table& table, const XlsxRow& row, std::size_t column, std::string_view what,
                 const std::string& path) {
        const std::string text = table.text(row, column);
        if (text.empty()) {
            problems_.add(table.ref(row, column), std::string(what) + "不能为空", path);
            return 0;
        }
        if (const std::optional<int> value = parse_int(text)) return *value;
        problems_.add(table.ref(row, column),
                      std::string(what) + "应为整数，实际为 " + quoted(text), path);
        return 0;
    }

    void read_prerequisite(const Table& table, const XlsxRow& row, st::StarLevel& level) {
        const std::vector<std::string> list = words(table.text(row, kCurrentStarIn));
        if (list.empty()) return;  // no prerequisite
        std::vector<int> stars;
        for (const std::string& word : list) {
            if (const std::optional<int> star = parse_int(word)) {
                stars.push_back(*star);
            } else {
                problems_.add(
                    table.ref(row, kCurrentStarIn),
                    "现有星级要求中的 " + quoted(word) + " 应为整数（如 3、4；不设要求时留空）");
            }
        }
        if (!stars.empty()) level.current_star_in = std::move(stars);
    }

    // 指标: one row per indicator; empty category and subcategory cells repeat the row above
    // (merged cells in Excel keep their value in the first row only).
    enum IndicatorColumn : std::size_t {
        kCategoryCode,
        kCategoryName,
        kSubcategoryCode,
        kSubcategoryName,
        kCode,
        kTitle,
        kDescription,
        kKindColumn,
        kEvidence,
        kLife,
        kSource,
    };

    struct Group {
        std::string name_cell;  // where the name was first given
        std::vector<std::string> sub_name_cells;
    };

    void read_indicators() {
        const std::optional<Table> table = open_table(workbook_, kIndicatorSheet,
                                                      {{"一级代码", true},
                                                       {"一级名称", true},
                                                       {"二级代码", true},
                                                       {"二级名称", true},
                                                       {"指标代码", true},
                                                       {"指标内容", true},
                                                       {"说明", false},
                                                       {"类型", true},
                                                       {"佐证材料", false},
                                                       {"生活要素", false},
                                                       {"来源", true}},
                                                      problems_);
        if (!table) {
            problems_.mark_reported("categories");
            problems_.mark_counting_unknown();
            return;
        }
        std::vector<Group> groups;  // parallel to standard_.categories
        std::optional<std::size_t> current_category;
        std::optional<std::size_t> current_subcategory;
        for (std::size_t r = table->first_data_row(); r < table->rows().size(); ++r) {
            const XlsxRow& row = table->rows()[r];
            if (table->row_empty(row)) continue;
            const std::optional<std::size_t> c = category_of(*table, row, groups, current_category);
            if (!c) continue;
            const bool same_category = current_category == c;
            current_category = c;
            if (!same_category) current_subcategory.reset();
            const std::optional<std::size_t> s =
                subcategory_of(*table, row, *c, groups[*c], current_subcategory);
            if (!s) continue;
            current_subcategory = s;
            read_indicator(*table, row, *c, *s);
        }
    }

    std::optional<std::size_t> category_of(const Table& table, const XlsxRow& row,
                                           std::vector<Group>& groups,
                                           std::optional<std::size_t> current) {
        const std::string code = table.text(row, kCategoryCode);
        const std::string name = table.text(row, kCategoryName);
        if (code.empty()) {
            if (!name.empty()) {
                problems_.add(table.ref(row, kCategoryCode),
                              "一级代码不能为空（一级名称为 " + quoted(name) + "）");
                return std::nullopt;
            }
            if (!current) {
                problems_.add(table.ref(row, kCategoryCode), "一级代码不能为空");
                return std::nullopt;
            }
            return current;
        }
        std::vector<st::Category>& categories = standard_.categories;
        for (std::size_t c = 0; c < categories.size(); ++c) {
            if (categories[c].code != code) continue;
            check_name(categories[c].name, groups[c].name_cell, name, table.ref(row, kCategoryName),
                       indexed("categories", c) + ".name", "一级类别", code);
            return c;
        }
        const std::size_t c = categories.size();
        const std::string base = indexed("categories", c);
        categories.push_back(st::Category{code, name, {}});
        groups.push_back(Group{table.ref(row, kCategoryName), {}});
        cells_.set(base, table.ref(row, kCategoryCode));
        cells_.set(base + ".code", table.ref(row, kCategoryCode));
        cells_.set(base + ".name", table.ref(row, kCategoryName));
        return c;
    }

    std::optional<std::size_t> subcategory_of(const Table& table, const XlsxRow& row, std::size_t c,
                                              Group& group, std::optional<std::size_t> current) {
        const std::string code = table.text(row, kSubcategoryCode);
        const std::string name = table.text(row, kSubcategoryName);
        if (code.empty()) {
            if (!name.empty()) {
                problems_.add(table.ref(row, kSubcategoryCode),
                              "二级代码不能为空（二级名称为 " + quoted(name) + "）");
                return std::nullopt;
            }
            if (!current) {
                problems_.add(table.ref(row, kSubcategoryCode),
                              "二级代码不能为空（一级类别 " + quoted(standard_.categories[c].code) +
                                  " 的第一行须填写）");
                return std::nullopt;
            }
            return current;
        }
        std::vector<st::Subcategory>& subcategories = standard_.categories[c].subcategories;
        const std::string cbase = indexed("categories", c) + ".subcategories";
        for (std::size_t s = 0; s < subcategories.size(); ++s) {
            if (subcategories[s].code != code) continue;
            check_name(subcategories[s].name, group.sub_name_cells[s], name,
                       table.ref(row, kSubcategoryName), indexed(cbase, s) + ".name", "二级类别",
                       code);
            return s;
        }
        const std::size_t s = subcategories.size();
        const std::string base = indexed(cbase, s);
        subcategories.push_back(st::Subcategory{code, name, {}});
        group.sub_name_cells.push_back(table.ref(row, kSubcategoryName));
        cells_.set(base, table.ref(row, kSubcategoryCode));
        cells_.set(base + ".code", table.ref(row, kSubcategoryCode));
        cells_.set(base + ".name", table.ref(row, kSubcategoryName));
        return s;
    }

    // A later row may leave a group's name empty, or give it when the first row did not; a
    // different name is a mistake.
    void check_name(std::string& name, std::string& name_cell, const std::string& given,
                    const std::string& given_cell, const std::string& path, std::string_view what,
                    const std::string& code) {
        if (given.empty() || given == name) return;
        if (name.empty()) {
            name = given;
            name_cell = given_cell;
            cells_.set(path, given_cell);
            return;
        }
        problems_.add(given_cell, std::string(what) + " " + quoted(code) + " 的名称 " +
                                      quoted(given) + " 与 " + name_cell + " 的 " + quoted(name) +
                                      " 不一致");
    }

    void read_indicator(const Table& table, const XlsxRow& row, std::size_t c, std::size_t s) {
        std::vector<st::Indicator>& indicators =
            standard_.categories[c].subcategories[s].indicators;
        const std::string base =
            indexed(indexed(indexed("categories", c) + ".subcategories", s) + ".indicators",
                    indicators.size());
        st::Indicator& indicator = indicators.emplace_back();
        cells_.set(base, table.ref(row, kCode));
        cells_.set(base + ".code", table.ref(row, kCode));
        cells_.set(base + ".title", table.ref(row, kTitle));
        cells_.set(base + ".life_elements", table.ref(row, table.has(kLife) ? kLife : kCode));

        indicator.code = table.text(row, kCode);
        indicator.title = table.text(row, kTitle);
        if (std::string text = table.text(row, kDescription); !text.empty()) {
            indicator.description = std::move(text);
        }
        if (std::string text = table.text(row, kEvidence); !text.empty()) {
            indicator.evidence_hint = std::move(text);
        }

        const std::string kind = table.text(row, kKindColumn);
        const std::optional<st::IndicatorKind> parsed_kind =
            kind.empty() ? std::nullopt : parse_word(kind, st::parse_indicator_kind, kKindAliases);
        if (parsed_kind) {
            indicator.kind = *parsed_kind;
        } else {
            problems_.add(table.ref(row, kKindColumn),
                          kind.empty() ? "指标类型不能为空（可选：constraint、guiding、general，或 "
                                         "约束性、引导性、通用）"
                                       : unknown_kind(kind),
                          base + ".kind");
            problems_.mark_counting_unknown();
        }

        // An unreadable source is taken as an example: never claim a text is official.
        const std::string source = table.text(row, kSource);
        const std::optional<st::Provenance> provenance =
            source.empty() ? std::nullopt
                           : parse_word(source, st::parse_provenance, kProvenanceAliases);
        indicator.provenance = provenance.value_or(st::Provenance::kExample);
        if (!provenance) {
            problems_.add(table.ref(row, kSource),
                          source.empty() ? "来源不能为空（可选：source、example，或 原文、示例）"
                                         : unknown_provenance(source),
                          base + ".provenance");
        }

        const std::string life = table.text(row, kLife);  // outlives the views into it
        for (std::string_view character : characters(life)) {
            if (is_separator(character)) continue;
            if (const std::optional<st::LifeElement> element = st::parse_life_element(character)) {
                indicator.life_elements.push_back(*element);
            } else {
                problems_.add(table.ref(row, kLife), st::unknown_life_element_message(character));
            }
        }
    }

    const XlsxWorkbook& workbook_;
    st::Standard standard_;
    Problems problems_;
    Cells cells_;
};

}  // namespace

Result<standards::Standard> parse_standard_workbook(const XlsxWorkbook& workbook) {
    try {
        return WorkbookParser(workbook).run();
    } catch (const std::exception&) {
        // Only allocation can throw here; no library exception leaves this adapter.
        return fail(st::invalid_standard_error("", {{"", "工作簿无法解析"}}));
    }
}

Result<standards::Standard> parse_standard_xlsx(std::string_view bytes) {
    ASSIGN_OR_RETURN(const XlsxWorkbook workbook, read_xlsx(bytes));
    return parse_standard_workbook(workbook);
}

}  // namespace hx::dto

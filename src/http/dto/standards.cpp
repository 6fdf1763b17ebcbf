#include "http/dto/standards.hpp"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "domain/standards/validation.hpp"

namespace hx::dto {

namespace {

using nlohmann::json;
namespace st = hx::standards;

// Beyond this many problems a document is garbage; naming each one helps nobody.
constexpr std::size_t kMaxReportedProblems = 200;

enum class Presence { kRequired, kOptional };

const char* type_label(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "对象";
        case json::value_t::array: return "数组";
        case json::value_t::string: return "字符串";
        case json::value_t::boolean: return "布尔值";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "整数";
        case json::value_t::number_float: return "小数";
        case json::value_t::binary: return "二进制数据";
        case json::value_t::discarded: return "无效值";
    }
    return "未知类型";
}

std::string join(const std::string& path, std::string_view key) {
    if (path.empty()) return std::string(key);
    return path + "." + std::string(key);
}

std::string indexed(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

// An integer that fits an int, or nothing (floats, booleans and huge numbers are not stars).
std::optional<int> as_int(const json& value) {
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        if (number > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
            return std::nullopt;
        }
        return static_cast<int>(number);
    }
    if (value.is_number_integer()) {
        const auto number = value.get<std::int64_t>();
        if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
            return std::nullopt;
        }
        return static_cast<int>(number);
    }
    return std::nullopt;
}

// Walks a document and collects every problem with its path, instead of stopping at the first.
// Uses only nlohmann's non-throwing accessors (find, is_*, get after a type check).
class Reader {
public:
    void add(std::string field, std::string message) {
        if (problems_.size() < kMaxReportedProblems) {
            problems_.push_back({std::move(field), std::move(message)});
            return;
        }
        ++unreported_;
    }

    std::vector<FieldError> take() && {
        if (unreported_ > 0) {
            problems_.push_back({"", "另有 " + std::to_string(unreported_) + " 处错误未列出"});
        }
        return std::move(problems_);
    }

    [[nodiscard]] bool empty() const { return problems_.empty(); }

    // Set when an indicator kind or the rules' count could not be read: what is countable is
    // then unknown, and the thresholds are not checked against it.
    void mark_counting_unknown() { counting_unknown_ = true; }
    [[nodiscard]] bool counting_unknown() const { return counting_unknown_; }

    // The member, or null when it is absent (a null value counts as absent); a missing required
    // member is reported.
    const json* member(const json& object, std::string_view key, const std::string& path,
                       Presence presence) {
        const auto it = object.find(key);
        if (it != object.end() && !it->is_null()) return &*it;
        if (presence == Presence::kRequired) {
            add(join(path, key), "缺少必填字段 '" + std::string(key) + "'");
        }
        return nullptr;
    }

    std::optional<std::string> string(const json& object, std::string_view key,
                                      const std::string& path, Presence presence) {
        const json* value = member(object, key, path, presence);
        if (value == nullptr) return std::nullopt;
        return string_value(*value, join(path, key));
    }

    std::optional<std::string> string_value(const json& value, const std::string& field) {
        if (value.is_string()) return value.get<std::string>();
        wrong_type(field, "字符串", value);
        return std::nullopt;
    }

    std::optional<int> integer(const json& object, std::string_view key, const std::string& path,
                               Presence presence) {
        const json* value = member(object, key, path, presence);
        if (value == nullptr) return std::nullopt;
        return integer_value(*value, join(path, key));
    }

    std::optional<int> integer_value(const json& value, const std::string& field) {
        if (std::optional<int> number = as_int(value)) return number;
        if (value.is_number_integer()) {
            add(field, "整数 " + value.dump() + " 超出范围");
        } else {
            wrong_type(field, "整数", value);
        }
        return std::nullopt;
    }

    std::optional<bool> boolean(const json& object, std::string_view key, const std::string& path,
                                Presence presence) {
        const json* value = member(object, key, path, presence);
        if (value == nullptr) return std::nullopt;
        if (value->is_boolean()) return value->get<bool>();
        wrong_type(join(path, key), "布尔值", *value);
        return std::nullopt;
    }

    const json* array(const json& object, std::string_view key, const std::string& path,
                      Presence presence) {
        const json* value = member(object, key, path, presence);
        if (value == nullptr || value->is_array()) return value;
        wrong_type(join(path, key), "数组", *value);
        return nullptr;
    }

    const json* object(const json& parent, std::string_view key, const std::string& path,
                       Presence presence) {
        const json* value = member(parent, key, path, presence);
        if (value == nullptr || value->is_object()) return value;
        wrong_type(join(path, key), "对象", *value);
        return nullptr;
    }

    // For array elements: whether `value` is an object, reporting it when not.
    bool expect_object(const json& value, const std::string& field) {
        if (value.is_object()) return true;
        wrong_type(field, "对象", value);
        return false;
    }

private:
    void wrong_type(const std::string& field, std::string_view expected, const json& value) {
        add(field, "应为" + std::string(expected) + "，实际为" + type_label(value));
    }

    std::vector<FieldError> problems_;
    std::size_t unreported_ = 0;
    bool counting_unknown_ = false;
};

// Reads a word and maps it with one of the domain's parse functions, reporting unknown words
// with the domain's message.
template <typename Enum>
std::optional<Enum> read_enum(Reader& reader, const json& value, const std::string& field,
                              std::optional<Enum> (*parse)(std::string_view),
                              std::string (*unknown)(std::string_view)) {
    const std::optional<std::string> text = reader.string_value(value, field);
    if (!text) return std::nullopt;
    std::optional<Enum> parsed = parse(*text);
    if (!parsed) reader.add(field, unknown(*text));
    return parsed;
}

void read_level(Reader& reader, const json& value, const std::string& path, st::StarLevel& level) {
    if (!reader.expect_object(value, path)) return;
    level.star = reader.integer(value, "star", path, Presence::kRequired).value_or(0);
    level.min = reader.integer(value, "min", path, Presence::kRequired).value_or(0);
    if (const json* requires_list = reader.array(value, "requires", path, Presence::kOptional)) {
        const std::string field = join(path, "requires");
        for (std::size_t i = 0; i < requires_list->size(); ++i) {
            const std::optional<st::Condition> condition =
                read_enum<st::Condition>(reader, (*requires_list)[i], indexed(field, i),
                                         st::parse_condition, st::unknown_condition_message);
            if (condition) level.conditions.push_back(*condition);
        }
    }
    if (const json* stars = reader.array(value, "current_star_in", path, Presence::kOptional)) {
        const std::string field = join(path, "current_star_in");
        std::vector<int> accepted;
        for (std::size_t i = 0; i < stars->size(); ++i) {
            if (std::optional<int> star = reader.integer_value((*stars)[i], indexed(field, i))) {
                accepted.push_back(*star);
            }
        }
        // An empty list is a rule problem only when the file wrote it empty; when none of its
        // elements could be read, those are the problems already reported.
        if (!accepted.empty() || stars->empty()) level.current_star_in = std::move(accepted);
    }
}

void read_rules(Reader& reader, const json& value, st::StarRules& rules) {
    const std::string path = "rules";
    if (const json* count = reader.member(value, "count", path, Presence::kRequired)) {
        const std::optional<st::CountWhat> what =
            read_enum<st::CountWhat>(reader, *count, join(path, "count"), st::parse_count_what,
                                     st::unknown_count_what_message);
        if (what) rules.count = *what;
        if (!what) reader.mark_counting_unknown();
    } else {
        reader.mark_counting_unknown();
    }
    rules.max_star =
        reader.integer(value, "max_star", path, Presence::kRequired).value_or(st::kMaxStar);
    const json* levels = reader.array(value, "levels", path, Presence::kRequired);
    if (levels == nullptr) return;
    for (std::size_t i = 0; i < levels->size(); ++i) {
        read_level(reader, (*levels)[i], indexed(join(path, "levels"), i),
                   rules.levels.emplace_back());
    }
}

void read_indicator(Reader& reader, const json& value, const std::string& path,
                    st::Indicator& indicator) {
    if (!reader.expect_object(value, path)) {
        reader.mark_counting_unknown();
        return;
    }
    indicator.code = reader.string(value, "code", path, Presence::kRequired).value_or("");
    indicator.title = reader.string(value, "title", path, Presence::kRequired).value_or("");
    indicator.description = reader.string(value, "description", path, Presence::kOptional);
    indicator.evidence_hint = reader.string(value, "evidence_hint", path, Presence::kOptional);
    if (const json* kind = reader.member(value, "kind", path, Presence::kRequired)) {
        const std::optional<st::IndicatorKind> parsed = read_enum<st::IndicatorKind>(
            reader, *kind, join(path, "kind"), st::parse_indicator_kind,
            st::unknown_indicator_kind_message);
        if (parsed) indicator.kind = *parsed;
        if (!parsed) reader.mark_counting_unknown();
    } else {
        reader.mark_counting_unknown();
    }
    if (const json* provenance = reader.member(value, "provenance", path, Presence::kRequired)) {
        // An unreadable provenance is taken as an example: never claim a text is official.
        indicator.provenance =
            read_enum<st::Provenance>(reader, *provenance, join(path, "provenance"),
                                      st::parse_provenance, st::unknown_provenance_message)
                .value_or(st::Provenance::kExample);
    }
    if (const json* elements = reader.array(value, "life_elements", path, Presence::kOptional)) {
        const std::string field = join(path, "life_elements");
        for (std::size_t i = 0; i < elements->size(); ++i) {
            const std::optional<st::LifeElement> element = read_enum<st::LifeElement>(
                reader, (*elements)[i], indexed(field, i), st::parse_life_element,
                st::unknown_life_element_message);
            if (element) indicator.life_elements.push_back(*element);
        }
    }
}

void read_subcategory(Reader& reader, const json& value, const std::string& path,
                      st::Subcategory& subcategory) {
    if (!reader.expect_object(value, path)) return;
    subcategory.code = reader.string(value, "code", path, Presence::kRequired).value_or("");
    subcategory.name = reader.string(value, "name", path, Presence::kRequired).value_or("");
    const json* indicators = reader.array(value, "indicators", path, Presence::kRequired);
    if (indicators == nullptr) return;
    for (std::size_t i = 0; i < indicators->size(); ++i) {
        read_indicator(reader, (*indicators)[i], indexed(join(path, "indicators"), i),
                       subcategory.indicators.emplace_back());
    }
}

void read_category(Reader& reader, const json& value, const std::string& path,
                   st::Category& category) {
    if (!reader.expect_object(value, path)) return;
    category.code = reader.string(value, "code", path, Presence::kRequired).value_or("");
    category.name = reader.string(value, "name", path, Presence::kRequired).value_or("");
    const json* subcategories = reader.array(value, "subcategories", path, Presence::kRequired);
    if (subcategories == nullptr) return;
    for (std::size_t i = 0; i < subcategories->size(); ++i) {
        read_subcategory(reader, (*subcategories)[i], indexed(join(path, "subcategories"), i),
                         category.subcategories.emplace_back());
    }
}

// A rule problem at a field that already has a parse problem (or lies inside one) says the same
// thing twice: "missing 'id'" and then "id is empty".
bool already_reported(const std::vector<FieldError>& parse_problems, const std::string& field) {
    for (const FieldError& problem : parse_problems) {
        const std::string& reported = problem.field;
        if (field.compare(0, reported.size(), reported) != 0) continue;
        if (field.size() == reported.size()) return true;
        const char next = field[reported.size()];
        if (reported.empty() || next == '.' || next == '[') return true;
    }
    return false;
}

json counts_to_json(const st::Standard& standard) {
    const st::KindCounts counts = standard.count_by_kind();
    json out = json::object();
    out["total"] = counts.total;
    out["constraint"] = counts.constraint;
    out["guiding"] = counts.guiding;
    out["general"] = counts.general;
    out["countable"] = standard.countable_total();
    return out;
}

json rules_to_json(const st::StarRules& rules) {
    json levels = json::array();
    for (const st::StarLevel& level : rules.levels) {
        json item = json::object();
        item["star"] = level.star;
        item["min"] = level.min;
        json conditions = json::array();
        for (st::Condition condition : level.conditions) conditions.push_back(to_string(condition));
        item["requires"] = std::move(conditions);
        if (level.current_star_in) item["current_star_in"] = *level.current_star_in;
        levels.push_back(std::move(item));
    }
    json out = json::object();
    out["count"] = to_string(rules.count);
    out["max_star"] = rules.max_star;
    out["levels"] = std::move(levels);
    return out;
}

json indicator_to_json(const st::Indicator& indicator) {
    json out = json::object();
    out["code"] = indicator.code;
    out["title"] = indicator.title;
    if (indicator.description) out["description"] = *indicator.description;
    out["kind"] = to_string(indicator.kind);
    if (indicator.evidence_hint) out["evidence_hint"] = *indicator.evidence_hint;
    json elements = json::array();
    for (st::LifeElement element : indicator.life_elements) elements.push_back(to_string(element));
    out["life_elements"] = std::move(elements);
    out["provenance"] = to_string(indicator.provenance);
    return out;
}

json categories_to_json(const std::vector<st::Category>& categories) {
    json out = json::array();
    for (const st::Category& category : categories) {
        json subcategories = json::array();
        for (const st::Subcategory& subcategory : category.subcategories) {
            json indicators = json::array();
            for (const st::Indicator& indicator : subcategory.indicators) {
                indicators.push_back(indicator_to_json(indicator));
            }
            json item = json::object();
            item["code"] = subcategory.code;
            item["name"] = subcategory.name;
            item["indicators"] = std::move(indicators);
            subcategories.push_back(std::move(item));
        }
        json item = json::object();
        item["code"] = category.code;
        item["name"] = category.name;
        item["subcategories"] = std::move(subcategories);
        out.push_back(std::move(item));
    }
    return out;
}

json stars_to_json(const std::vector<int>& stars) {
    json out = json::array();
    for (int star : stars) out.push_back(star);
    return out;
}

json conditions_to_json(const std::vector<st::Condition>& conditions) {
    json out = json::array();
    for (st::Condition condition : conditions) out.push_back(to_string(condition));
    return out;
}

}  // namespace

Result<standards::Standard> parse_standard(const nlohmann::json& json_value) {
    try {
        Reader reader;
        st::Standard standard;
        if (!json_value.is_object()) {
            reader.add("", std::string("标准应为 JSON 对象，实际为") + type_label(json_value));
            return fail(st::invalid_standard_error("", std::move(reader).take()));
        }
        const std::string root;
        standard.id = reader.string(json_value, "id", root, Presence::kRequired).value_or("");
        standard.name = reader.string(json_value, "name", root, Presence::kRequired).value_or("");
        standard.version =
            reader.string(json_value, "version", root, Presence::kRequired).value_or("");
        standard.kind = reader.string(json_value, "kind", root, Presence::kRequired).value_or("");
        standard.note = reader.string(json_value, "note", root, Presence::kOptional).value_or("");
        if (const json* rules = reader.object(json_value, "rules", root, Presence::kRequired)) {
            read_rules(reader, *rules, standard.rules);
        }
        if (const json* categories =
                reader.array(json_value, "categories", root, Presence::kRequired)) {
            for (std::size_t i = 0; i < categories->size(); ++i) {
                read_category(reader, (*categories)[i], indexed("categories", i),
                              standard.categories.emplace_back());
            }
        }

        const st::ThresholdCheck threshold_check = reader.counting_unknown()
                                                       ? st::ThresholdCheck::kSkip
                                                       : st::ThresholdCheck::kAgainstCatalogue;
        const std::vector<FieldError> parse_problems = std::move(reader).take();
        std::vector<FieldError> problems = parse_problems;
        for (FieldError& problem : st::standard_problems(standard, threshold_check)) {
            if (already_reported(parse_problems, problem.field)) continue;
            problems.push_back(std::move(problem));
        }
        if (!problems.empty()) {
            return fail(st::invalid_standard_error(standard.id, std::move(problems)));
        }
        return standard;
    } catch (const nlohmann::json::exception&) {
        // Unreachable with the checked accessors above; kept so that no library exception ever
        // leaves this adapter.
        return fail(st::invalid_standard_error("", {{"", "标准文件无法解析"}}));
    }
}

Result<standards::Standard> parse_standard_text(std::string_view text) {
    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        return fail(st::invalid_standard_error(
            "", {{"", "JSON 格式错误（第 " + std::to_string(error.byte) + " 字节附近）"}}));
    } catch (const nlohmann::json::exception&) {
        // A number beyond double (1e400) is out_of_range, not parse_error (found by fuzzing).
        return fail(st::invalid_standard_error("", {{"", "JSON 中的数值超出范围"}}));
    }
    return parse_standard(document);
}

nlohmann::json standard_summary_json(const standards::Standard& standard) {
    json out = json::object();
    out["id"] = standard.id;
    out["name"] = standard.name;
    out["version"] = standard.version;
    out["kind"] = standard.kind;
    out["note"] = standard.note;
    out["rules"] = rules_to_json(standard.rules);
    out["counts"] = counts_to_json(standard);
    const bool has_example = standard.has_example_provenance();
    out["has_example_provenance"] = has_example;
    if (has_example) out["provenance_notice"] = std::string(st::kProvenanceNotice);
    return out;
}

nlohmann::json standard_json(const standards::Standard& standard) {
    json out = standard_summary_json(standard);
    out["categories"] = categories_to_json(standard.categories);
    return out;
}

nlohmann::json rating_result_json(const standards::RatingResult& result) {
    json counts = json::object();
    counts["total"] = result.counts.total;
    counts["constraint"] = result.counts.constraint;
    counts["guiding"] = result.counts.guiding;
    counts["general"] = result.counts.general;
    counts["counted"] = result.counts.counted;

    json levels = json::array();
    for (const st::LevelOutcome& level : result.levels) {
        json conditions = json::array();
        for (const st::ConditionOutcome& condition : level.conditions) {
            json item = json::object();
            item["condition"] = to_string(condition.condition);
            item["held"] = condition.held;
            conditions.push_back(std::move(item));
        }
        json prerequisite = json::object();
        prerequisite["required"] = stars_to_json(level.prerequisite.required);
        prerequisite["held"] = level.prerequisite.held;
        json item = json::object();
        item["star"] = level.star;
        item["min"] = level.min;
        item["counted"] = level.counted;
        item["threshold_met"] = level.threshold_met;
        item["conditions"] = std::move(conditions);
        item["prerequisite"] = std::move(prerequisite);
        item["eligible"] = level.eligible;
        levels.push_back(std::move(item));
    }

    json next = nullptr;
    if (result.next) {
        next = json::object();
        next["star"] = result.next->star;
        next["missing"] = result.next->missing;
        next["missing_conditions"] = conditions_to_json(result.next->missing_conditions);
        next["missing_prerequisite"] = stars_to_json(result.next->missing_prerequisite);
    }

    json out = json::object();
    out["eligible_star"] = result.eligible_star;
    out["counts"] = std::move(counts);
    out["levels"] = std::move(levels);
    out["next"] = std::move(next);
    return out;
}

Result<RatingRequest> parse_rating_request(const nlohmann::json& json_value) {
    Reader reader;
    RatingRequest request;
    if (!json_value.is_object()) {
        reader.add("", std::string("请求体应为 JSON 对象，实际为") + type_label(json_value));
        return fail(Error::invalid(std::string(kInvalidRequest), "请求体格式错误",
                                   std::move(reader).take()));
    }
    const std::string root;
    if (std::optional<std::string> id =
            reader.string(json_value, "standard_id", root, Presence::kRequired)) {
        if (id->empty()) reader.add("standard_id", "标准编号（standard_id）不能为空");
        request.standard_id = std::move(*id);
    }
    if (const json* achieved = reader.array(json_value, "achieved", root, Presence::kRequired)) {
        request.input.achieved.reserve(achieved->size());
        for (std::size_t i = 0; i < achieved->size(); ++i) {
            const json& code = (*achieved)[i];
            if (code.is_string()) {
                request.input.achieved.push_back(code.get<std::string>());
            } else if (code.is_number_unsigned()) {
                request.input.achieved.push_back(std::to_string(code.get<std::uint64_t>()));
            } else if (code.is_number_integer()) {
                request.input.achieved.push_back(std::to_string(code.get<std::int64_t>()));
            } else {
                reader.add(indexed("achieved", i),
                           std::string("指标编号应为字符串或整数，实际为") + type_label(code));
            }
        }
    }
    request.input.claims.current_star =
        reader.integer(json_value, "current_star", root, Presence::kOptional).value_or(0);
    request.input.claims.mechanism =
        reader.boolean(json_value, "mechanism", root, Presence::kOptional).value_or(false);
    request.input.claims.effective =
        reader.boolean(json_value, "effective", root, Presence::kOptional).value_or(false);

    if (!reader.empty()) {
        std::vector<FieldError> problems = std::move(reader).take();
        std::string message = problems.size() == 1
                                  ? problems.front().message
                                  : "请求有 " + std::to_string(problems.size()) + " 处错误";
        return fail(
            Error::invalid(std::string(kInvalidRequest), std::move(message), std::move(problems)));
    }
    return request;
}

}  // namespace hx::dto

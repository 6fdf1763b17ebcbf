// JSON ↔ domain for standards and rating (src/http/dto/standards.*).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/standards/rating.hpp"
#include "http/dto/standards.hpp"
#include "standards_test_support.hpp"

namespace hx::dto {
namespace {

using nlohmann::json;
using standards::test_support::fields_of;
using standards::test_support::message_at;
using standards::test_support::standard_text;

// ---- The two data files survive a round trip unchanged.

class StandardsDtoRoundTripTest : public ::testing::TestWithParam<const char*> {};

TEST_P(StandardsDtoRoundTripTest, FileRoundTrips) {
    const std::string text = standard_text(GetParam());
    ASSERT_FALSE(text.empty()) << "cannot read the data file " << GetParam();
    const json original = json::parse(text);
    const Result<standards::Standard> standard = parse_standard(original);
    ASSERT_TRUE(standard.has_value()) << standard.error().message();

    json written = standard_json(*standard);
    EXPECT_EQ(written.at("has_example_provenance"), true);
    EXPECT_EQ(
        written.at("provenance_notice"),
        "本标准含示例指标文本（provenance=example），正式认定前须由市社会办导入官方指标文本。");
    ASSERT_TRUE(written.contains("counts"));
    written.erase("has_example_provenance");
    written.erase("provenance_notice");
    written.erase("counts");
    EXPECT_EQ(written, original) << "differences: " << json::diff(original, written).dump(1);

    // What we write, we read back to the same standard.
    const Result<standards::Standard> again = parse_standard(standard_json(*standard));
    ASSERT_TRUE(again.has_value());
    EXPECT_TRUE(*again == *standard) << "operator== sees a difference the JSON does not";
    EXPECT_EQ(standard_json(*again), standard_json(*standard));
}

INSTANTIATE_TEST_SUITE_P(DataFiles, StandardsDtoRoundTripTest,
                         ::testing::Values("bj-trial", "bj-construction"));

TEST(StandardsDtoTest, CountsAndSummary) {
    const Result<standards::Standard> trial = parse_standard_text(standard_text("bj-trial"));
    ASSERT_TRUE(trial.has_value());
    const json written = standard_json(*trial);
    EXPECT_EQ(
        written.at("counts"),
        json::parse(R"({"total":50,"constraint":31,"guiding":19,"general":0,"countable":31})"));
    const json summary = standard_summary_json(*trial);
    EXPECT_FALSE(summary.contains("categories"));
    EXPECT_EQ(summary.at("rules").at("count"), "constraint");
    EXPECT_EQ(summary.at("id"), "bj-trial");
}

TEST(StandardsDtoTest, NoNoticeWithoutExamples) {
    standards::Standard standard = standards::test_support::make_standard();
    standard.categories[0].subcategories[0].indicators[0].description = "说明";
    standard.categories[0].subcategories[0].indicators[0].evidence_hint = "照片";
    const json written = standard_json(standard);
    EXPECT_EQ(written.at("has_example_provenance"), false);
    EXPECT_FALSE(written.contains("provenance_notice"));
    const json& first = written.at("categories")[0].at("subcategories")[0].at("indicators")[0];
    EXPECT_EQ(first.at("description"), "说明");
    EXPECT_EQ(first.at("evidence_hint"), "照片");
    EXPECT_FALSE(written.at("categories")[0].at("subcategories")[0].at("indicators")[1].contains(
        "description"));
    const Result<standards::Standard> back = parse_standard(written);
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_EQ(back->categories[0].subcategories[0].indicators[0].evidence_hint, "照片");
}

// ---- Parse problems: all of them, each at its path.

json minimal_standard() {
    return json::parse(R"({
      "id": "t", "name": "测试", "version": "1", "kind": "trial", "note": "",
      "rules": {"count": "constraint", "max_star": 3,
                "levels": [{"star": 1, "min": 1, "requires": ["mechanism"]}]},
      "categories": [{"code": "1", "name": "一", "subcategories": [{"code": "1.1", "name": "二",
        "indicators": [{"code": "1", "title": "甲", "kind": "constraint", "life_elements": ["住"],
                        "provenance": "source"}]}]}]
    })");
}

TEST(StandardsDtoTest, MinimalStandardParses) {
    const Result<standards::Standard> standard = parse_standard(minimal_standard());
    ASSERT_TRUE(standard.has_value()) << standard.error().message();
    EXPECT_EQ(standard->rules.levels[0].conditions,
              (std::vector<standards::Condition>{standards::Condition::kMechanism}));
    EXPECT_FALSE(standard->rules.levels[0].current_star_in.has_value());
}

struct ParseCase {
    const char* name;
    std::string pointer;  // JSON pointer to replace (or remove, when value is absent)
    std::optional<json> value;
    const char* field;
    const char* message;
};

class StandardsDtoParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(StandardsDtoParseTest, ReportsTheField) {
    const ParseCase& c = GetParam();
    json document = minimal_standard();
    const json::json_pointer pointer(c.pointer);
    if (c.value) {
        document[pointer] = *c.value;
    } else {
        document[pointer.parent_pointer()].erase(pointer.back());
    }
    const Result<standards::Standard> standard = parse_standard(document);
    ASSERT_FALSE(standard.has_value()) << c.name;
    EXPECT_EQ(standard.error().reason(), "invalid_standard");
    EXPECT_EQ(fields_of(standard.error()), (std::vector<std::string>{c.field}));
    EXPECT_EQ(message_at(standard.error(), c.field), c.message);
}

constexpr std::string_view kIndicator = "/categories/0/subcategories/0/indicators/0";
std::string at_indicator(const std::string& tail) {
    return std::string(kIndicator) + tail;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StandardsDtoParseTest,
    ::testing::Values(
        ParseCase{"MissingId", "/id", std::nullopt, "id", "缺少必填字段 'id'"},
        ParseCase{"IdNumber", "/id", json(7), "id", "应为字符串，实际为整数"},
        ParseCase{"NullIdIsMissing", "/id", json(nullptr), "id", "缺少必填字段 'id'"},
        ParseCase{"RulesArray", "/rules", json::array(), "rules", "应为对象，实际为数组"},
        ParseCase{"UnknownCount", "/rules/count", json("most"), "rules.count",
                  "未知的计数口径 'most'（可选：all、constraint、guiding）"},
        ParseCase{"MaxStarText", "/rules/max_star", json("3"), "rules.max_star",
                  "应为整数，实际为字符串"},
        ParseCase{"StarFloat", "/rules/levels/0/star", json(1.5), "rules.levels[0].star",
                  "应为整数，实际为小数"},
        ParseCase{"MinHuge", "/rules/levels/0/min", json(99999999999LL), "rules.levels[0].min",
                  "整数 99999999999 超出范围"},
        ParseCase{"UnknownCondition", "/rules/levels/0/requires/0", json("luck"),
                  "rules.levels[0].requires[0]",
                  "未知的申报条件 'luck'（可选：mechanism、effective）"},
        ParseCase{"PrerequisiteText", "/rules/levels/0/current_star_in", json::array({"3"}),
                  "rules.levels[0].current_star_in[0]", "应为整数，实际为字符串"},
        ParseCase{"LevelNotObject", "/rules/levels/0", json(1), "rules.levels[0]",
                  "应为对象，实际为整数"},
        ParseCase{"MissingCategories", "/categories", std::nullopt, "categories",
                  "缺少必填字段 'categories'"},
        ParseCase{"UnknownKind", at_indicator("/kind"), json("foo"),
                  "categories[0].subcategories[0].indicators[0].kind",
                  "未知的指标类型 'foo'（可选：constraint、guiding、general）"},
        ParseCase{"UnknownProvenance", at_indicator("/provenance"), json("official"),
                  "categories[0].subcategories[0].indicators[0].provenance",
                  "未知的来源标记 'official'（可选：source、example）"},
        ParseCase{"MissingProvenance", at_indicator("/provenance"), std::nullopt,
                  "categories[0].subcategories[0].indicators[0].provenance",
                  "缺少必填字段 'provenance'"},
        ParseCase{"UnknownLifeElement", at_indicator("/life_elements/0"), json("睡"),
                  "categories[0].subcategories[0].indicators[0].life_elements[0]",
                  "未知的生活要素 '睡'（可选：吃、住、行、游、购、娱、健）"},
        ParseCase{"MissingCode", at_indicator("/code"), std::nullopt,
                  "categories[0].subcategories[0].indicators[0].code", "缺少必填字段 'code'"},
        ParseCase{"DescriptionNumber", at_indicator("/description"), json(1),
                  "categories[0].subcategories[0].indicators[0].description",
                  "应为字符串，实际为整数"},
        ParseCase{"StarAboveMax", "/rules/levels/0/star", json(4), "rules.levels[0].star",
                  "星级 4 超出 1–3（最高星级）"}),
    [](const ::testing::TestParamInfo<ParseCase>& case_info) {
        return std::string(case_info.param.name);
    });

TEST(StandardsDtoTest, EveryProblemAtOnceWithoutRepeats) {
    json document = minimal_standard();
    document.erase("id");
    document["rules"]["max_star"] = "x";
    document["rules"]["levels"].push_back(json::parse(R"({"star": 1, "min": 0})"));
    json& indicators = document["categories"][0]["subcategories"][0]["indicators"];
    indicators[0]["kind"] = "foo";
    indicators.push_back(json::parse(R"({"code": "1", "title": "", "kind": "guiding",
                                         "provenance": "example", "life_elements": [3]})"));
    const Result<standards::Standard> standard = parse_standard(document);
    ASSERT_FALSE(standard.has_value());
    EXPECT_EQ(
        fields_of(standard.error()),
        (std::vector<std::string>{
            "id", "rules.max_star", "categories[0].subcategories[0].indicators[0].kind",
            "categories[0].subcategories[0].indicators[1].life_elements[0]", "rules.levels[1].star",
            "rules.levels[1].min", "categories[0].subcategories[0].indicators[1].code",
            "categories[0].subcategories[0].indicators[1].title"}));
    EXPECT_EQ(message_at(standard.error(), "rules.levels[1].star"), "星级 1 重复");
    EXPECT_EQ(message_at(standard.error(), "categories[0].subcategories[0].indicators[1].code"),
              "指标编号 '1' 重复（首次出现于 categories[0].subcategories[0].indicators[0]）");
}

TEST(StandardsDtoTest, NotAnObject) {
    const Result<standards::Standard> standard = parse_standard(json::array({1, 2}));
    ASSERT_FALSE(standard.has_value());
    EXPECT_EQ(fields_of(standard.error()), (std::vector<std::string>{""}));
    EXPECT_EQ(message_at(standard.error(), ""), "标准应为 JSON 对象，实际为数组");
}

TEST(StandardsDtoTest, MalformedText) {
    const Result<standards::Standard> standard = parse_standard_text(R"({"id": x})");
    ASSERT_FALSE(standard.has_value());
    EXPECT_EQ(standard.error().reason(), "invalid_standard");
    EXPECT_EQ(message_at(standard.error(), ""), "JSON 格式错误（第 8 字节附近）");
    // nlohmann counts the end of input as one more byte.
    const Result<standards::Standard> cut = parse_standard_text(R"({"id": "x",)");
    ASSERT_FALSE(cut.has_value());
    EXPECT_EQ(message_at(cut.error(), ""), "JSON 格式错误（第 12 字节附近）");
    EXPECT_FALSE(parse_standard_text("").has_value());
}

// Found by fuzz/targets/json_dto.cpp (input fuzz/corpus/json_dto/crash-number-overflow): a
// number beyond double threw out_of_range past the parse_error handler (500, or a crash of
// `huixing import standard`).
TEST(StandardsDtoTest, NumberBeyondDoubleIsInvalidNotAnException) {
    const Result<standards::Standard> standard = parse_standard_text(R"({"id": "x", "version": 1e400})");
    ASSERT_FALSE(standard.has_value());
    EXPECT_EQ(standard.error().reason(), "invalid_standard");
    EXPECT_EQ(message_at(standard.error(), ""), "JSON 中的数值超出范围");
}

// ---- Rating request and result.

TEST(RatingDtoTest, RequestWithStringsAndNumbers) {
    const Result<RatingRequest> request = parse_rating_request(json::parse(
        R"({"standard_id": "bj-trial", "achieved": ["1", 2, "17"], "current_star": 1,
            "mechanism": true})"));
    ASSERT_TRUE(request.has_value()) << request.error().message();
    EXPECT_EQ(request->standard_id, "bj-trial");
    EXPECT_EQ(request->input.achieved, (std::vector<std::string>{"1", "2", "17"}));
    EXPECT_EQ(request->input.claims.current_star, 1);
    EXPECT_TRUE(request->input.claims.mechanism);
    EXPECT_FALSE(request->input.claims.effective);
}

TEST(RatingDtoTest, RequestDefaults) {
    const Result<RatingRequest> request =
        parse_rating_request(json::parse(R"({"standard_id": "x", "achieved": []})"));
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(request->input.claims.current_star, 0);
    EXPECT_FALSE(request->input.claims.mechanism);
    EXPECT_TRUE(request->input.achieved.empty());
}

TEST(RatingDtoTest, RequestOutOfRangeStarIsTheEnginesToRefuse) {
    const Result<RatingRequest> request = parse_rating_request(
        json::parse(R"({"standard_id": "x", "achieved": [], "current_star": 6})"));
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(request->input.claims.current_star, 6);
}

TEST(RatingDtoTest, RequestWrongTypesAllAtOnce) {
    const Result<RatingRequest> request = parse_rating_request(json::parse(
        R"({"standard_id": 5, "achieved": ["1", null, 2.5, {"code": "3"}], "current_star": "3",
            "mechanism": "yes", "effective": 1})"));
    ASSERT_FALSE(request.has_value());
    EXPECT_EQ(request.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(request.error().reason(), "invalid_request");
    EXPECT_EQ(fields_of(request.error()),
              (std::vector<std::string>{"standard_id", "achieved[1]", "achieved[2]", "achieved[3]",
                                        "current_star", "mechanism", "effective"}));
    EXPECT_EQ(message_at(request.error(), "achieved[2]"), "指标编号应为字符串或整数，实际为小数");
    EXPECT_EQ(message_at(request.error(), "current_star"), "应为整数，实际为字符串");
    EXPECT_EQ(message_at(request.error(), "mechanism"), "应为布尔值，实际为字符串");
}

TEST(RatingDtoTest, RequestMissingFields) {
    const Result<RatingRequest> request = parse_rating_request(json::object());
    ASSERT_FALSE(request.has_value());
    EXPECT_EQ(fields_of(request.error()), (std::vector<std::string>{"standard_id", "achieved"}));
    EXPECT_EQ(message_at(request.error(), "achieved"), "缺少必填字段 'achieved'");

    const Result<RatingRequest> empty_id =
        parse_rating_request(json::parse(R"({"standard_id": "", "achieved": "1"})"));
    ASSERT_FALSE(empty_id.has_value());
    EXPECT_EQ(fields_of(empty_id.error()), (std::vector<std::string>{"standard_id", "achieved"}));
    EXPECT_EQ(message_at(empty_id.error(), "achieved"), "应为数组，实际为字符串");

    EXPECT_FALSE(parse_rating_request(json("text")).has_value());
}

TEST(RatingDtoTest, ResultShape) {
    const std::optional<standards::RatingEngine>& engine =
        standards::test_support::engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const Result<RatingRequest> request = parse_rating_request(json::parse(R"({
        "standard_id": "bj-construction", "current_star": 0, "effective": true,
        "achieved": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,
                     29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,
                     54,55,56,57,58,59,60]})"));
    ASSERT_TRUE(request.has_value());
    const Result<standards::RatingResult> result = engine->evaluate(request->input);
    ASSERT_TRUE(result.has_value());
    const json written = rating_result_json(*result);

    EXPECT_EQ(written.at("eligible_star"), 3);
    EXPECT_EQ(written.at("counts"),
              json::parse(R"({"total":60,"constraint":0,"guiding":0,"general":60,"counted":60})"));
    EXPECT_EQ(written.at("next"), json::parse(R"({"star":4,"missing":0,"missing_conditions":[],
                                                  "missing_prerequisite":[3]})"));
    ASSERT_EQ(written.at("levels").size(), 5U);
    EXPECT_EQ(written.at("levels")[0], json::parse(R"({"star":5,"min":65,"counted":60,
        "threshold_met":false,"conditions":[{"condition":"effective","held":true}],
        "prerequisite":{"required":[3,4],"held":false},"eligible":false})"));
    EXPECT_EQ(written.at("levels")[2].at("prerequisite"),
              json::parse(R"({"required":[],"held":true})"));
    EXPECT_EQ(written.at("levels")[2].at("eligible"), true);
}

TEST(RatingDtoTest, ResultWithoutNextIsNull) {
    standards::RatingResult result;
    result.eligible_star = 3;
    const json written = rating_result_json(result);
    EXPECT_TRUE(written.at("next").is_null());
    EXPECT_TRUE(written.at("levels").is_array());
    EXPECT_EQ(written.at("eligible_star"), 3);
}

}  // namespace
}  // namespace hx::dto

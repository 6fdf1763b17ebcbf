// validate_standard: every problem of a standard at once, each at its path, in Chinese.
#include "domain/standards/validation.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "standards_test_support.hpp"

namespace hx::standards {
namespace {

using test_support::fields_of;
using test_support::make_standard;
using test_support::message_at;

Indicator& indicator(Standard& standard, std::size_t c, std::size_t s, std::size_t i) {
    return standard.categories[c].subcategories[s].indicators[i];
}

TEST(StandardValidationTest, ValidStandardsPass) {
    EXPECT_TRUE(validate_standard(make_standard()).has_value());
    EXPECT_TRUE(validate_standard(test_support::load_standard("bj-trial")).has_value());
    EXPECT_TRUE(validate_standard(test_support::load_standard("bj-construction")).has_value());
}

struct ValidationCase {
    const char* name;
    std::function<void(Standard&)> mutate;
    const char* field;
    const char* message;
};

class StandardValidationCaseTest : public ::testing::TestWithParam<ValidationCase> {};

TEST_P(StandardValidationCaseTest, ReportsTheProblemAtItsField) {
    const ValidationCase& c = GetParam();
    Standard standard = make_standard();
    c.mutate(standard);
    const Status status = validate_standard(standard);
    ASSERT_FALSE(status.has_value()) << c.name;
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().reason(), "invalid_standard");
    EXPECT_EQ(fields_of(status.error()), (std::vector<std::string>{c.field}));
    EXPECT_EQ(message_at(status.error(), c.field), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StandardValidationCaseTest,
    ::testing::Values(
        ValidationCase{"EmptyId", [](Standard& s) { s.id.clear(); }, "id",
                       "标准编号（id）不能为空"},
        ValidationCase{"EmptyName", [](Standard& s) { s.name.clear(); }, "name",
                       "标准名称（name）不能为空"},
        ValidationCase{"EmptyVersion", [](Standard& s) { s.version.clear(); }, "version",
                       "标准版本（version）不能为空"},
        ValidationCase{
            "DuplicateIndicatorCode", [](Standard& s) { indicator(s, 1, 0, 0).code = "2"; },
            "categories[1].subcategories[0].indicators[0].code",
            "指标编号 '2' 重复（首次出现于 categories[0].subcategories[0].indicators[1]）"},
        ValidationCase{"EmptyIndicatorCode",
                       [](Standard& s) { indicator(s, 0, 0, 2).code.clear(); },
                       "categories[0].subcategories[0].indicators[2].code", "指标编号不能为空"},
        ValidationCase{"CodeWithSpace", [](Standard& s) { indicator(s, 0, 0, 2).code = "3 "; },
                       "categories[0].subcategories[0].indicators[2].code",
                       "指标编号 '3 ' 不能含空白字符"},
        ValidationCase{"EmptyTitle", [](Standard& s) { indicator(s, 0, 0, 1).title.clear(); },
                       "categories[0].subcategories[0].indicators[1].title",
                       "指标 '2' 的标题不能为空"},
        ValidationCase{"RepeatedLifeElement",
                       [](Standard& s) {
                           indicator(s, 0, 0, 0).life_elements = {
                               LifeElement::kDwell, LifeElement::kHealth, LifeElement::kDwell};
                       },
                       "categories[0].subcategories[0].indicators[0].life_elements[2]",
                       "生活要素 '住' 重复"},
        ValidationCase{"DuplicateCategoryCode", [](Standard& s) { s.categories[1].code = "1"; },
                       "categories[1].code", "一级类别编号 '1' 重复"},
        ValidationCase{"DuplicateSubcategoryCode",
                       [](Standard& s) { s.categories[1].subcategories[0].code = "1.1"; },
                       "categories[1].subcategories[0].code", "二级类别编号 '1.1' 重复"},
        ValidationCase{"EmptySubcategory",
                       [](Standard& s) {
                           s.categories[1].subcategories.push_back(Subcategory{"2.2", "空", {}});
                       },
                       "categories[1].subcategories[1].indicators", "二级类别 '2.2' 下没有指标"},
        ValidationCase{"NoCategories", [](Standard& s) { s.categories.clear(); }, "categories",
                       "标准至少需要一个一级类别"},
        ValidationCase{"MaxStarTooHigh", [](Standard& s) { s.rules.max_star = 6; },
                       "rules.max_star", "最高星级 6 超出 1–5"},
        ValidationCase{"StarAboveMaxStar", [](Standard& s) { s.rules.levels[0].star = 4; },
                       "rules.levels[0].star", "星级 4 超出 1–3（最高星级）"},
        ValidationCase{"StarZero", [](Standard& s) { s.rules.levels[2].star = 0; },
                       "rules.levels[2].star", "星级 0 超出 1–3（最高星级）"},
        ValidationCase{"DuplicateStar", [](Standard& s) { s.rules.levels[2].star = 2; },
                       "rules.levels[2].star", "星级 2 重复"},
        ValidationCase{"ZeroMin", [](Standard& s) { s.rules.levels[2].min = 0; },
                       "rules.levels[2].min", "星级 1 的门槛 0 必须为正数"},
        ValidationCase{"MinAboveCountable", [](Standard& s) { s.rules.levels[0].min = 5; },
                       "rules.levels[0].min",
                       "星级 3 的门槛 5 超过可计入的指标总数 4（计数口径 constraint）"},
        ValidationCase{"ThresholdsOutOfOrder", [](Standard& s) { s.rules.levels[1].min = 1; },
                       "rules.levels[1].min", "星级 2 的门槛 1 低于星级 1 的门槛 2"},
        ValidationCase{"NoLevels", [](Standard& s) { s.rules.levels.clear(); }, "rules.levels",
                       "星级规则至少需要一个星级"},
        ValidationCase{
            "RepeatedCondition",
            [](Standard& s) {
                s.rules.levels[1].conditions = {Condition::kMechanism, Condition::kMechanism};
            },
            "rules.levels[1].requires[1]", "申报条件 'mechanism' 重复"},
        ValidationCase{"PrerequisiteAboveFive",
                       [](Standard& s) {
                           s.rules.levels[0].current_star_in = {1, 7};
                       },
                       "rules.levels[0].current_star_in[1]", "前置星级 7 超出 0–5"},
        ValidationCase{"PrerequisiteNegative",
                       [](Standard& s) { s.rules.levels[0].current_star_in = {-1}; },
                       "rules.levels[0].current_star_in[0]", "前置星级 -1 超出 0–5"},
        ValidationCase{"PrerequisiteNotBelowTheLevel",
                       [](Standard& s) {
                           s.rules.levels[0].current_star_in = {2, 3};
                       },
                       "rules.levels[0].current_star_in[1]", "前置星级 3 不低于本级星级 3"},
        ValidationCase{"RepeatedPrerequisite",
                       [](Standard& s) {
                           s.rules.levels[0].current_star_in = {1, 1};
                       },
                       "rules.levels[0].current_star_in[1]", "前置星级 1 重复"},
        ValidationCase{"EmptyPrerequisiteList",
                       [](Standard& s) { s.rules.levels[0].current_star_in = std::vector<int>{}; },
                       "rules.levels[0].current_star_in",
                       "前置星级列表不能为空；不设前置条件时请省略 current_star_in"}),
    [](const ::testing::TestParamInfo<ValidationCase>& case_info) {
        return std::string(case_info.param.name);
    });

TEST(StandardValidationTest, EveryProblemAtOnce) {
    Standard standard = make_standard();
    standard.id.clear();
    standard.name.clear();
    indicator(standard, 1, 0, 1).code = "1";
    standard.rules.levels[0].star = 4;
    standard.rules.levels[2].star = 2;
    standard.rules.levels[1].min = -3;
    standard.rules.levels[0].current_star_in = {9};

    const Status status = validate_standard(standard);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(fields_of(status.error()),
              (std::vector<std::string>{"id", "name", "rules.levels[0].star",
                                        "rules.levels[0].current_star_in[0]", "rules.levels[1].min",
                                        "rules.levels[2].star",
                                        "categories[1].subcategories[0].indicators[1].code"}));
    EXPECT_EQ(status.error().message(), "标准有 7 处错误");
}

TEST(StandardValidationTest, OneProblemIsQuotedInTheMessage) {
    Standard standard = make_standard();
    standard.rules.levels[2].min = 0;
    const Status status = validate_standard(standard);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().message(), "标准 't-small' 有 1 处错误：星级 1 的门槛 0 必须为正数");
}

TEST(StandardValidationTest, TooManyIndicators) {
    Standard standard = make_standard();
    std::vector<Indicator>& list = standard.categories[0].subcategories[0].indicators;
    for (int i = 0; i < kMaxIndicators; ++i) {
        list.push_back(
            test_support::make_indicator("n" + std::to_string(i), IndicatorKind::kGuiding));
    }
    const Status status = validate_standard(standard);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(message_at(status.error(), "categories"), "指标总数 518 超过上限 512");
}

TEST(StandardValidationTest, TheCountDecidesWhatIsCountable) {
    // Counting guiding indicators only, the small standard has 2 countable: ★ at 2 passes,
    // ★★ at 3 and ★★★ at 4 do not.
    Standard standard = make_standard();
    standard.rules.count = CountWhat::kGuiding;
    const Status status = validate_standard(standard);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(fields_of(status.error()),
              (std::vector<std::string>{"rules.levels[0].min", "rules.levels[1].min"}));
    standard.rules.count = CountWhat::kAll;
    EXPECT_TRUE(validate_standard(standard).has_value());
}

}  // namespace
}  // namespace hx::standards

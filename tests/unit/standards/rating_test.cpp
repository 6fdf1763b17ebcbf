// The rating engine against the real rules of data/standards (第十三条1 and 第十三条2).
#include "domain/standards/rating.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "domain/standards/validation.hpp"
#include "standards_test_support.hpp"

namespace hx::standards {
namespace {

using test_support::codes_of;
using test_support::engine_for;
using test_support::fields_of;
using test_support::message_at;

Claims claims(int current_star, bool mechanism, bool effective) {
    Claims out;
    out.current_star = current_star;
    out.mechanism = mechanism;
    out.effective = effective;
    return out;
}

RatingInput input(std::vector<std::string> achieved, Claims with) {
    RatingInput out;
    out.achieved = std::move(achieved);
    out.claims = with;
    return out;
}

// Evaluates through the code API and checks that the hot path agrees.
RatingResult evaluate_both(const RatingEngine& engine, const RatingInput& in) {
    Result<RatingResult> result = engine.evaluate(in);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message());
    if (!result) return {};
    Result<IndicatorSet> set = engine.resolve(in.achieved);
    EXPECT_TRUE(set.has_value());
    if (set) {
        EXPECT_EQ(engine.eligible_star(*set, in.claims), result->eligible_star)
            << "hot path and full evaluation disagree";
    }
    return *result;
}

// ---- 第十三条1: the trial standard counts constraint indicators and needs the mechanism.

struct TrialCase {
    int constraint;
    int guiding;
    bool mechanism;
    int expected;
};

class RatingTrialThresholdTest : public ::testing::TestWithParam<TrialCase> {};

TEST_P(RatingTrialThresholdTest, EligibleStar) {
    const TrialCase& c = GetParam();
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    std::vector<std::string> achieved =
        codes_of(engine->standard(), IndicatorKind::kConstraint, c.constraint);
    const std::vector<std::string> guiding =
        codes_of(engine->standard(), IndicatorKind::kGuiding, c.guiding);
    achieved.insert(achieved.end(), guiding.begin(), guiding.end());

    const RatingResult result =
        evaluate_both(*engine, input(achieved, claims(0, c.mechanism, false)));
    EXPECT_EQ(result.eligible_star, c.expected);
    EXPECT_EQ(result.counts.constraint, c.constraint);
    EXPECT_EQ(result.counts.guiding, c.guiding);
    EXPECT_EQ(result.counts.counted, c.constraint) << "the trial standard counts constraint only";
    EXPECT_EQ(result.counts.total, c.constraint + c.guiding);
}

INSTANTIATE_TEST_SUITE_P(Thresholds, RatingTrialThresholdTest,
                         ::testing::Values(TrialCase{0, 0, true, 0}, TrialCase{9, 0, true, 0},
                                           TrialCase{10, 0, true, 1}, TrialCase{14, 0, true, 1},
                                           TrialCase{15, 0, true, 2}, TrialCase{24, 0, true, 2},
                                           TrialCase{25, 0, true, 3}, TrialCase{31, 0, true, 3},
                                           TrialCase{9, 0, false, 0}, TrialCase{10, 0, false, 0},
                                           TrialCase{14, 0, false, 0}, TrialCase{15, 0, false, 0},
                                           TrialCase{24, 0, false, 0}, TrialCase{25, 0, false, 0},
                                           TrialCase{31, 0, false, 0},
                                           // Guiding indicators never count under 第十三条1.
                                           TrialCase{9, 19, true, 0}, TrialCase{14, 19, true, 1},
                                           TrialCase{24, 19, true, 2}));

// ---- 第十三条2: the construction standard counts everything and needs 作用发挥好.

struct ConstructionCase {
    int achieved;
    int current_star;
    bool effective;
    int expected;
};

class RatingConstructionThresholdTest : public ::testing::TestWithParam<ConstructionCase> {};

TEST_P(RatingConstructionThresholdTest, EligibleStar) {
    const ConstructionCase& c = GetParam();
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const RatingResult result =
        evaluate_both(*engine, input(codes_of(engine->standard(), std::nullopt, c.achieved),
                                     claims(c.current_star, false, c.effective)));
    EXPECT_EQ(result.eligible_star, c.expected);
    EXPECT_EQ(result.counts.counted, c.achieved);
    EXPECT_EQ(result.counts.general, c.achieved);
    EXPECT_EQ(result.counts.constraint, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Thresholds, RatingConstructionThresholdTest,
    ::testing::Values(ConstructionCase{24, 0, true, 0}, ConstructionCase{25, 0, true, 1},
                      ConstructionCase{34, 0, true, 1}, ConstructionCase{35, 0, true, 2},
                      ConstructionCase{44, 0, true, 2}, ConstructionCase{45, 0, true, 3},
                      ConstructionCase{54, 0, true, 3}, ConstructionCase{54, 3, true, 3},
                      ConstructionCase{55, 3, true, 4}, ConstructionCase{64, 3, true, 4},
                      ConstructionCase{65, 3, true, 5}, ConstructionCase{80, 3, true, 5},
                      ConstructionCase{24, 0, false, 0}, ConstructionCase{25, 0, false, 0},
                      ConstructionCase{34, 0, false, 0}, ConstructionCase{35, 0, false, 0},
                      ConstructionCase{44, 0, false, 0}, ConstructionCase{45, 0, false, 0},
                      ConstructionCase{54, 3, false, 0}, ConstructionCase{55, 3, false, 0},
                      ConstructionCase{64, 3, false, 0}, ConstructionCase{65, 3, false, 0}));

// ---- 第十三条2 prerequisites: ★★★★ only from ★★★, ★★★★★ only from ★★★ or ★★★★.

struct PrerequisiteCase {
    int achieved;
    int current_star;
    int expected;
};

class RatingPrerequisiteTest : public ::testing::TestWithParam<PrerequisiteCase> {};

TEST_P(RatingPrerequisiteTest, EligibleStar) {
    const PrerequisiteCase& c = GetParam();
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const RatingResult result =
        evaluate_both(*engine, input(codes_of(engine->standard(), std::nullopt, c.achieved),
                                     claims(c.current_star, false, true)));
    EXPECT_EQ(result.eligible_star, c.expected);
}

INSTANTIATE_TEST_SUITE_P(CurrentStars, RatingPrerequisiteTest,
                         ::testing::Values(
                             // ★★★★ threshold (55): only a community at ★★★ gets past ★★★.
                             PrerequisiteCase{55, 0, 3}, PrerequisiteCase{55, 1, 3},
                             PrerequisiteCase{55, 2, 3}, PrerequisiteCase{55, 3, 4},
                             PrerequisiteCase{55, 4, 3}, PrerequisiteCase{55, 5, 3},
                             // ★★★★★ threshold (65): from ★★★ or ★★★★; ★★★ reaches ★★★★★ directly.
                             PrerequisiteCase{65, 0, 3}, PrerequisiteCase{65, 1, 3},
                             PrerequisiteCase{65, 2, 3}, PrerequisiteCase{65, 3, 5},
                             PrerequisiteCase{65, 4, 5}, PrerequisiteCase{65, 5, 3}));

TEST(RatingTest, TrialCapsAtThreeStarsWhateverIsClaimed) {
    // 第十三条1: pilot rounds top out at ★★★, even with every indicator and every claim.
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    for (int current = 0; current <= kMaxStar; ++current) {
        const RatingResult result = evaluate_both(
            *engine,
            input(codes_of(engine->standard(), std::nullopt, 50), claims(current, true, true)));
        EXPECT_EQ(result.eligible_star, 3) << "current_star " << current;
        EXPECT_FALSE(result.next.has_value()) << "nothing above ★★★ in a pilot round";
        ASSERT_FALSE(result.levels.empty());
        EXPECT_EQ(result.levels.front().star, 3);
    }
}

TEST(RatingTest, MaxStarCapsLevelsOfTheRules) {
    // A standard whose rules stop at ★★ cannot yield ★★★ through a level above max_star:
    // validation refuses such a level, so the cap cannot be bypassed by data.
    Standard standard = test_support::make_standard();
    standard.rules.max_star = 2;
    const Result<RatingEngine> engine = RatingEngine::create(standard);
    ASSERT_FALSE(engine.has_value());
    EXPECT_EQ(engine.error().reason(), "invalid_standard");
    EXPECT_EQ(message_at(engine.error(), "rules.levels[0].star"), "星级 3 超出 1–2（最高星级）");
}

TEST(RatingTest, MechanismDoesNotReplaceEffectiveness) {
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const RatingResult result = evaluate_both(
        *engine, input(codes_of(engine->standard(), std::nullopt, 80), claims(3, true, false)));
    EXPECT_EQ(result.eligible_star, 0);
}

TEST(RatingTest, LevelsExplainEachStarHighestFirst) {
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const RatingResult result = evaluate_both(
        *engine, input(codes_of(engine->standard(), std::nullopt, 60), claims(0, false, true)));
    ASSERT_EQ(result.levels.size(), 5U);
    EXPECT_EQ(result.levels[0].star, 5);
    EXPECT_EQ(result.levels[4].star, 1);

    const LevelOutcome& five = result.levels[0];
    EXPECT_EQ(five.min, 65);
    EXPECT_EQ(five.counted, 60);
    EXPECT_FALSE(five.threshold_met);
    EXPECT_EQ(five.prerequisite.required, (std::vector<int>{3, 4}));
    EXPECT_FALSE(five.prerequisite.held);
    EXPECT_FALSE(five.eligible);

    const LevelOutcome& four = result.levels[1];
    EXPECT_TRUE(four.threshold_met);
    ASSERT_EQ(four.conditions.size(), 1U);
    EXPECT_EQ(four.conditions[0].condition, Condition::kEffective);
    EXPECT_TRUE(four.conditions[0].held);
    EXPECT_EQ(four.prerequisite.required, (std::vector<int>{3}));
    EXPECT_FALSE(four.prerequisite.held);
    EXPECT_FALSE(four.eligible);

    const LevelOutcome& three = result.levels[2];
    EXPECT_TRUE(three.prerequisite.required.empty());
    EXPECT_TRUE(three.prerequisite.held);
    EXPECT_TRUE(three.eligible);
    EXPECT_EQ(result.eligible_star, 3);
}

// ---- `next`: the lowest star of the rules above max(eligible_star, current_star).

struct NextCase {
    const char* name;
    const char* standard;
    int achieved;  // constraint indicators for the trial, any for construction
    Claims with;
    int eligible;
    std::optional<NextStar> next;
};

NextStar next_star(int star, int missing, std::vector<Condition> conditions,
                   std::vector<int> prerequisite) {
    NextStar out;
    out.star = star;
    out.missing = missing;
    out.missing_conditions = std::move(conditions);
    out.missing_prerequisite = std::move(prerequisite);
    return out;
}

class RatingNextTest : public ::testing::TestWithParam<NextCase> {};

TEST_P(RatingNextTest, Next) {
    const NextCase& c = GetParam();
    const std::optional<RatingEngine>& engine = engine_for(c.standard);
    ASSERT_TRUE(engine);
    const bool trial = std::string(c.standard) == "bj-trial";
    const RatingResult result = evaluate_both(
        *engine, input(codes_of(engine->standard(),
                                trial ? std::optional(IndicatorKind::kConstraint) : std::nullopt,
                                c.achieved),
                       c.with));
    EXPECT_EQ(result.eligible_star, c.eligible);
    ASSERT_EQ(result.next.has_value(), c.next.has_value());
    if (!c.next) return;
    EXPECT_EQ(result.next->star, c.next->star);
    EXPECT_EQ(result.next->missing, c.next->missing);
    EXPECT_EQ(result.next->missing_conditions, c.next->missing_conditions);
    EXPECT_EQ(result.next->missing_prerequisite, c.next->missing_prerequisite);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RatingNextTest,
    ::testing::Values(
        NextCase{"TrialOneStarNeedsThreeMore", "bj-trial", 12, claims(0, true, false), 1,
                 next_star(2, 3, {}, {})},
        NextCase{"TrialMissingMechanismOnly", "bj-trial", 20, claims(0, false, false), 0,
                 next_star(1, 0, {Condition::kMechanism}, {})},
        NextCase{"TrialNothingYet", "bj-trial", 0, claims(0, false, false), 0,
                 next_star(1, 10, {Condition::kMechanism}, {})},
        NextCase{"TrialAtTopHasNoNext", "bj-trial", 31, claims(0, true, false), 3, std::nullopt},
        NextCase{"TrialHeldStarRaisesTheFloor", "bj-trial", 12, claims(2, true, false), 1,
                 next_star(3, 13, {}, {})},
        NextCase{"ConstructionFourNeedsThreeStarsHeld", "bj-construction", 60,
                 claims(0, false, true), 3, next_star(4, 0, {}, {3})},
        NextCase{"ConstructionFiveNeedsFiveMore", "bj-construction", 60, claims(3, false, true), 4,
                 next_star(5, 5, {}, {})},
        NextCase{"ConstructionHeldStarAboveEligible", "bj-construction", 30,
                 claims(1, false, false), 0, next_star(2, 5, {Condition::kEffective}, {})},
        NextCase{"ConstructionFromFourToFive", "bj-construction", 50, claims(4, false, true), 3,
                 next_star(5, 15, {}, {})},
        NextCase{"ConstructionAtFiveHasNoNext", "bj-construction", 80, claims(5, false, true), 3,
                 std::nullopt}),
    [](const ::testing::TestParamInfo<NextCase>& case_info) {
        return std::string(case_info.param.name);
    });

// ---- 第十三条: current_star < target <= eligible.

TEST(RatingTest, TargetAllowed) {
    EXPECT_TRUE(target_allowed(0, 1, 1));
    EXPECT_TRUE(target_allowed(0, 3, 3));
    EXPECT_TRUE(target_allowed(0, 2, 3));
    EXPECT_TRUE(target_allowed(3, 5, 5));
    EXPECT_FALSE(target_allowed(0, 4, 3)) << "above eligible";
    EXPECT_FALSE(target_allowed(3, 3, 5)) << "the star already held";
    EXPECT_FALSE(target_allowed(4, 3, 5)) << "below the star held";
    EXPECT_FALSE(target_allowed(0, 0, 0)) << "0 is no star";
    EXPECT_FALSE(target_allowed(-1, 0, 3)) << "0 is no star";
}

// ---- Bad input: every bad code named, all at once.

TEST(RatingInputTest, UnknownCodeIsNamedWithTheStandard) {
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const Result<RatingResult> result =
        engine->evaluate(input({"1", "99"}, claims(0, false, true)));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().reason(), "invalid_indicator");
    EXPECT_EQ(fields_of(result.error()), (std::vector<std::string>{"achieved[1]"}));
    EXPECT_EQ(message_at(result.error(), "achieved[1]"), "指标 '99' 不在标准 'bj-construction' 中");
    EXPECT_EQ(result.error().message(), "指标 '99' 不在标准 'bj-construction' 中");
}

TEST(RatingInputTest, RepeatedCodeIsNamed) {
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    const Result<RatingResult> result =
        engine->evaluate(input({"3", "4", "3"}, claims(0, true, false)));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().reason(), "invalid_indicator");
    EXPECT_EQ(fields_of(result.error()), (std::vector<std::string>{"achieved[2]"}));
    EXPECT_EQ(message_at(result.error(), "achieved[2]"), "指标 '3' 重复");
}

TEST(RatingInputTest, MalformedCodes) {
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    const Result<RatingResult> result =
        engine->evaluate(input({"", " 1", "1.1", std::string(40, '7')}, claims(0, true, false)));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(message_at(result.error(), "achieved[0]"), "指标编号为空");
    EXPECT_EQ(message_at(result.error(), "achieved[1]"), "指标 ' 1' 不在标准 'bj-trial' 中");
    EXPECT_EQ(message_at(result.error(), "achieved[2]"), "指标 '1.1' 不在标准 'bj-trial' 中");
    EXPECT_EQ(message_at(result.error(), "achieved[3]"), "指标编号过长（最多 32 个字符）");
    EXPECT_EQ(result.error().message(), "评级输入有 4 处错误");
}

TEST(RatingInputTest, EveryBadCodeAndTheStarAtOnce) {
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const Result<RatingResult> result =
        engine->evaluate(input({"1", "99", "1", "", "2", "x"}, claims(6, false, true)));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().reason(), "invalid_indicator");
    EXPECT_EQ(fields_of(result.error()),
              (std::vector<std::string>{"achieved[1]", "achieved[2]", "achieved[3]", "achieved[5]",
                                        "current_star"}));
    EXPECT_EQ(message_at(result.error(), "achieved[2]"), "指标 '1' 重复");
}

class RatingCurrentStarTest : public ::testing::TestWithParam<int> {};

TEST_P(RatingCurrentStarTest, OutsideZeroToFiveIsRefused) {
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    const int star = GetParam();
    const Result<RatingResult> result = engine->evaluate(input({"1"}, claims(star, false, true)));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().reason(), "invalid_current_star");
    EXPECT_EQ(message_at(result.error(), "current_star"),
              "当前星级 " + std::to_string(star) + " 超出 0–5");
    // The hot path does not validate, but a star it does not know holds no prerequisite.
    Result<IndicatorSet> all = engine->resolve(codes_of(engine->standard(), std::nullopt, 80));
    ASSERT_TRUE(all);
    EXPECT_EQ(engine->eligible_star(*all, claims(star, false, true)), 3);
}

INSTANTIATE_TEST_SUITE_P(Stars, RatingCurrentStarTest, ::testing::Values(-1, 6, 1000));

TEST(RatingInputTest, TooManyBadCodesAreSummarised) {
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    std::vector<std::string> codes;
    codes.reserve(80);
    for (int i = 0; i < 80; ++i) codes.push_back("x" + std::to_string(i));
    const Result<RatingResult> result = engine->evaluate(input(codes, claims(0, true, false)));
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().fields().size(), 51U);
    EXPECT_EQ(result.error().fields().back().field, "achieved");
    EXPECT_EQ(result.error().fields().back().message, "另有 30 处错误未列出");
}

TEST(RatingInputTest, IndicesAreCheckedToo) {
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    const std::vector<std::uint16_t> bad{0, 50, 0};
    const Result<IndicatorSet> set = engine->resolve_indices(bad);
    ASSERT_FALSE(set.has_value());
    EXPECT_EQ(message_at(set.error(), "achieved[1]"),
              "指标序号 50 超出标准 'bj-trial' 的 50 项指标");
    EXPECT_EQ(message_at(set.error(), "achieved[2]"), "指标 '1' 重复");

    IndicatorSet stray;
    ASSERT_TRUE(stray.insert(60));
    const Result<RatingResult> result = engine->evaluate(stray, claims(0, true, false));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().reason(), "invalid_indicator");
}

TEST(RatingInputTest, IndexApiMatchesCodeApi) {
    const std::optional<RatingEngine>& engine = engine_for("bj-trial");
    ASSERT_TRUE(engine);
    ASSERT_EQ(engine->indicator_count(), 50);
    const std::optional<std::uint16_t> index = engine->index_of("17");
    ASSERT_TRUE(index);
    EXPECT_EQ(engine->indicator_at(*index).code, "17");
    EXPECT_FALSE(engine->index_of("99"));

    const std::vector<std::uint16_t> indices{0, 1, *index};
    const Result<IndicatorSet> by_index = engine->resolve_indices(indices);
    const std::vector<std::string> codes{engine->indicator_at(0).code, engine->indicator_at(1).code,
                                         "17"};
    const Result<IndicatorSet> by_code = engine->resolve(codes);
    ASSERT_TRUE(by_index && by_code);
    EXPECT_EQ(*by_index, *by_code);
    EXPECT_EQ(by_index->size(), 3);
}

TEST(RatingInputTest, NumericCodesAreMatchedExactly) {
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    EXPECT_EQ(engine->index_of("1"), std::optional<std::uint16_t>(0));
    EXPECT_EQ(engine->index_of("80"), std::optional<std::uint16_t>(79));
    for (const char* code : {"01", "0", "81", "4095", "4096", "99999", "+1", "1 ", "1a", ""}) {
        EXPECT_FALSE(engine->index_of(code)) << "'" << code << "'";
    }
}

TEST(RatingInputTest, NonNumericCatalogueCodes) {
    Standard standard = test_support::make_standard();
    standard.categories[0].subcategories[0].indicators[0].code = "A-1";
    standard.categories[1].subcategories[0].indicators[0].code = "007";
    Result<RatingEngine> engine = RatingEngine::create(standard);
    ASSERT_TRUE(engine.has_value());
    EXPECT_EQ(engine->index_of("A-1"), std::optional<std::uint16_t>(0));
    EXPECT_EQ(engine->index_of("007"), std::optional<std::uint16_t>(3));
    EXPECT_EQ(engine->index_of("2"), std::optional<std::uint16_t>(1));
    EXPECT_FALSE(engine->index_of("7"));
    EXPECT_FALSE(engine->index_of("a-1"));
    const Result<RatingResult> result =
        engine->evaluate(input({"A-1", "007", "2"}, claims(0, true, false)));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->counts.counted, 3);
}

TEST(RatingInputTest, RateCompilesAndValidatesTheStandard) {
    Standard broken = test_support::make_standard();
    broken.id.clear();
    const Result<RatingResult> refused = rate(broken, input({"1"}, claims(0, true, false)));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().reason(), "invalid_standard");

    const Result<RatingResult> rated =
        rate(test_support::make_standard(), input({"1", "2", "4", "3"}, claims(1, true, false)));
    ASSERT_TRUE(rated.has_value());
    EXPECT_EQ(rated->counts.counted, 3);
    EXPECT_EQ(rated->eligible_star, 2) << "★★★ needs 4 constraint indicators";
}

// ---- The hot path agrees with the full evaluation, and is fast enough for the whole country.

TEST(RatingHotPathTest, AgreesWithEvaluateOnRandomAssessments) {
    std::mt19937 random(20150101);
    for (const char* id : {"bj-trial", "bj-construction"}) {
        const std::optional<RatingEngine>& engine = engine_for(id);
        ASSERT_TRUE(engine);
        const auto count = static_cast<std::uint16_t>(engine->indicator_count());
        std::array<int, kMaxStar + 1> seen{};
        for (int round = 0; round < 20000; ++round) {
            IndicatorSet set;
            const auto density = random() % 101;
            for (std::uint16_t i = 0; i < count; ++i) {
                if (random() % 100 < density) set.insert(i);
            }
            const Claims with =
                claims(static_cast<int>(random() % 6), random() % 4 != 0, random() % 4 != 0);
            const Result<RatingResult> full = engine->evaluate(set, with);
            ASSERT_TRUE(full.has_value());
            ASSERT_EQ(engine->eligible_star(set, with), full->eligible_star) << id;
            ++seen[static_cast<std::size_t>(full->eligible_star)];
        }
        const int top = std::string(id) == "bj-trial" ? 3 : 5;
        for (int star = 0; star <= top; ++star) {
            EXPECT_GT(seen[static_cast<std::size_t>(star)], 0)
                << id << ": the random assessments never reached star " << star;
        }
    }
}

TEST(RatingHotPathTest, RatesEveryVillageOfChina) {
    // 620,573 assessments, the number of villages and communities in data/china-villages.csv.gz.
    // Reports the time (the budget is 100 ms on one core in a release build); benchmarks, not
    // unit tests, watch the clock (STYLE.md).
    constexpr std::size_t kAssessments = 620573;
    const std::optional<RatingEngine>& engine = engine_for("bj-construction");
    ASSERT_TRUE(engine);
    std::mt19937_64 random(7);
    std::vector<IndicatorSet> sets(kAssessments);
    std::vector<Claims> claim_list(kAssessments);
    for (std::size_t i = 0; i < kAssessments; ++i) {
        const std::uint64_t bits = random();
        const std::uint64_t more = random();
        for (std::uint16_t index = 0; index < 64; ++index) {
            if ((bits >> index & 1U) != 0 || (more >> index & 1U) != 0) sets[i].insert(index);
        }
        for (std::uint16_t index = 64; index < 80; ++index) {
            if ((more >> (index - 64) & 1U) != 0) sets[i].insert(index);
        }
        claim_list[i] = claims(static_cast<int>(bits % 6), false, (more >> 60) != 0);
    }

    const auto start = std::chrono::steady_clock::now();
    std::array<std::size_t, kMaxStar + 1> histogram{};
    for (std::size_t i = 0; i < kAssessments; ++i) {
        ++histogram[static_cast<std::size_t>(engine->eligible_star(sets[i], claim_list[i]))];
    }
    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    RecordProperty("rating_ms", std::to_string(elapsed.count()));
    std::cout << "[ rating   ] " << kAssessments << " assessments in " << elapsed.count()
              << " ms\n";

    std::size_t total = 0;
    for (std::size_t n : histogram) total += n;
    EXPECT_EQ(total, kAssessments);
    for (std::size_t i = 0; i < kAssessments; i += 997) {
        const Result<RatingResult> full = engine->evaluate(sets[i], claim_list[i]);
        ASSERT_TRUE(full.has_value());
        ASSERT_EQ(full->eligible_star, engine->eligible_star(sets[i], claim_list[i]));
    }
}

}  // namespace
}  // namespace hx::standards

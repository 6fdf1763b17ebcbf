// The domain model: one string mapping per enum, and the catalogue helpers on the real data.
#include "domain/standards/standard.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <set>
#include <string>

#include "standards_test_support.hpp"

namespace hx::standards {
namespace {

template <typename Enum, std::size_t N, typename Parse>
void expect_round_trip(const std::array<Enum, N>& all, Parse parse) {
    std::set<std::string> words;
    for (Enum value : all) {
        const std::string word = to_string(value);
        EXPECT_TRUE(words.insert(word).second) << "two values share '" << word << "'";
        const std::optional<Enum> parsed = parse(word);
        ASSERT_TRUE(parsed.has_value()) << word;
        EXPECT_EQ(*parsed, value) << word;
    }
    EXPECT_FALSE(parse("")) << "empty text is no value";
    EXPECT_FALSE(parse("unknown")) << "an unknown word is no value";
}

TEST(StandardEnumTest, EveryMappingRoundTrips) {
    expect_round_trip(kAllIndicatorKinds, parse_indicator_kind);
    expect_round_trip(kAllProvenances, parse_provenance);
    expect_round_trip(kAllLifeElements, parse_life_element);
    expect_round_trip(kAllCountWhats, parse_count_what);
    expect_round_trip(kAllConditions, parse_condition);
}

TEST(StandardEnumTest, FileWords) {
    EXPECT_STREQ(to_string(IndicatorKind::kConstraint), "constraint");
    EXPECT_STREQ(to_string(IndicatorKind::kGuiding), "guiding");
    EXPECT_STREQ(to_string(IndicatorKind::kGeneral), "general");
    EXPECT_STREQ(to_string(Provenance::kExample), "example");
    EXPECT_STREQ(to_string(Provenance::kSource), "source");
    EXPECT_STREQ(to_string(CountWhat::kAll), "all");
    EXPECT_STREQ(to_string(Condition::kMechanism), "mechanism");
    EXPECT_STREQ(to_string(Condition::kEffective), "effective");
    std::string elements;
    for (LifeElement element : kAllLifeElements) elements += to_string(element);
    EXPECT_EQ(elements, "吃住行游购娱健");
    EXPECT_FALSE(parse_indicator_kind("Constraint")) << "words are case-sensitive";
}

TEST(StandardEnumTest, UnknownValueMessagesNameTheValue) {
    EXPECT_EQ(unknown_indicator_kind_message("foo"),
              "未知的指标类型 'foo'（可选：constraint、guiding、general）");
    EXPECT_EQ(unknown_provenance_message("draft"),
              "未知的来源标记 'draft'（可选：source、example）");
    EXPECT_EQ(unknown_life_element_message("睡"),
              "未知的生活要素 '睡'（可选：吃、住、行、游、购、娱、健）");
    EXPECT_EQ(unknown_count_what_message("some"),
              "未知的计数口径 'some'（可选：all、constraint、guiding）");
    EXPECT_EQ(unknown_condition_message("x"), "未知的申报条件 'x'（可选：mechanism、effective）");
}

TEST(StandardEnumTest, StarLabel) {
    EXPECT_EQ(star_label(0), "");
    EXPECT_EQ(star_label(3), "★★★");
    EXPECT_EQ(star_label(5), "★★★★★");
    EXPECT_EQ(star_label(9), "★★★★★");
    EXPECT_EQ(star_label(-2), "");
}

TEST(StandardModelTest, TrialCatalogue) {
    const Standard trial = test_support::load_standard("bj-trial");
    const KindCounts counts = trial.count_by_kind();
    EXPECT_EQ(counts.total, 50);
    EXPECT_EQ(counts.constraint, 31) << "第十三条1: 31 constraint indicators";
    EXPECT_EQ(counts.guiding, 19);
    EXPECT_EQ(counts.general, 0);
    EXPECT_EQ(trial.countable_total(), 31);
    EXPECT_TRUE(trial.has_example_provenance());
    EXPECT_EQ(trial.rules.count, CountWhat::kConstraint);
    EXPECT_EQ(trial.rules.max_star, 3);
}

TEST(StandardModelTest, ConstructionCatalogue) {
    const Standard construction = test_support::load_standard("bj-construction");
    const KindCounts counts = construction.count_by_kind();
    EXPECT_EQ(counts.total, 80);
    EXPECT_EQ(counts.general, 80) << "the construction standard has no kind split";
    EXPECT_EQ(construction.countable_total(), 80);
    EXPECT_TRUE(construction.has_example_provenance());
    EXPECT_EQ(construction.rules.count, CountWhat::kAll);
    EXPECT_EQ(construction.rules.max_star, 5);

    const Indicator* first = construction.find_indicator("1");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->provenance, Provenance::kSource) << "category 一 is the published text";
    EXPECT_EQ(construction.find_indicator("81"), nullptr);
    EXPECT_EQ(construction.find_indicator(""), nullptr);
    ASSERT_EQ(construction.indicators().size(), 80U);
    EXPECT_EQ(construction.indicators().back()->code, "80");
}

TEST(StandardModelTest, ExampleProvenanceIsDetectedAnywhere) {
    Standard standard = test_support::make_standard();
    EXPECT_FALSE(standard.has_example_provenance());
    standard.categories[1].subcategories[0].indicators[2].provenance = Provenance::kExample;
    EXPECT_TRUE(standard.has_example_provenance());
}

TEST(StandardModelTest, EqualityComparesEveryField) {
    const Standard base = test_support::make_standard();
    EXPECT_TRUE(base == test_support::make_standard());
    Standard changed = base;
    changed.categories[0].subcategories[0].indicators[1].life_elements.push_back(
        LifeElement::kHealth);
    EXPECT_FALSE(changed == base);
    changed = base;
    changed.rules.levels[0].current_star_in.reset();
    EXPECT_FALSE(changed == base);
    changed = base;
    changed.version = "2";
    EXPECT_FALSE(changed == base);
}

TEST(StandardModelTest, CountsTowardFollowsTheRules) {
    EXPECT_TRUE(counts_toward(CountWhat::kAll, IndicatorKind::kGuiding));
    EXPECT_TRUE(counts_toward(CountWhat::kConstraint, IndicatorKind::kConstraint));
    EXPECT_FALSE(counts_toward(CountWhat::kConstraint, IndicatorKind::kGuiding));
    EXPECT_FALSE(counts_toward(CountWhat::kConstraint, IndicatorKind::kGeneral));
    EXPECT_TRUE(counts_toward(CountWhat::kGuiding, IndicatorKind::kGuiding));
    EXPECT_FALSE(counts_toward(CountWhat::kGuiding, IndicatorKind::kConstraint));
}

}  // namespace
}  // namespace hx::standards

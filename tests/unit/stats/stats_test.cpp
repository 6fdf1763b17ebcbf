// The rules of coverage, the next round (第十条) and the funnel, with no database.
#include "domain/stats/stats.hpp"

#include <gtest/gtest.h>

namespace hx::stats {
namespace {

using rounds::RoundKind;

CoverageRow city(std::int64_t communities, std::int64_t certified) {
    return {"110000", "北京市", communities, certified};
}

TEST(CoverageTest, RatioIsRoundedToFourDecimals) {
    EXPECT_DOUBLE_EQ(ratio(1, 3), 0.3333);
    EXPECT_DOUBLE_EQ(ratio(2, 3), 0.6667);
    EXPECT_DOUBLE_EQ(ratio(3, 3), 1.0);
    EXPECT_DOUBLE_EQ(ratio(1, 7521), 0.0001);
    EXPECT_DOUBLE_EQ(ratio(0, 5), 0.0);
    EXPECT_DOUBLE_EQ(ratio(5, 0), 0.0) << "no communities: no coverage, not a division by zero";
}

TEST(CoverageTest, FullCoverageNeedsEveryCommunityAndAtLeastOne) {
    EXPECT_TRUE(full_coverage(city(3, 3)));
    EXPECT_FALSE(full_coverage(city(3, 2)));
    EXPECT_FALSE(full_coverage(city(0, 0))) << "an empty tree is not covered";
}

TEST(NextRoundTest, YearlyUntilFullCoverage) {
    const auto next = propose_next_round(
        city(7521, 1500), {{2013, RoundKind::kPilot}, {2014, RoundKind::kAnnual}}, 2015);
    EXPECT_EQ(next.kind, RoundKind::kAnnual);
    EXPECT_EQ(next.year, 2015);
    EXPECT_FALSE(next.full_coverage);
    EXPECT_FALSE(next.last_upgrade_year);
    EXPECT_NE(next.reason.find("尚未全覆盖"), std::string::npos) << next.reason;
    EXPECT_NE(next.reason.find("1500 / 7521"), std::string::npos) << next.reason;
    EXPECT_NE(next.reason.find("第十条"), std::string::npos) << next.reason;
}

TEST(NextRoundTest, TheYearsRoundHeldProposesNextYear) {
    const auto next = propose_next_round(city(10, 4), {{2026, RoundKind::kPilot}}, 2026);
    EXPECT_EQ(next.kind, RoundKind::kAnnual);
    EXPECT_EQ(next.year, 2027);
}

TEST(NextRoundTest, NoRoundsYetIsAnAnnualRoundThisYear) {
    const auto next = propose_next_round(city(10, 0), {}, 2026);
    EXPECT_EQ(next.kind, RoundKind::kAnnual);
    EXPECT_EQ(next.year, 2026);
}

TEST(NextRoundTest, UpgradeTwoYearsAfterTheRoundThatCovered) {
    const auto next = propose_next_round(
        city(10, 10), {{2013, RoundKind::kPilot}, {2014, RoundKind::kAnnual}}, 2015);
    EXPECT_EQ(next.kind, RoundKind::kUpgrade);
    EXPECT_TRUE(next.full_coverage);
    EXPECT_EQ(next.year, 2016);
    EXPECT_FALSE(next.last_upgrade_year);
    EXPECT_NE(next.reason.find("已全覆盖"), std::string::npos) << next.reason;
}

TEST(NextRoundTest, UpgradeEveryTwoYearsAfterTheLastUpgrade) {
    const std::vector<PastRound> rounds = {{2014, RoundKind::kAnnual}, {2016, RoundKind::kUpgrade}};
    auto next = propose_next_round(city(10, 10), rounds, 2017);
    EXPECT_EQ(next.kind, RoundKind::kUpgrade);
    EXPECT_EQ(next.year, 2018);
    EXPECT_EQ(next.last_upgrade_year, 2016);
    EXPECT_NE(next.reason.find("上次升级认定在 2016 年"), std::string::npos) << next.reason;
    // Long after: the current year, not a year in the past.
    next = propose_next_round(city(10, 10), rounds, 2021);
    EXPECT_EQ(next.year, 2021);
}

TEST(NextRoundTest, ARevocationEndsFullCoverage) {
    // One community lost its star: back to yearly rounds even after an upgrade round.
    const auto next = propose_next_round(city(10, 9), {{2016, RoundKind::kUpgrade}}, 2017);
    EXPECT_EQ(next.kind, RoundKind::kAnnual);
    EXPECT_EQ(next.year, 2017);
    EXPECT_EQ(next.last_upgrade_year, 2016);
}

TEST(FunnelTest, SharesAndConversions) {
    FunnelCounts counts;
    counts.self_assessed = 10;
    counts.applied = 8;
    counts.recommended = 5;
    counts.certified = 4;
    counts.sanctioned = 1;
    const auto stages = funnel_stages(counts);
    ASSERT_EQ(stages.size(), 5U);
    EXPECT_STREQ(stages[0].key, "self_assessed");
    EXPECT_STREQ(stages[0].label, "自评");
    EXPECT_STREQ(stages[4].key, "sanctioned");
    EXPECT_EQ(stages[2].count, 5);
    EXPECT_DOUBLE_EQ(stages[0].share, 1.0);
    EXPECT_DOUBLE_EQ(stages[1].share, 0.8);
    EXPECT_DOUBLE_EQ(stages[3].share, 0.4);
    EXPECT_DOUBLE_EQ(stages[2].conversion, 0.625);  // 5 of 8 applied were recommended
    EXPECT_DOUBLE_EQ(stages[4].conversion, 0.25);   // 1 of 4 certified was sanctioned
}

TEST(FunnelTest, EmptyFunnelHasNoNaN) {
    for (const auto& stage : funnel_stages({})) {
        EXPECT_EQ(stage.count, 0);
        EXPECT_DOUBLE_EQ(stage.share, 0.0);
        EXPECT_DOUBLE_EQ(stage.conversion, 0.0);
    }
}

TEST(FunnelTest, TotalSumsTheDistricts) {
    FunnelCounts a{"110101", "东城区", 3, 2, 1, 1, 0};
    FunnelCounts b{"110108", "海淀区", 4, 4, 3, 2, 1};
    const auto total = funnel_total({a, b});
    EXPECT_EQ(total.self_assessed, 7);
    EXPECT_EQ(total.applied, 6);
    EXPECT_EQ(total.recommended, 4);
    EXPECT_EQ(total.certified, 3);
    EXPECT_EQ(total.sanctioned, 1);
}

}  // namespace
}  // namespace hx::stats

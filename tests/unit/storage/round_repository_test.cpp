// SqliteRoundRepository: rounds (认定批次) in the `rounds` table of migration 0003.
#include "storage/sqlite/round_repository.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "application_test_support.hpp"
#include "domain/rounds/round.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage {
namespace {

using rounds::Round;
using rounds::RoundKind;
using rounds::RoundScope;
using rounds::RoundStatus;
using test_support::at_ms;
using test_support::sample_round;

void expect_same_round(const Round& actual, const Round& expected) {
    EXPECT_EQ(actual.year, expected.year);
    EXPECT_EQ(actual.kind, expected.kind);
    EXPECT_EQ(actual.standard_id, expected.standard_id);
    EXPECT_EQ(actual.standard_revision, expected.standard_revision);
    EXPECT_EQ(actual.scope, expected.scope);
    EXPECT_EQ(actual.calendar.community_deadline, expected.calendar.community_deadline);
    EXPECT_EQ(actual.calendar.district_deadline, expected.calendar.district_deadline);
    EXPECT_EQ(actual.calendar.notice_days, expected.calendar.notice_days);
    EXPECT_EQ(actual.status, expected.status);
    EXPECT_EQ(actual.name, expected.name);
    EXPECT_EQ(actual.created_at, expected.created_at);
    EXPECT_EQ(actual.opened_at, expected.opened_at);
}

class RoundRepositoryTest : public test_support::RoundStoreTest {
protected:
    Result<std::int64_t> insert(const Round& round) {
        std::int64_t id = 0;
        const auto status = store_->write([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(id, r.rounds().insert(round));
            return ok();
        });
        if (!status) return fail(status.error());
        return id;
    }

    Status update(const Round& round) {
        return store_->write([&](Repositories& r) { return r.rounds().update(round); });
    }

    std::optional<Round> find(std::int64_t id) {
        std::optional<Round> found;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.rounds().find(id));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return found;
    }

    std::vector<Round> list() {
        std::vector<Round> all;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(all, r.rounds().list());
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return all;
    }
};

TEST_P(RoundRepositoryTest, InsertThenFindRoundTripsEveryField) {
    const Round round = sample_round(2026, RoundKind::kUpgrade);
    const auto id = insert(round);
    HX_ASSERT_OK(id);
    EXPECT_GT(*id, 0);
    const auto found = find(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, *id);
    expect_same_round(*found, round);
}

TEST_P(RoundRepositoryTest, EveryWordAndAnAbsentOpeningRoundTrip) {
    int year = 2030;
    for (const auto kind : {RoundKind::kPilot, RoundKind::kAnnual, RoundKind::kUpgrade}) {
        for (const auto scope : {RoundScope::kPilotOnly, RoundScope::kAll}) {
            for (const auto status :
                 {RoundStatus::kDraft, RoundStatus::kOpen, RoundStatus::kClosed}) {
                Round round = sample_round(year++, kind);
                round.scope = scope;
                round.status = status;
                round.opened_at.reset();
                round.standard_revision = 1;
                const auto id = insert(round);
                HX_ASSERT_OK(id);
                const auto found = find(*id);
                ASSERT_TRUE(found);
                expect_same_round(*found, round);
            }
        }
    }
}

TEST_P(RoundRepositoryTest, FindOfAnAbsentRoundIsEmpty) {
    EXPECT_FALSE(find(42));
}

TEST_P(RoundRepositoryTest, SecondRoundOfTheSameYearAndKindIsRefused) {
    HX_ASSERT_OK(insert(sample_round(2026, RoundKind::kAnnual)));
    const auto again = insert(sample_round(2026, RoundKind::kAnnual));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(again.error().reason(), "round_exists");
    EXPECT_NE(again.error().message().find("2026"), std::string::npos);
    // Another kind of the same year, or the same kind another year, is a different round.
    HX_EXPECT_OK(insert(sample_round(2026, RoundKind::kUpgrade)));
    HX_EXPECT_OK(insert(sample_round(2027, RoundKind::kAnnual)));
}

TEST_P(RoundRepositoryTest, UnknownStandardRevisionIsRefused) {
    Round round = sample_round(2026, RoundKind::kAnnual);
    round.standard_revision = 3;
    const auto inserted = insert(round);
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(inserted.error().reason(), "unknown_standard");
    round.standard_revision = 1;
    round.standard_id = "bj-absent";
    EXPECT_FALSE(insert(round));
    EXPECT_TRUE(list().empty());
}

TEST_P(RoundRepositoryTest, ListIsNewestYearFirst) {
    HX_ASSERT_OK(insert(sample_round(2024, RoundKind::kPilot)));
    HX_ASSERT_OK(insert(sample_round(2026, RoundKind::kAnnual)));
    HX_ASSERT_OK(insert(sample_round(2025, RoundKind::kAnnual)));
    HX_ASSERT_OK(insert(sample_round(2026, RoundKind::kUpgrade)));
    const auto all = list();
    ASSERT_EQ(all.size(), 4U);
    EXPECT_EQ(all[0].year, 2026);
    EXPECT_EQ(all[0].kind, RoundKind::kAnnual);  // the same year in the order made
    EXPECT_EQ(all[1].year, 2026);
    EXPECT_EQ(all[1].kind, RoundKind::kUpgrade);
    EXPECT_EQ(all[2].year, 2025);
    EXPECT_EQ(all[3].year, 2024);
}

TEST_P(RoundRepositoryTest, UpdateWritesEveryField) {
    const auto id = insert(sample_round(2026, RoundKind::kAnnual));
    HX_ASSERT_OK(id);
    Round changed = sample_round(2027, RoundKind::kPilot);
    changed.id = *id;
    changed.standard_revision = 1;
    changed.scope = RoundScope::kAll;
    changed.calendar.community_deadline = at_ms(1'800'000'000'001);
    changed.calendar.district_deadline = at_ms(1'800'000'000'002);
    changed.calendar.notice_days = 7;
    changed.status = RoundStatus::kClosed;
    changed.name = "改名后的批次";
    changed.created_at = at_ms(1'800'000'000'003);
    changed.opened_at.reset();
    HX_ASSERT_OK(update(changed));
    const auto found = find(*id);
    ASSERT_TRUE(found);
    expect_same_round(*found, changed);
}

TEST_P(RoundRepositoryTest, UpdateRefusesAnAbsentRoundADuplicateAndAnUnknownStandard) {
    const auto first = insert(sample_round(2026, RoundKind::kAnnual));
    const auto second = insert(sample_round(2027, RoundKind::kAnnual));
    HX_ASSERT_OK(first);
    HX_ASSERT_OK(second);

    Round absent = sample_round(2030, RoundKind::kAnnual);
    absent.id = 999;
    const auto missing = update(absent);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);

    Round clash = sample_round(2026, RoundKind::kAnnual);
    clash.id = *second;
    const auto duplicate = update(clash);
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().reason(), "round_exists");

    Round unknown = sample_round(2027, RoundKind::kAnnual);
    unknown.id = *second;
    unknown.standard_revision = 9;
    const auto refused = update(unknown);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().reason(), "unknown_standard");

    const auto kept = find(*second);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->year, 2027);
    EXPECT_EQ(kept->standard_revision, 2);
}

TEST_P(RoundRepositoryTest, AStoredWordTheModelDoesNotKnowIsInternal) {
    const auto id = insert(sample_round(2026, RoundKind::kAnnual));
    HX_ASSERT_OK(id);
    HX_ASSERT_OK(execute("UPDATE rounds SET status = 'paused'"));
    const auto status = store_->read([&](Repositories& r) -> Status {
        RETURN_IF_ERROR(r.rounds().find(*id));
        return ok();
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
    EXPECT_NE(status.error().message().find("paused"), std::string::npos);
}

HX_ON_BOTH_ENGINES(RoundRepositoryTest);

}  // namespace
}  // namespace hx::storage

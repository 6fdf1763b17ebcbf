// The statistics' counters of migration 0013 (storage/sqlite/stats_counters.*): after a sequence
// of writes through the repositories, what is stored equals a recount from the raw rows, on both
// engines; a rebuild gives the same; the funnel and indicator reads follow them.
#include "storage/sqlite/stats_counters.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <string>
#include <vector>

#include "application_test_support.hpp"
#include "domain/applications/application.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/stats/stats.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage {
namespace {

using applications::Action;
using applications::Application;
using applications::Evaluation;
using applications::Event;
using applications::IndicatorCheck;
using applications::State;
using sqlite::Counters;
using test_support::at_ms;
using test_support::Backend;

Application draft(std::int64_t round_id, const std::string& community_code,
                  std::vector<std::string> achieved) {
    Application application = test_support::application_of(round_id, community_code);
    application.current_star = 0;
    application.target_star = 2;
    application.state = State::kDraft;
    application.assessment.achieved = std::move(achieved);
    application.created_at = at_ms(1'760'000'000'000);
    application.updated_at = application.created_at;
    application.version = 1;
    return application;
}

class StatsCountersTest : public test_support::TwoRoundStoreTest {
protected:
    /// A connection of its own to the test database (outside the store's transactions).
    std::unique_ptr<sql::Connection> connect() {
        if (GetParam() == Backend::kSqlite) {
            auto opened = sqlite::Connection::open(database_->path(), sqlite::OpenMode::kExisting);
            EXPECT_TRUE(opened) << opened.error().message();
            return opened ? std::unique_ptr<sql::Connection>(std::move(*opened)) : nullptr;
        }
        auto opened = postgres::Connection::open(database_->url());
        EXPECT_TRUE(opened) << opened.error().message();
        return opened ? std::unique_ptr<sql::Connection>(std::move(*opened)) : nullptr;
    }

    void expect_counters_equal_recount(const std::string& when) {
        auto connection = connect();
        ASSERT_NE(connection, nullptr);
        const auto stored = sqlite::stored_counters(*connection);
        const auto counted = sqlite::recount(*connection);
        ASSERT_TRUE(stored) << stored.error().message();
        ASSERT_TRUE(counted) << counted.error().message();
        EXPECT_FALSE(counted->districts.empty()) << when;
        EXPECT_EQ(stored->districts, counted->districts) << when;
        EXPECT_EQ(stored->indicators, counted->indicators) << when;
    }

    std::int64_t add(const Application& application) {
        std::int64_t id = 0;
        HX_EXPECT_OK(store_->write([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(id, r.applications().insert(application));
            return ok();
        }));
        return id;
    }

    Application reread(std::int64_t id) {
        std::optional<Application> found;
        HX_EXPECT_OK(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.applications().find(id, "11"));
            return ok();
        }));
        return found.value_or(Application{});
    }

    /// Changes an application as the workflow does: read, change, bump the version, update.
    template <typename Change>
    void change(std::int64_t id, Change change_it) {
        auto application = reread(id);
        change_it(application);
        ++application.version;
        HX_EXPECT_OK(store_->write([&](Repositories& r) { return r.applications().update(application); }));
    }

    void submit(std::int64_t id) {
        Event event;
        event.application_id = id;
        event.at = at_ms(1'761'000'000'000);
        event.username = "community";
        event.role = identity::Role::kCommunity;
        event.action = Action::kSubmit;
        event.from = State::kDraft;
        event.to = State::kSubmitted;
        HX_EXPECT_OK(store_->write([&](Repositories& r) { return r.applications().add_event(event); }));
    }

    void evaluate(std::int64_t id, const std::string& evaluator, std::vector<IndicatorCheck> checks) {
        HX_EXPECT_OK(store_->write([&](Repositories& r) -> Status {
            // Assigned once (a refused statement would end a PostgreSQL transaction).
            if (assigned_.insert({id, evaluator}).second) {
                RETURN_IF_ERROR(r.applications().add_assignment(
                    {id, evaluator, "110000", at_ms(1'762'000'000'000), at_ms(1'761'500'000'000)}));
            }
            Evaluation evaluation;
            evaluation.application_id = id;
            evaluation.evaluator = evaluator;
            evaluation.checks = std::move(checks);
            evaluation.effective = true;
            evaluation.at = at_ms(1'761'600'000'000);
            return r.applications().put_evaluation(evaluation);
        }));
    }

    std::set<std::pair<std::int64_t, std::string>> assigned_;
};

TEST_P(StatsCountersTest, StoredCountersEqualARecountAfterASequenceOfWrites) {
    const auto a = add(draft(round_id_, "110101001001", {"1.1", "1.2"}));
    const auto b = add(draft(round_id_, "110101001002", {"1.1"}));
    const auto c = add(draft(round_id_, "110108001001", {}));
    const auto d = add(draft(other_round_id_, "110101002001", {"2.1", "二.3"}));
    expect_counters_equal_recount("after the inserts");

    // The assessment saved again: a code dropped, two added.
    change(a, [](Application& x) { x.assessment.achieved = {"1.1", "1.3", "2.1"}; });
    change(c, [](Application& x) { x.assessment.achieved = {"1.2"}; });
    expect_counters_equal_recount("after the assessments");

    // Submissions; a resubmission counts once.
    submit(a);
    submit(b);
    submit(a);
    change(a, [](Application& x) { x.state = State::kSubmitted; });
    expect_counters_equal_recount("after the submissions");

    // Two evaluators; 1.1 verified by both, 1.3 by one of two (no majority), 2.1 by both.
    evaluate(a, "ping1", {{"1.1", true, ""}, {"1.3", true, ""}, {"2.1", true, ""}});
    expect_counters_equal_recount("after one evaluation");
    evaluate(a, "ping2", {{"1.1", true, ""}, {"1.3", false, "缺少材料"}, {"2.1", true, ""}});
    evaluate(b, "ping1", {{"1.1", false, "不符"}});
    expect_counters_equal_recount("after the evaluations");
    // An evaluator changes their mind (the upsert replaces the checks).
    evaluate(a, "ping2", {{"1.1", false, ""}, {"1.3", true, ""}, {"2.1", true, ""}});
    expect_counters_equal_recount("after an evaluation replaced");

    // Recommended, then certified, then sanctioned (twice: counted once).
    change(a, [](Application& x) {
        x.state = State::kCertified;
        x.recommendation_rank = 1;
        x.decided_star = 2;
    });
    change(b, [](Application& x) { x.recommendation_rank = 2; });
    certifications::Certification certification;
    certification.serial = "BJZHSQ-2026-2-0000001";
    certification.round_id = round_id_;
    certification.application_id = a;
    certification.community_code = "110101001001";
    certification.community_name = "社区110101001001";
    certification.full_name = "社区110101001001";
    certification.district_code = "110101";
    certification.district_name = "东城区";
    certification.street_name = "东华门街道";
    certification.star = 2;
    certification.year = 2026;
    certification.issued_at = at_ms(1'763'000'000'000);
    certification.status_changed_at = certification.issued_at;
    HX_ASSERT_OK(store_->write([&](Repositories& r) { return r.certifications().insert(certification); }));
    for (int i = 0; i < 2; ++i) {
        certifications::Sanction sanction;
        sanction.serial = certification.serial;
        sanction.kind = certifications::SanctionKind::kRectification;
        sanction.reason = "抽查不合格";
        sanction.created_by = "city_social";
        sanction.created_at = at_ms(1'764'000'000'000 + i);
        HX_ASSERT_OK(store_->write([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(const auto id, r.certifications().add_sanction(sanction));
            static_cast<void>(id);
            return ok();
        }));
    }
    // The rank withdrawn from b; d moved to another round (its counters move with it).
    change(b, [](Application& x) { x.recommendation_rank.reset(); });
    change(d, [&](Application& x) { x.round_id = round_id_; });
    expect_counters_equal_recount("after the decisions and sanctions");

    // A failed write (stale version) changes nothing.
    auto stale = reread(b);
    stale.assessment.achieved = {"9.9"};
    EXPECT_FALSE(store_->write([&](Repositories& r) { return r.applications().update(stale); }));
    expect_counters_equal_recount("after a refused update");

    // The funnel and the indicator figures read the counters.
    std::vector<stats::FunnelCounts> funnel;
    stats::IndicatorCounts indicators;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(funnel, r.stats().funnel(stats::Scope{"11"}, round_id_, 0));
        ASSIGN_OR_RETURN(indicators, r.stats().indicators(stats::Scope{"110101"}, round_id_));
        return ok();
    }));
    ASSERT_EQ(funnel.size(), 2U);
    EXPECT_EQ(funnel[0].district_code, "110101");
    EXPECT_EQ(funnel[0].district_name, "东城区");
    EXPECT_EQ(funnel[0].self_assessed, 3);  // a, b, and d moved in
    EXPECT_EQ(funnel[0].applied, 2);
    EXPECT_EQ(funnel[0].recommended, 1);
    EXPECT_EQ(funnel[0].certified, 1);
    EXPECT_EQ(funnel[0].sanctioned, 1);
    EXPECT_EQ(funnel[1].district_code, "110108");
    EXPECT_EQ(funnel[1].self_assessed, 1);
    EXPECT_EQ(funnel[1].applied, 0);
    EXPECT_EQ(indicators.applications, 3);
    EXPECT_EQ(indicators.evaluated, 2);
    using Figures = std::pair<std::int64_t, std::int64_t>;
    std::map<std::string, Figures> by_code;
    for (const auto& count : indicators.indicators) by_code[count.code] = {count.claimed, count.verified};
    // 1.1: claimed by a and b; verified by neither (a: one of two after ping2's change, b: none
    // of one). 1.3: ping2 changed to verified, so two of two.
    EXPECT_EQ(by_code["1.1"], Figures(2, 0));
    EXPECT_EQ(by_code["1.3"], Figures(1, 1));
    EXPECT_EQ(by_code["2.1"], Figures(2, 1));
    EXPECT_EQ(by_code["二.3"], Figures(1, 0));
    EXPECT_EQ(by_code.count("1.2"), 0U);  // c's claim is in 海淀区

    // A rebuild from the raw rows (migration 0013's) leaves the same counters.
    auto connection = connect();
    ASSERT_NE(connection, nullptr);
    const auto before = sqlite::stored_counters(*connection);
    HX_ASSERT_OK(store_->write([](Repositories& r) { return r.stats().rebuild_counters(); }));
    const auto after = sqlite::stored_counters(*connection);
    ASSERT_TRUE(before && after);
    EXPECT_EQ(before->districts, after->districts);
    EXPECT_EQ(before->indicators, after->indicators);
}

TEST_P(StatsCountersTest, TheMigrationMarkRebuildsCountersThatDriftedOnce) {
    add(draft(round_id_, "110101001001", {"1.1"}));
    // Counters written past the repositories are wrong until the mark asks for a recount.
    HX_ASSERT_OK(execute("UPDATE round_counts SET applications = 7"));
    HX_ASSERT_OK(execute("INSERT INTO settings (key, value) VALUES ('stats.rebuild_counters', '1')"));
    auto migrated = migrate_store(*store_);
    ASSERT_TRUE(migrated) << migrated.error().message();
    expect_counters_equal_recount("after migrate");
    auto connection = connect();
    ASSERT_NE(connection, nullptr);
    auto marks = connection->prepare("SELECT count(*) FROM settings WHERE key = 'stats.rebuild_counters'");
    ASSERT_TRUE(marks);
    const auto left = marks->step();
    ASSERT_TRUE(left && *left);
    EXPECT_EQ(marks->column_int64(0), 0);
}

HX_ON_BOTH_ENGINES(StatsCountersTest);

}  // namespace
}  // namespace hx::storage

#pragma once
/// Shared by the round and application repository tests: a small division tree (东城区 and 海淀区),
/// a standard revision for rounds to reference, and rounds and applications with every field set.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/applications/application.hpp"
#include "domain/regions/region_repository.hpp"
#include "domain/rounds/round.hpp"
#include "domain/standards/standard_repository.hpp"
#include "storage_test_support.hpp"

namespace hx::storage::test_support {

inline Timestamp at_ms(std::int64_t ms) {
    return from_unix_ms(ms);
}

/// 东城区 (two streets, three communities) and 海淀区 (one street, one community).
inline std::vector<regions::Region> application_tree() {
    using regions::Level;
    return {
        node("110101", "东城区", Level::kDistrict, "110000"),
        node("110108", "海淀区", Level::kDistrict, "110000"),
        node("110101001", "东华门街道", Level::kStreet, "110101"),
        node("110101002", "景山街道", Level::kStreet, "110101"),
        node("110108001", "万寿路街道", Level::kStreet, "110108"),
        node("110101001001", "多福巷社区居委会", Level::kCommunity, "110101001", true),
        node("110101001002", "银闸社区居委会", Level::kCommunity, "110101001"),
        node("110101002001", "隆福寺社区居委会", Level::kCommunity, "110101002"),
        node("110108001001", "翠微路社区居委会", Level::kCommunity, "110108001"),
    };
}

/// A minimal standard revision (the tables of 0002 hold it whatever its catalogue).
inline standards::StoredStandard small_standard(const std::string& id, int revision) {
    standards::StoredStandard stored;
    stored.standard.id = id;
    stored.standard.name = "测试标准";
    stored.standard.version = "v" + std::to_string(revision);
    stored.standard.kind = "construction";
    stored.standard.rules.max_star = 5;
    stored.revision = revision;
    stored.created_at = at_ms(1'700'000'000'000);
    stored.updated_at = at_ms(1'700'000'000'000);
    return stored;
}

/// An application of `community_code` in `round_id`, placed in its street and district, every
/// other field at its default.
inline applications::Application application_of(std::int64_t round_id,
                                                const std::string& community_code) {
    applications::Application application;
    application.round_id = round_id;
    application.community_code = community_code;
    application.community_name = "社区" + community_code;
    application.street_code = community_code.substr(0, 9);
    application.district_code = community_code.substr(0, 6);
    return application;
}

/// A round with every field away from its default.
inline rounds::Round sample_round(int year, rounds::RoundKind kind) {
    rounds::Round round;
    round.year = year;
    round.kind = kind;
    round.standard_id = "bj-test";
    round.standard_revision = 2;
    round.scope = rounds::RoundScope::kPilotOnly;
    round.calendar = rounds::default_calendar(year);
    round.calendar.notice_days = 9;
    round.status = rounds::RoundStatus::kOpen;
    round.name = std::to_string(year) + "年度北京市星级智慧社区认定";
    round.created_at = at_ms(1'760'000'000'123);
    round.opened_at = at_ms(1'760'000'100'456);
    return round;
}

/// A store with the tree of application_tree() and standard revisions bj-test 1 and 2.
class RoundStoreTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        HX_ASSERT_OK(store_->write([](Repositories& r) -> Status {
            RETURN_IF_ERROR(r.regions().upsert(application_tree()));
            RETURN_IF_ERROR(r.standards().insert(small_standard("bj-test", 1)));
            return r.standards().insert(small_standard("bj-test", 2));
        }));
    }
};

/// RoundStoreTest with two annual rounds (2026, 2027) for applications to belong to.
class TwoRoundStoreTest : public RoundStoreTest {
protected:
    void SetUp() override {
        RoundStoreTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        HX_ASSERT_OK(store_->write([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(round_id_, r.rounds().insert(sample_round(2026, rounds::RoundKind::kAnnual)));
            ASSIGN_OR_RETURN(other_round_id_,
                             r.rounds().insert(sample_round(2027, rounds::RoundKind::kAnnual)));
            return ok();
        }));
    }

    std::int64_t round_id_ = 0;
    std::int64_t other_round_id_ = 0;
};

}  // namespace hx::storage::test_support

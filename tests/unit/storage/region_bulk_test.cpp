// The national import (RegionService::import_national → RegionRepository::bulk_insert) on both
// engines: the whole tree in one transaction or nothing, the secondary indexes back afterwards.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/identity/identity_service.hpp"
#include "domain/regions/national.hpp"
#include "domain/regions/region_repository.hpp"
#include "domain/regions/region_service.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using regions::Level;
using regions::Region;

constexpr const char* kNational =
    "community_code,community_name,street_code,street_name,district_code,district_name,province_code\n"
    "110101001001,多福巷社区居委会,110101001,东华门街道,110101,东城区,11\n"
    "110101001002,银闸社区居委会,110101001,东华门街道,110101,东城区,11\n"
    "130102001001,东里社区居委会,130102001,建北街道,130102,长安区,13\n"
    "130102001002,西里村村民委员会,130102001,建北街道,130102,长安区,13\n"
    "130102002001,南里社区居委会,130102002,青园街道,130102,长安区,13\n";

std::vector<Region> national_nodes() {
    std::istringstream in(kNational);
    auto nodes = regions::parse_national_csv(in);
    EXPECT_TRUE(nodes) << nodes.error().message();
    return nodes ? std::move(*nodes) : std::vector<Region>{};
}

class RegionBulkTest : public test_support::StoreTest {
protected:
    Result<regions::ImportSummary> import(std::vector<Region> nodes) {
        regions::RegionService service(*store_, clock_);
        return service.import_national(identity::cli_operator(), std::move(nodes));
    }

    std::int64_t count_all() {
        std::int64_t count = -1;
        HX_EXPECT_OK(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(count, r.regions().count_all());
            return ok();
        }));
        return count;
    }

    SystemClock clock_;
};

TEST_P(RegionBulkTest, ImportsChinaIntoAFreshDatabaseKeepingTheRoot) {
    const auto summary = import(national_nodes());
    ASSERT_TRUE(summary) << summary.error().message();
    EXPECT_EQ(summary->provinces, 2);
    EXPECT_EQ(summary->districts, 2);
    EXPECT_EQ(summary->streets, 3);
    EXPECT_EQ(summary->communities, 5);
    EXPECT_EQ(count_all(), 2 + 2 + 3 + 5);
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        // Scoped reads work per province, on the rebuilt indexes.
        ASSIGN_OR_RETURN(auto hebei, r.regions().find("130000", "13", "130000"));
        EXPECT_TRUE(hebei.has_value());
        if (hebei) {
            EXPECT_EQ(hebei->name, "河北省");
            EXPECT_EQ(hebei->children_count, 1);
        }
        ASSIGN_OR_RETURN(auto found, r.regions().search("13", "里", Level::kCommunity, regions::PilotFilter::kAny, {}));
        EXPECT_EQ(found.total, 3);
        ASSIGN_OR_RETURN(auto beijing, r.regions().districts("11"));
        EXPECT_EQ(beijing.size(), 1U);
        ASSIGN_OR_RETURN(auto streets, r.regions().children("130102", "13", "", {}));
        EXPECT_EQ(streets.total, 2);
        return ok();
    }));
}

TEST_P(RegionBulkTest, RefusesADatabaseThatAlreadyHasATree) {
    HX_ASSERT_OK(store_->write([](Repositories& r) {
        return r.regions().upsert({test_support::node("110101", "东城区", Level::kDistrict, "110000")});
    }));
    const auto refused = import(national_nodes());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().reason(), "tree_not_empty");
    EXPECT_EQ(refused.error().message(), "全国区划只能导入到新建的数据库");
    EXPECT_EQ(count_all(), 2);
}

TEST_P(RegionBulkTest, AFailingRowLeavesNothingHalfImported) {
    auto nodes = national_nodes();
    // A community whose street is nowhere: the last row fails after every other was written.
    nodes.push_back(test_support::node("130102009001", "孤儿社区居委会", Level::kCommunity, "130102009"));
    const auto failed = import(nodes);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().reason(), "unknown_parent");
    EXPECT_EQ(count_all(), 1);  // the root of migration 0001 alone
    // The indexes dropped for the insert came back with the rollback: a second import works.
    nodes.pop_back();
    const auto summary = import(nodes);
    ASSERT_TRUE(summary) << summary.error().message();
    EXPECT_EQ(count_all(), 12);
}

HX_ON_BOTH_ENGINES(RegionBulkTest);

}  // namespace
}  // namespace hx::storage

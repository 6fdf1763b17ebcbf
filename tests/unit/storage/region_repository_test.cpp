#include "domain/regions/region_repository.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using regions::Level;
using regions::Page;
using regions::PageRequest;
using regions::Region;
using test_support::node;

/// `value` zero-padded to `width` digits.
std::string padded(int value, std::size_t width) {
    std::string text = std::to_string(value);
    return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
}

std::vector<std::string> codes_of(const std::vector<Region>& nodes) {
    std::vector<std::string> codes;
    for (const auto& region : nodes) codes.push_back(region.code);
    return codes;
}

/// 东城区 with two streets (three communities under 东华门), 西城区 with one street.
std::vector<Region> small_tree() {
    return {
        node("110101", "东城区", Level::kDistrict, "110000"),
        node("110102", "西城区", Level::kDistrict, "110000"),
        node("110101001", "东华门街道", Level::kStreet, "110101"),
        node("110101002", "景山街道", Level::kStreet, "110101"),
        node("110102001", "西长安街街道", Level::kStreet, "110102"),
        node("110101001001", "多福巷社区居委会", Level::kCommunity, "110101001", true),
        node("110101001002", "银闸社区居委会", Level::kCommunity, "110101001"),
        node("110101001005", "东厂社区居委会", Level::kCommunity, "110101001"),
        node("110101002001", "隆福寺社区居委会", Level::kCommunity, "110101002"),
        node("110102001001", "府右街社区居委会", Level::kCommunity, "110102001"),
    };
}

class RegionRepositoryTest : public test_support::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        HX_ASSERT_OK(
            store_->write([](Repositories& r) { return r.regions().upsert(small_tree()); }));
    }

    std::optional<Region> find(const std::string& code, const std::string& scope,
                               const std::string& actor_code) {
        std::optional<Region> found;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.regions().find(code, scope, actor_code));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return found;
    }

    Page<Region> children(const std::string& parent, const std::string& scope,
                          const std::string& query, PageRequest page) {
        Page<Region> result;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(result, r.regions().children(parent, scope, query, page));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return result;
    }

    Page<Region> search(const std::string& scope, const std::string& query,
                        std::optional<Level> level, PageRequest page = {},
                        regions::PilotFilter pilot = regions::PilotFilter::kAny) {
        Page<Region> result;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(result, r.regions().search(scope, query, level, pilot, page));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return result;
    }

    std::vector<std::string> districts(const std::string& scope) {
        std::vector<Region> result;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(result, r.regions().districts(scope));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return codes_of(result);
    }
};

TEST_P(RegionRepositoryTest, FindReturnsEveryFieldAndChildrenCount) {
    const auto community = find("110101001001", "11", "110000");
    ASSERT_TRUE(community);
    EXPECT_EQ(community->name, "多福巷社区居委会");
    EXPECT_EQ(community->level, Level::kCommunity);
    EXPECT_EQ(community->parent_code, "110101001");
    EXPECT_EQ(community->kind, "居委会");
    EXPECT_TRUE(community->pilot);
    EXPECT_EQ(community->children_count, 0);

    const auto street = find("110101001", "11", "110000");
    ASSERT_TRUE(street);
    EXPECT_EQ(street->children_count, 3);
    const auto city = find("110000", "11", "110000");
    ASSERT_TRUE(city);
    EXPECT_EQ(city->level, Level::kCity);
    EXPECT_EQ(city->parent_code, "");
    EXPECT_EQ(city->children_count, 2);
    EXPECT_FALSE(find("110105", "11", "110000"));
}

TEST_P(RegionRepositoryTest, CommunityScopeSeesItselfAndItsAncestorsOnly) {
    const std::string scope = "110101001001";
    const std::string actor = "110101001001";
    const auto own = find("110101001001", scope, actor);
    ASSERT_TRUE(own);
    // Its street by the ancestor rule; children counted inside the scope only.
    const auto street = find("110101001", scope, actor);
    ASSERT_TRUE(street);
    EXPECT_EQ(street->children_count, 1);
    EXPECT_TRUE(find("110101", scope, actor));
    EXPECT_TRUE(find("110000", scope, actor));
    // A sibling street, a sibling community and another district are not there.
    EXPECT_FALSE(find("110101002", scope, actor));
    EXPECT_FALSE(find("110101001002", scope, actor));
    EXPECT_FALSE(find("110102", scope, actor));
    EXPECT_FALSE(find("110102001001", scope, actor));
}

TEST_P(RegionRepositoryTest, DistrictScopeSeesItsSubtree) {
    EXPECT_TRUE(find("110101002001", "110101", "110101"));
    EXPECT_TRUE(find("110101", "110101", "110101"));
    EXPECT_TRUE(find("110000", "110101", "110101"));  // ancestor
    EXPECT_FALSE(find("110102001", "110101", "110101"));
}

TEST_P(RegionRepositoryTest, DistrictsMeetTheScope) {
    EXPECT_EQ(districts("11"), (std::vector<std::string>{"110101", "110102"}));
    EXPECT_EQ(districts("110101"), (std::vector<std::string>{"110101"}));
    EXPECT_EQ(districts("110101001"), (std::vector<std::string>{"110101"}));
    EXPECT_EQ(districts("110101001001"), (std::vector<std::string>{"110101"}));
    EXPECT_EQ(districts("110102001001"), (std::vector<std::string>{"110102"}));
}

TEST_P(RegionRepositoryTest, ChildrenCountAgreesWithChildrenInsideTheScope) {
    // A community worker sees its district by name, but none of the district's children lie
    // inside its scope (its street is an ancestor, not a descendant), so children() lists none
    // and children_count says so.
    std::vector<Region> found;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(found, r.regions().districts("110101001001"));
        return ok();
    }));
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].name, "东城区");
    EXPECT_EQ(found[0].children_count, children("110101", "110101001001", "", {1, 50}).total);
    EXPECT_EQ(found[0].children_count, 0);
    // A district worker sees both streets.
    const auto own = districts("110101");
    ASSERT_EQ(own.size(), 1U);
    EXPECT_EQ(children("110101", "110101", "", {1, 50}).total, 2);
}

TEST_P(RegionRepositoryTest, ChildrenAreScopedOrderedAndFilteredByName) {
    auto page = children("110101001", "11", "", {1, 50});
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(codes_of(page.items),
              (std::vector<std::string>{"110101001001", "110101001002", "110101001005"}));

    page = children("110101001", "11", "银闸", {1, 50});
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(codes_of(page.items), (std::vector<std::string>{"110101001002"}));

    // A community worker listing its street sees itself only.
    page = children("110101001", "110101001001", "", {1, 50});
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(codes_of(page.items), (std::vector<std::string>{"110101001001"}));

    // Another district's scope sees nothing under 东城区.
    page = children("110101", "110102", "", {1, 50});
    EXPECT_EQ(page.total, 0);
    EXPECT_TRUE(page.items.empty());

    // The city's children carry their own children counts.
    page = children("110000", "11", "", {1, 50});
    ASSERT_EQ(page.items.size(), 2U);
    EXPECT_EQ(page.items[0].children_count, 2);
    EXPECT_EQ(page.items[1].children_count, 1);
}

TEST_P(RegionRepositoryTest, ChildrenArePaginatedWithTotal) {
    std::vector<Region> many;
    for (int i = 1; i <= 25; ++i) {
        many.push_back(node("110101002" + padded(100 + i, 3), "景山第" + std::to_string(i) + "社区",
                            Level::kCommunity, "110101002"));
    }
    HX_ASSERT_OK(store_->write([&](Repositories& r) { return r.regions().upsert(many); }));

    const auto first = children("110101002", "11", "", {1, 10});
    EXPECT_EQ(first.total, 26);
    ASSERT_EQ(first.items.size(), 10U);
    EXPECT_EQ(first.items[0].code, "110101002001");
    EXPECT_EQ(first.items[1].code, "110101002101");
    const auto last = children("110101002", "11", "", {3, 10});
    EXPECT_EQ(last.total, 26);
    ASSERT_EQ(last.items.size(), 6U);
    EXPECT_EQ(last.items.back().code, "110101002125");
    const auto beyond = children("110101002", "11", "", {4, 10});
    EXPECT_EQ(beyond.total, 26);
    EXPECT_TRUE(beyond.items.empty());
}

TEST_P(RegionRepositoryTest, SearchOrdersByLevelThenCodeInsideScope) {
    // 东城区 (district), 东华门街道 (street), 东厂社区居委会 (community) all contain 东.
    auto result = search("11", "东", std::nullopt);
    EXPECT_EQ(result.total, 3);
    EXPECT_EQ(codes_of(result.items),
              (std::vector<std::string>{"110101", "110101001", "110101001005"}));

    result = search("11", "东", Level::kStreet);
    EXPECT_EQ(codes_of(result.items), (std::vector<std::string>{"110101001"}));

    result = search("11", "社区", std::nullopt, {2, 2});
    EXPECT_EQ(result.total, 5);
    EXPECT_EQ(codes_of(result.items), (std::vector<std::string>{"110101001005", "110101002001"}));

    // A page that spans levels: everything under 东城区, three to a page.
    result = search("110101", "", std::nullopt, {1, 3});
    EXPECT_EQ(result.total, 7);
    EXPECT_EQ(codes_of(result.items),
              (std::vector<std::string>{"110101", "110101001", "110101002"}));
    result = search("110101", "", std::nullopt, {2, 3});
    EXPECT_EQ(codes_of(result.items),
              (std::vector<std::string>{"110101001001", "110101001002", "110101001005"}));
    result = search("110101", "", std::nullopt, {3, 3});
    EXPECT_EQ(codes_of(result.items), (std::vector<std::string>{"110101002001"}));
    // With the city scope the city itself comes first.
    result = search("11", "", std::nullopt, {1, 2});
    EXPECT_EQ(result.total, 11);
    EXPECT_EQ(codes_of(result.items), (std::vector<std::string>{"110000", "110101"}));

    // Outside the scope nothing matches; wildcards in the query are literal.
    EXPECT_EQ(search("110102", "东", std::nullopt).total, 0);
    EXPECT_EQ(search("11", "%", std::nullopt).total, 0);
    EXPECT_EQ(search("11", "_", std::nullopt).total, 0);
}

TEST_P(RegionRepositoryTest, SearchKeepsThePilotCommunitiesOnly) {
    // 多福巷 is the small tree's one pilot community; an empty name lists every pilot in scope.
    const auto pilot = regions::PilotFilter::kPilotOnly;
    auto result = search("11", "", std::nullopt, {}, pilot);
    EXPECT_EQ(result.total, 1);
    EXPECT_EQ(codes_of(result.items), (std::vector<std::string>{"110101001001"}));
    EXPECT_TRUE(result.items.at(0).pilot);
    EXPECT_EQ(search("11", "社区", std::nullopt, {}, pilot).total, 1);
    EXPECT_EQ(search("11", "银闸", std::nullopt, {}, pilot).total, 0);
    EXPECT_EQ(search("110102", "", std::nullopt, {}, pilot).total, 0);
    EXPECT_EQ(search("11", "", Level::kStreet, {}, pilot).total, 0);
}

TEST_P(RegionRepositoryTest, InvalidScopeIsRefused) {
    for (const std::string scope : {"", "11a", "11%", "1234567890123"}) {
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(auto found, r.regions().find("110101", scope, "110101"));
            static_cast<void>(found);
            return ok();
        });
        ASSERT_FALSE(status) << "scope '" << scope << "'";
        EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(status.error().reason(), "invalid_scope");
    }
}

TEST_P(RegionRepositoryTest, FindManyIsUnscopedAndKeepsOrder) {
    std::vector<Region> found;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(found, r.regions().find_many({"110101001", "999999", "110101"}));
        return ok();
    }));
    EXPECT_EQ(codes_of(found), (std::vector<std::string>{"110101001", "110101"}));
    EXPECT_EQ(found[0].children_count, 3);
}

TEST_P(RegionRepositoryTest, CountByLevel) {
    std::int64_t districts = 0;
    std::int64_t communities = 0;
    std::int64_t cities = 0;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(districts, r.regions().count(Level::kDistrict));
        ASSIGN_OR_RETURN(communities, r.regions().count(Level::kCommunity));
        ASSIGN_OR_RETURN(cities, r.regions().count(Level::kCity));
        return ok();
    }));
    EXPECT_EQ(districts, 2);
    EXPECT_EQ(communities, 5);
    EXPECT_EQ(cities, 1);
}

TEST_P(RegionRepositoryTest, UpsertUpdatesAndPilotIsAuthoritative) {
    auto renamed = node("110101001001", "多福巷社区", Level::kCommunity, "110101001", false);
    renamed.kind = "村委会";
    HX_ASSERT_OK(store_->write([&](Repositories& r) { return r.regions().upsert({renamed}); }));
    const auto found = find("110101001001", "11", "110000");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "多福巷社区");
    EXPECT_EQ(found->kind, "村委会");
    EXPECT_FALSE(found->pilot);
}

TEST_P(RegionRepositoryTest, UpsertAcceptsChildrenBeforeParents) {
    const std::vector<Region> reversed = {
        node("110105001001", "建外社区", Level::kCommunity, "110105001"),
        node("110105001", "建外街道", Level::kStreet, "110105"),
        node("110105", "朝阳区", Level::kDistrict, "110000"),
    };
    HX_ASSERT_OK(store_->write([&](Repositories& r) { return r.regions().upsert(reversed); }));
    EXPECT_TRUE(find("110105001001", "11", "110000"));
}

TEST_P(RegionRepositoryTest, UpsertWithUnknownParentFailsAndWritesNothing) {
    const std::vector<Region> orphans = {
        node("110106", "丰台区", Level::kDistrict, "110000"),
        node("110106001001", "孤儿社区", Level::kCommunity, "110106001"),
    };
    const auto status = store_->write([&](Repositories& r) { return r.regions().upsert(orphans); });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().reason(), "unknown_parent");
    EXPECT_NE(status.error().message().find("110106001"), std::string::npos);
    EXPECT_FALSE(find("110106", "11", "110000"));  // the whole transaction rolled back
}

TEST_P(RegionRepositoryTest, UpsertRefusesMalformedCodes) {
    const auto status = store_->write([](Repositories& r) {
        return r.regions().upsert({node("11010", "坏代码", Level::kDistrict, "110000")});
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
}

TEST_P(RegionRepositoryTest, SetPilotOnlyOnExistingCommunities) {
    HX_ASSERT_OK(
        store_->write([](Repositories& r) { return r.regions().set_pilot("110101001002", true); }));
    const auto found = find("110101001002", "11", "110000");
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->pilot);

    for (const std::string code : {"110101001", "110101009009"}) {
        const auto status =
            store_->write([&](Repositories& r) { return r.regions().set_pilot(code, true); });
        ASSERT_FALSE(status);
        EXPECT_EQ(status.error().code(), ErrorCode::kNotFound);
    }
}

TEST_P(RegionRepositoryTest, InvalidPageIsRefused) {
    const auto status = store_->read([](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(auto page, r.regions().children("110101", "11", "", {0, 10}));
        static_cast<void>(page);
        return ok();
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
}

/// Beijing's size: 16 districts, 349 streets, 7,535 communities, imported in one transaction.
/// The timings are reported, not asserted (benchmarks never fail a build on time).
TEST(RegionRepositoryScale, ImportsBeijingSizedTreeInOneTransaction) {
    test_support::TempDir dir;
    auto opened = sqlite::SqliteStore::open(dir.file("scale.db"), 2);
    ASSERT_TRUE(opened) << opened.error().message();
    auto& store = **opened;
    HX_ASSERT_OK(store.migrate());

    std::vector<Region> tree;
    int streets = 0;
    int communities = 0;
    for (int d = 1; d <= 16; ++d) {
        const std::string district = "1101" + padded(d, 2);
        tree.push_back(node(district, "区" + std::to_string(d), Level::kDistrict, "110000"));
        const int street_count = d <= 13 ? 22 : 21;  // 13×22 + 3×21 = 349
        for (int s = 1; s <= street_count; ++s) {
            const std::string street = district + padded(s, 3);
            tree.push_back(
                node(street, "街道" + std::to_string(++streets), Level::kStreet, district));
            // 7,535 = 349 × 21 + 206: the first 206 streets get 22 communities.
            const int community_count = streets <= 206 ? 22 : 21;
            for (int c = 1; c <= community_count; ++c) {
                tree.push_back(node(street + padded(c, 3), "社区" + std::to_string(++communities),
                                    Level::kCommunity, street, c % 15 == 0));
            }
        }
    }
    ASSERT_EQ(streets, 349);
    ASSERT_EQ(communities, 7535);

    const auto started = std::chrono::steady_clock::now();
    HX_ASSERT_OK(store.write([&](Repositories& r) { return r.regions().upsert(tree); }));
    const auto imported = std::chrono::steady_clock::now();
    // Again: every row now takes the ON CONFLICT path.
    HX_ASSERT_OK(store.write([&](Repositories& r) { return r.regions().upsert(tree); }));
    const auto reimported = std::chrono::steady_clock::now();

    std::int64_t community_count = 0;
    Page<Region> page;
    Page<Region> found;
    HX_ASSERT_OK(store.read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(community_count, r.regions().count(Level::kCommunity));
        return ok();
    }));
    EXPECT_EQ(community_count, 7535);

    constexpr int kRepeats = 50;
    const auto listing = std::chrono::steady_clock::now();
    for (int i = 0; i < kRepeats; ++i) {
        HX_ASSERT_OK(store.read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(page, r.regions().children("110101", "11", "", {1, 50}));
            return ok();
        }));
    }
    const auto searching = std::chrono::steady_clock::now();
    for (int i = 0; i < kRepeats; ++i) {
        HX_ASSERT_OK(store.read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.regions().search("11", "社区", std::nullopt,
                                                       regions::PilotFilter::kAny, {3, 50}));
            return ok();
        }));
    }
    const auto done = std::chrono::steady_clock::now();
    EXPECT_EQ(page.total, 22);
    EXPECT_EQ(page.items.front().children_count, 22);
    EXPECT_EQ(found.total, 7535);
    EXPECT_EQ(found.items.size(), 50U);

    using ms = std::chrono::duration<double, std::milli>;
    const double import_ms = ms(imported - started).count();
    const double reimport_ms = ms(reimported - imported).count();
    const double children_ms = ms(searching - listing).count() / kRepeats;
    const double search_ms = ms(done - searching).count() / kRepeats;
    std::printf(
        "[ timing   ] import 7,900 nodes %.1f ms, re-import %.1f ms, children page %.3f ms, "
        "search page %.3f ms\n",
        import_ms, reimport_ms, children_ms, search_ms);
    RecordProperty("import_ms", std::to_string(import_ms));
    RecordProperty("children_page_ms", std::to_string(children_ms));
    RecordProperty("search_page_ms", std::to_string(search_ms));
}

HX_ON_BOTH_ENGINES(RegionRepositoryTest);

}  // namespace
}  // namespace hx::storage

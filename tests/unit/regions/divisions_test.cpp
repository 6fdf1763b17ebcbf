#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/regions/region.hpp"
#include "domain/regions/region_service.hpp"

namespace hx::regions {
namespace {

constexpr const char* kHeader =
    "district_code,district_name,street_code,street_name,community_code,community_name,kind\n";

TEST(ScopePrefix, CityDistrictStreetCommunity) {
    EXPECT_EQ(scope_prefix("110000"), "11");
    EXPECT_EQ(scope_prefix("110101"), "110101");
    EXPECT_EQ(scope_prefix("110101001"), "110101001");
    EXPECT_EQ(scope_prefix("110101001001"), "110101001001");
}

TEST(DivisionCodes, LevelsFromCodes) {
    EXPECT_EQ(level_of_code("110000"), Level::kCity);
    EXPECT_EQ(level_of_code("110108"), Level::kDistrict);
    EXPECT_EQ(level_of_code("110108001"), Level::kStreet);
    EXPECT_EQ(level_of_code("110108001001"), Level::kCommunity);
    EXPECT_FALSE(level_of_code("11010"));
    EXPECT_FALSE(level_of_code("11010x001"));
}

TEST(DivisionsCsv, ReadsTheRealBeijingFile) {
    std::ifstream in(std::string(HX_SOURCE_DIR) + "/data/beijing-divisions.csv");
    ASSERT_TRUE(in);
    const auto nodes = parse_divisions_csv(in);
    ASSERT_TRUE(nodes) << nodes.error().message();
    std::size_t districts = 0, streets = 0, communities = 0;
    for (const auto& n : *nodes) {
        districts += n.level == Level::kDistrict;
        streets += n.level == Level::kStreet;
        communities += n.level == Level::kCommunity;
    }
    EXPECT_EQ(districts, 16U);
    EXPECT_EQ(streets, 349U);
    EXPECT_EQ(communities, 7535U);
    EXPECT_EQ(nodes->front().code, "110000");  // parents come first
}

TEST(DivisionsCsv, ReportsEveryBadRowAndImportsNothing) {
    std::istringstream in(std::string(kHeader) +
                          "110101,东城区,110101001,东华门街道,110101001001,多福巷社区居委会,居委会\n"
                          "110101,东城区,110102001,西长安街街道,110102001001,错社区,居委会\n"
                          "110101,东城区,110101001,东华门街道,110101001001,多福巷社区居委会,居委会\n"
                          "110101,东城区,110101001,东华门街道\n"
                          "110101,东城区,110101001,,110101001002,,居委会\n");
    const auto nodes = parse_divisions_csv(in);
    ASSERT_FALSE(nodes);
    EXPECT_EQ(nodes.error().reason(), "invalid_csv");
    std::string all;
    for (const auto& f : nodes.error().fields()) all += f.field + " " + f.message + "\n";
    EXPECT_NE(all.find("line 3: street_code"), std::string::npos) << all;
    EXPECT_NE(all.find("line 4: community_code"), std::string::npos) << all;  // duplicate
    EXPECT_NE(all.find("line 5"), std::string::npos) << all;                  // column count
    EXPECT_NE(all.find("line 6: street_name"), std::string::npos) << all;
}

TEST(DivisionsCsv, RefusesAWrongHeader) {
    std::istringstream in("code,name\n1,2\n");
    const auto nodes = parse_divisions_csv(in);
    ASSERT_FALSE(nodes);
    EXPECT_EQ(nodes.error().fields().front().field, "line 1");
}

TEST(DivisionsCsv, ReadsAnOptionalPilotColumn) {
    std::istringstream in(
        "district_code,district_name,street_code,street_name,community_code,community_name,kind,"
        "pilot\n"
        "110101,东城区,110101001,东华门街道,110101001001,多福巷社区居委会,居委会,1\n"
        "110101,东城区,110101001,东华门街道,110101001002,银闸社区居委会,居委会,0\n"
        "110101,东城区,110101001,东华门街道,110101001005,东厂社区居委会,居委会,maybe\n");
    const auto nodes = parse_divisions_csv(in);
    ASSERT_FALSE(nodes);
    EXPECT_EQ(nodes.error().fields().size(), 1U);
    EXPECT_EQ(nodes.error().fields().front().field, "line 4: pilot");
}

TEST(Pages, ValidatesBounds) {
    EXPECT_TRUE(validate_page({1, 1}).has_value());
    EXPECT_TRUE(validate_page({1, 200}).has_value());
    EXPECT_FALSE(validate_page({0, 50}).has_value());
    EXPECT_FALSE(validate_page({1, 0}).has_value());
    EXPECT_FALSE(validate_page({1, 201}).has_value());
}

}  // namespace
}  // namespace hx::regions

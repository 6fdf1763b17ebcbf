#include "domain/regions/national.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace hx::regions {
namespace {

constexpr const char* kHeader =
    "community_code,community_name,street_code,street_name,district_code,district_name,"
    "province_code\r\n";

std::string all_problems(const Error& error) {
    std::string all;
    for (const auto& f : error.fields()) all += f.field + " " + f.message + "\n";
    return all;
}

TEST(NationalCsv, BuildsProvincesDistrictsStreetsAndCommunities) {
    std::istringstream in(std::string(kHeader) +
                          "110101001001,多福巷社区居委会,110101001,东华门街道,110101,东城区,11\r\n"
                          "130102001002,西里村村民委员会,130102001,建北街道,130102,长安区,13\r\n"
                          "130102001001,东里社区居委会,130102001,建北街道,130102,长安区,13\r\n"
                          "441900003501,虎门寨社区,441900003,虎门镇,441900,东莞市,44\r\n");
    const auto nodes = parse_national_csv(in);
    ASSERT_TRUE(nodes) << all_problems(nodes.error());
    std::vector<std::string> codes;
    for (const auto& n : *nodes) codes.push_back(n.code);
    // Provinces, then each level in code order whatever the file's order.
    const std::vector<std::string> expected = {
        "110000",       "130000",       "440000",       "110101",       "130102",
        "441900",       "110101001",    "130102001",    "441900003",    "110101001001",
        "130102001001", "130102001002", "441900003501"};
    EXPECT_EQ(codes, expected);
    EXPECT_EQ(nodes->at(1).name, "河北省");
    EXPECT_EQ(nodes->at(1).level, Level::kCity);
    EXPECT_TRUE(nodes->at(1).parent_code.empty());
    EXPECT_EQ(nodes->at(4).parent_code, "130000");
    EXPECT_EQ(nodes->at(7).parent_code, "130102");
    EXPECT_EQ(nodes->at(10).parent_code, "130102001");
    EXPECT_EQ(nodes->at(10).kind, "居委会");
    EXPECT_EQ(nodes->at(11).kind, "村委会");
    EXPECT_EQ(nodes->at(12).kind, "其他");
    EXPECT_EQ(nodes->at(12).name, "虎门寨社区");  // the CR of CRLF is not part of the name
}

TEST(NationalCsv, ReportsEveryBadRowInChineseAndReturnsNothing) {
    std::istringstream in(std::string(kHeader) +
                          "110101001001,多福巷社区居委会,110101001,东华门街道,110101,东城区,11\n"
                          "990101001001,某社区,990101001,某街道,990101,某区,99\n"
                          "120101001001,某社区,120101001,某街道,110101,东城区,11\n"
                          "110101001001,多福巷社区居委会,110101001,东华门街道,110101,东城区,11\n"
                          "110101001002,银闸社区居委会,110101001,东华门大街道,110101,东城区,11\n"
                          "110101001003,,110101001,东华门街道,110101,东城区,11\n"
                          "110101001004,东厂社区居委会,110101001\n");
    const auto nodes = parse_national_csv(in);
    ASSERT_FALSE(nodes);
    EXPECT_EQ(nodes.error().reason(), "invalid_csv");
    EXPECT_NE(nodes.error().message().find("未导入任何数据"), std::string::npos);
    const auto all = all_problems(nodes.error());
    EXPECT_NE(all.find("line 3: province_code 省级代码 '99' 无效"), std::string::npos) << all;
    EXPECT_NE(all.find("line 4: street_code 街道代码 '120101001' 无效或不属于区县 '110101'"),
              std::string::npos) << all;
    EXPECT_NE(all.find("line 5: community_code 社区代码 '110101001001' 重复"), std::string::npos) << all;
    EXPECT_NE(all.find("line 6 代码 '110101001' 在前面的行中名称不同（'东华门街道'）"),
              std::string::npos) << all;
    EXPECT_NE(all.find("line 7: community_name 名称不能为空"), std::string::npos) << all;
    EXPECT_NE(all.find("line 8 应有 7 列，实有 3 列"), std::string::npos) << all;
}

TEST(NationalCsv, CountsBeyondTheFirstTwoHundredProblems) {
    std::string text = kHeader;
    for (int i = 0; i < 250; ++i) text += "x,y,z\n";
    std::istringstream in(text);
    const auto nodes = parse_national_csv(in);
    ASSERT_FALSE(nodes);
    EXPECT_EQ(nodes.error().fields().size(), 200U);
    EXPECT_NE(nodes.error().message().find("250 处错误"), std::string::npos) << nodes.error().message();
}

TEST(NationalCsv, RefusesAnotherHeaderAndAnEmptyFile) {
    std::istringstream beijing(
        "district_code,district_name,street_code,street_name,community_code,community_name,kind\n");
    const auto wrong = parse_national_csv(beijing);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().message(), "表头不符合要求");
    std::istringstream header_only(kHeader);
    const auto empty = parse_national_csv(header_only);
    ASSERT_FALSE(empty);
    EXPECT_NE(all_problems(empty.error()).find("文件中没有任何社区"), std::string::npos);
}

TEST(NationalCsv, ProvinceNamesAndKinds) {
    EXPECT_STREQ(province_name("11"), "北京市");
    EXPECT_STREQ(province_name("65"), "新疆维吾尔自治区");
    EXPECT_EQ(province_name("10"), nullptr);
    EXPECT_EQ(community_kind("四道口居民委员会"), "居委会");
    EXPECT_EQ(community_kind("西里村村民委员会"), "村委会");
    EXPECT_EQ(community_kind("某某村委会"), "村委会");
}

}  // namespace
}  // namespace hx::regions

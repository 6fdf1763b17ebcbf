// The statistics exports as the server sends them: the XLSX workbook read back with the project's
// reader (the same numbers as the JSON, Chinese headers), the CSV parsed as RFC 4180 after its BOM.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "http/dto/xlsx_reader.hpp"
#include "rfc4180.hpp"

namespace hx::testing {
namespace {

TEST(StatsExport, CoverageWorkbookAgreesWithTheJson) {
    auto& server = TestServer::shared();
    const auto json = server.as("city_social", "GET", "/api/v1/stats/coverage");
    ASSERT_EQ(json.status, 200U) << json.body;
    const auto coverage = json.json();
    const auto xlsx = server.as("city_social", "GET", "/api/v1/stats/coverage?format=xlsx");
    ASSERT_EQ(xlsx.status, 200U) << xlsx.body;
    const auto book = dto::read_xlsx(xlsx.body);
    ASSERT_TRUE(book) << book.error().message();
    const auto* sheet = book->sheet("覆盖率");
    ASSERT_NE(sheet, nullptr);
    const auto& districts = coverage["districts"];
    ASSERT_EQ(sheet->rows.size(), districts.size() + 2)
        << "header, one row per district, the total";
    EXPECT_EQ(sheet->rows[0].text(0), "区划代码");
    EXPECT_EQ(sheet->rows[0].text(4), "覆盖率");
    for (std::size_t i = 0; i < districts.size(); ++i) {
        const auto& row = sheet->rows[i + 1];
        EXPECT_EQ(row.text(0), districts[i]["code"].get<std::string>());
        EXPECT_EQ(row.text(1), districts[i]["name"].get<std::string>());
        EXPECT_EQ(row.text(2), std::to_string(districts[i]["communities"].get<long long>()));
        EXPECT_EQ(row.text(3), std::to_string(districts[i]["certified"].get<long long>()));
    }
    const auto& total = sheet->rows.back();
    EXPECT_EQ(total.text(1), "北京市（合计）");
    EXPECT_EQ(total.text(2), std::to_string(coverage["city"]["communities"].get<long long>()));
    EXPECT_EQ(coverage["districts"].size(), 16U)
        << "the 16 districts of data/beijing-divisions.csv";
}

TEST(StatsExport, OpenDataCsvParsesWithTheJsonsRows) {
    auto& server = TestServer::shared();
    const auto json = server.request("GET", "/api/v1/public/open-data/certifications.json");
    ASSERT_EQ(json.status, 200U);
    const auto csv = server.request("GET", "/api/v1/public/open-data/certifications.csv");
    ASSERT_EQ(csv.status, 200U);
    ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0U);
    const auto rows = parse_csv(std::string_view(csv.body).substr(3));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (std::vector<std::string>{"证书编号", "社区代码", "社区名称", "区代码", "区",
                                                 "街道", "星级", "年度", "颁发日期", "状态"}));
    EXPECT_EQ(rows.size() - 1, json.json()["count"].get<std::size_t>());
    for (const auto& row : rows) EXPECT_EQ(row.size(), 10U);
}

TEST(StatsExport, PlansCsvParsesWithATotalRow) {
    auto& server = TestServer::shared();
    const auto csv = server.as("city_social", "GET", "/api/v1/plans?format=csv");
    ASSERT_EQ(csv.status, 200U) << csv.body;
    ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0U);
    const auto rows = parse_csv(std::string_view(csv.body).substr(3));
    ASSERT_GE(rows.size(), 2U);
    EXPECT_EQ(rows[0][0], "年度");
    EXPECT_EQ(rows.back()[0], "合计");
    EXPECT_NE(rows.back()[6].find("全市目标"), std::string::npos) << rows.back()[6];
}

}  // namespace
}  // namespace hx::testing

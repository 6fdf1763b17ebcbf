// The exports of the statistics: CSV (UTF-8 with BOM, RFC 4180) parsed back field by field, and
// the XLSX workbook read back with the project's own reader (sheets, Chinese headers, numbers).
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <vector>

#include "domain/stats/table.hpp"
#include "http/dto/table_csv.hpp"
#include "http/dto/xlsx_reader.hpp"
#include "rfc4180.hpp"
#include "render/table_xlsx.hpp"

namespace hx::stats {
namespace {

using hx::testing::parse_csv;

Table sample() {
    Table table{"districts", "覆盖率", {"区划代码", "名称", "社区数", "覆盖率"}, {}};
    table.rows.push_back(
        {std::string("110101"), std::string("东城区"), std::int64_t{176}, Ratio{0.0057}});
    table.rows.push_back({std::string("110108"), std::string("海淀区, \"中关村\"\n二行"),
                          std::int64_t{0}, Ratio{0}});
    table.rows.push_back({std::string("=1+1"), std::string(), std::int64_t{-3}, Ratio{1}});
    return table;
}

TEST(TableCsvTest, BomHeadersAndRfc4180Quoting) {
    const auto csv = dto::to_csv(sample());
    ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0U) << "UTF-8 BOM first, for Excel and WPS";
    const auto rows = parse_csv(std::string_view(csv).substr(3));
    ASSERT_EQ(rows.size(), 4U);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"区划代码", "名称", "社区数", "覆盖率"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"110101", "东城区", "176", "0.0057"}));
    EXPECT_EQ(rows[2][1], "海淀区, \"中关村\"\n二行");
    EXPECT_EQ(rows[3][0], "'=1+1") << "a formula is defused";
    EXPECT_EQ(rows[3][2], "-3") << "numbers are numbers, not text to defuse";
    EXPECT_NE(csv.find("\"海淀区, \"\"中关村\"\"\n二行\""), std::string::npos);
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(TableCsvTest, PlainFieldsAreNotQuoted) {
    EXPECT_EQ(dto::csv_field("东城区"), "东城区");
    EXPECT_EQ(dto::csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(dto::csv_field("a\"b"), "\"a\"\"b\"");
}

TEST(TableXlsxTest, ReadsBackSheetsHeadersAndCells) {
    Table second{"stars", "按星级", {"星级", "有效"}, {{std::string("3星级"), std::int64_t{2}}}};
    const auto bytes = render::write_tables_xlsx({sample(), second});
    ASSERT_TRUE(bytes) << bytes.error().message();
    const auto book = dto::read_xlsx(*bytes);
    ASSERT_TRUE(book) << book.error().message();
    ASSERT_EQ(book->sheets.size(), 2U);
    const auto* sheet = book->sheet("覆盖率");
    ASSERT_NE(sheet, nullptr);
    ASSERT_EQ(sheet->rows.size(), 4U);
    EXPECT_EQ(sheet->rows[0].text(0), "区划代码");
    EXPECT_EQ(sheet->rows[0].text(3), "覆盖率");
    EXPECT_EQ(sheet->rows[1].text(0), "110101") << "codes stay text";
    EXPECT_EQ(sheet->rows[1].text(2), "176");
    EXPECT_EQ(sheet->rows[1].text(3), "0.0057") << "a ratio is a number shown as a percentage";
    EXPECT_EQ(sheet->rows[2].text(1), "海淀区, \"中关村\"\n二行");
    EXPECT_EQ(sheet->rows[3].text(0), "=1+1") << "text cells are never formulas in XLSX";
    const auto* stars = book->sheet("按星级");
    ASSERT_NE(stars, nullptr);
    EXPECT_EQ(stars->rows[1].text(1), "2");
}

// The sheet's XML, inflated with libzip (which the XLSX reader uses too).
std::string sheet_xml(const std::string& bytes, const char* name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    std::string out;
    if (archive != nullptr) {
        if (zip_file_t* file = zip_fopen(archive, name, 0)) {
            char buffer[4096];
            zip_int64_t n = 0;
            while ((n = zip_fread(file, buffer, sizeof buffer)) > 0)
                out.append(buffer, static_cast<std::size_t>(n));
            zip_fclose(file);
        }
        zip_discard(archive);
    } else if (source != nullptr) {
        zip_source_free(source);
    }
    zip_error_fini(&error);
    return out;
}

TEST(TableXlsxTest, FreezesTheHeaderRowAndBoldsIt) {
    const auto bytes = render::write_tables_xlsx({sample()});
    ASSERT_TRUE(bytes);
    const auto xml = sheet_xml(*bytes, "xl/worksheets/sheet1.xml");
    ASSERT_FALSE(xml.empty());
    EXPECT_NE(xml.find("<pane ySplit=\"1\" topLeftCell=\"A2\""), std::string::npos)
        << xml.substr(0, 600);
    EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos);
    const auto styles = sheet_xml(*bytes, "xl/styles.xml");
    EXPECT_NE(styles.find("<b/>"), std::string::npos);
}

}  // namespace
}  // namespace hx::stats

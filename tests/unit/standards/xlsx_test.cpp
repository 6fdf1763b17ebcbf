// XLSX for standards: the reader (src/http/dto/xlsx_reader.*), the importer
// (src/http/dto/standards_xlsx.*) and the writer (src/render/standard_xlsx.*).
//
// Workbooks for the error cases are built here by hand: a stored (uncompressed) zip of minimal
// OOXML parts with inline strings, numbers where a person typing into Excel would get numbers.
// That also exercises the parts libxlsxwriter never writes (inline strings, rich text, prefixes).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/standards/validation.hpp"
#include "http/dto/standards.hpp"
#include "http/dto/standards_xlsx.hpp"
#include "http/dto/xlsx_reader.hpp"
#include "render/standard_xlsx.hpp"
#include "standards_test_support.hpp"

namespace hx::dto {
namespace {

namespace st = hx::standards;
using st::test_support::fields_of;
using st::test_support::load_standard;
using st::test_support::make_standard;
using st::test_support::message_at;

// ---- A stored zip, written by hand.

std::uint32_t crc32(std::string_view data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= static_cast<unsigned char>(c);
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void put16(std::string& out, std::uint32_t value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
    put16(out, value & 0xFFFF);
    put16(out, value >> 16);
}

struct ZipEntry {
    std::string name;
    std::string data;
    std::optional<std::uint32_t> declared_size;  // a lie about the uncompressed size
};

std::string zip(const std::vector<ZipEntry>& entries) {
    std::string out;
    std::string directory;
    for (const ZipEntry& entry : entries) {
        const auto offset = static_cast<std::uint32_t>(out.size());
        const auto size = static_cast<std::uint32_t>(entry.data.size());
        const std::uint32_t declared = entry.declared_size.value_or(size);
        const std::uint32_t crc = crc32(entry.data);
        const auto name_length = static_cast<std::uint32_t>(entry.name.size());
        // Local header.
        put32(out, 0x04034b50);
        put16(out, 20);      // version needed
        put16(out, 0x0800);  // UTF-8 names
        put16(out, 0);       // stored
        put16(out, 0);       // time
        put16(out, 0x21);    // date: 1980-01-01
        put32(out, crc);
        put32(out, size);
        put32(out, declared);
        put16(out, name_length);
        put16(out, 0);
        out += entry.name;
        out += entry.data;
        // Central directory entry.
        put32(directory, 0x02014b50);
        put16(directory, 20);
        put16(directory, 20);
        put16(directory, 0x0800);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0x21);
        put32(directory, crc);
        put32(directory, size);
        put32(directory, declared);
        put16(directory, name_length);
        put16(directory, 0);  // extra
        put16(directory, 0);  // comment
        put16(directory, 0);  // disk
        put16(directory, 0);  // internal attributes
        put32(directory, 0);  // external attributes
        put32(directory, offset);
        directory += entry.name;
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, static_cast<std::uint32_t>(directory.size()));
    put32(out, directory_offset);
    put16(out, 0);
    return out;
}

// ---- Minimal OOXML parts.

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelationships =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelationships =
    "http://schemas.openxmlformats.org/package/2006/relationships";

std::string escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// What Excel makes of a typed value: "25" and "1.1" become numbers, the rest text.
bool looks_numeric(std::string_view text) {
    if (text.empty()) return false;
    bool digits = false;
    bool dot = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c == '.' && !dot && i > 0 && i + 1 < text.size()) {
            dot = true;
        } else {
            return false;
        }
    }
    return digits && text.front() != '0' ? true : text == "0";
}

using Rows = std::vector<std::vector<std::string>>;

struct SheetSpec {
    std::string name;
    Rows rows;  // from row 1 and column A; "" is an empty cell
};

std::string sheet_xml(const Rows& rows) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"";
    out += kMain;
    out += "\"><sheetData>";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string number = std::to_string(r + 1);
        out += "<row r=\"" + number + "\">";
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& value = rows[r][c];
            if (value.empty()) continue;
            const std::string ref = xlsx_cell_ref(c, static_cast<std::uint32_t>(r + 1));
            if (looks_numeric(value)) {
                out += "<c r=\"" + ref + "\"><v>" + value + "</v></c>";
            } else {
                out += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + escape(value) +
                       "</t></is></c>";
            }
        }
        out += "</row>";
    }
    out += "</sheetData></worksheet>";
    return out;
}

std::vector<ZipEntry> workbook_entries(const std::vector<SheetSpec>& sheets) {
    std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"";
    workbook += std::string(kMain) + "\" xmlns:r=\"" + std::string(kRelationships) + "\"><sheets>";
    std::string rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"";
    rels += std::string(kPackageRelationships) + "\">";
    std::vector<ZipEntry> entries;
    entries.push_back({"[Content_Types].xml",
                       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                       "package/2006/content-types\"/>",
                       std::nullopt});
    entries.push_back({"_rels/.rels",
                       "<?xml version=\"1.0\"?><Relationships xmlns=\"" +
                           std::string(kPackageRelationships) +
                           "\"><Relationship Id=\"rId1\" Type=\"" + std::string(kRelationships) +
                           "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
                       std::nullopt});
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        workbook += "<sheet name=\"" + escape(sheets[i].name) + "\" sheetId=\"" + n +
                    "\" r:id=\"rId" + n + "\"/>";
        rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + std::string(kRelationships) +
                "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
        entries.push_back(
            {"xl/worksheets/sheet" + n + ".xml", sheet_xml(sheets[i].rows), std::nullopt});
    }
    workbook += "</sheets></workbook>";
    rels += "</Relationships>";
    entries.push_back({"xl/workbook.xml", workbook, std::nullopt});
    entries.push_back({"xl/_rels/workbook.xml.rels", rels, std::nullopt});
    return entries;
}

std::string xlsx(const std::vector<SheetSpec>& sheets) {
    return zip(workbook_entries(sheets));
}

void expect_invalid_xlsx(const Result<XlsxWorkbook>& result, std::string_view fragment) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().reason(), "invalid_xlsx");
    EXPECT_NE(result.error().message().find(fragment), std::string::npos)
        << result.error().message();
    ASSERT_EQ(result.error().fields().size(), 1U);
    EXPECT_EQ(result.error().fields()[0].message, result.error().message());
}

std::string describe(const Error& error) {
    std::string out = error.reason() + ": " + error.message();
    for (const FieldError& field : error.fields()) {
        out += "\n  " + field.field + ": " + field.message;
    }
    return out;
}

// ---- The reader.

TEST(XlsxReaderTest, ColumnNamesAndCellRefs) {
    EXPECT_EQ(xlsx_column_name(0), "A");
    EXPECT_EQ(xlsx_column_name(25), "Z");
    EXPECT_EQ(xlsx_column_name(26), "AA");
    EXPECT_EQ(xlsx_column_name(51), "AZ");
    EXPECT_EQ(xlsx_column_name(52), "BA");
    EXPECT_EQ(xlsx_column_name(16383), "XFD");
    EXPECT_EQ(xlsx_cell_ref(5, 12), "F12");
}

TEST(XlsxReaderTest, ReadsSharedInlineNumberBooleanAndFormulaCells) {
    // Shared strings with a rich-text run and a phonetic annotation (not text); a prefixed
    // main namespace; a row and cells without r; an absolute relationship target; the sheet
    // order of workbook.xml, not of the part names.
    const std::string shared =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<sst xmlns=\"" +
        std::string(kMain) +
        "\" count=\"3\" uniqueCount=\"3\">"
        "<si><t>指标</t></si>"
        "<si><r><rPr><b/></rPr><t>约束</t></r><r><t xml:space=\"preserve\">性 </t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>やく</t></rPh></si>"
        "<si><t>行一_x000D_\n行二</t></si></sst>";
    const std::string first =
        "<x:worksheet xmlns:x=\"" + std::string(kMain) +
        "\"><x:sheetData>"
        "<x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"D2\" t=\"s\">"
        "<x:v>1</x:v></x:c><x:c r=\"E2\" s=\"3\"/></x:row>"
        "<x:row><x:c t=\"s\"><x:v>2</x:v></x:c><x:c><x:v>17</x:v></x:c><x:c><x:v>17.0</x:v>"
        "</x:c><x:c><x:v>1.5</x:v></x:c><x:c><x:v>1E+2</x:v></x:c><x:c><x:v>-3</x:v></x:c>"
        "</x:row>"
        "<x:row r=\"5\"><x:c r=\"A5\" t=\"b\"><x:v>1</x:v></x:c><x:c r=\"B5\" t=\"b\"><x:v>0</x:v>"
        "</x:c><x:c r=\"C5\" t=\"str\"><x:f>A1&amp;\"x\"</x:f><x:v>公式值</x:v></x:c>"
        "<x:c r=\"D5\" t=\"e\"><x:v>#N/A</x:v></x:c>"
        "<x:c r=\"E5\" t=\"inlineStr\"><x:is><x:t>内联 &amp; 文本</x:t></x:is></x:c></x:row>"
        "<x:row r=\"7\"><x:c r=\"A7\" s=\"1\"/></x:row>"
        "</x:sheetData></x:worksheet>";
    const std::string second = sheet_xml({{"在前"}});
    const std::string workbook =
        "<workbook xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" + std::string(kRelationships) +
        "\"><sheets><sheet name=\"第二\" sheetId=\"2\" r:id=\"rId2\"/>"
        "<sheet name=\"第一\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const std::string rels = "<Relationships xmlns=\"" + std::string(kPackageRelationships) +
                             "\">"
                             "<Relationship Id=\"rId1\" Type=\"" +
                             std::string(kRelationships) +
                             "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
                             "<Relationship Id=\"rId2\" Type=\"" +
                             std::string(kRelationships) +
                             "/worksheet\" Target=\"./worksheets/../worksheets/sheet2.xml\"/>"
                             "<Relationship Id=\"rId3\" Type=\"" +
                             std::string(kRelationships) +
                             "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    const std::string bytes = zip({{"xl/workbook.xml", workbook, std::nullopt},
                                   {"xl/_rels/workbook.xml.rels", rels, std::nullopt},
                                   {"xl/sharedStrings.xml", shared, std::nullopt},
                                   {"xl/worksheets/sheet1.xml", first, std::nullopt},
                                   {"xl/worksheets/sheet2.xml", second, std::nullopt}});

    const Result<XlsxWorkbook> read = read_xlsx(bytes);
    ASSERT_TRUE(read.has_value()) << describe(read.error());
    ASSERT_EQ(read->sheets.size(), 2U);
    EXPECT_EQ(read->sheets[0].name, "第二");
    EXPECT_EQ(read->sheets[1].name, "第一");
    ASSERT_NE(read->sheet("第二"), nullptr);
    EXPECT_EQ(read->sheet("第二")->rows.at(0).text(0), "在前");
    EXPECT_EQ(read->sheet("第三"), nullptr);

    const XlsxSheet& sheet = *read->sheet("第一");
    ASSERT_EQ(sheet.rows.size(), 3U) << "the row with only a styled empty cell is left out";
    const XlsxRow& row2 = sheet.rows[0];
    EXPECT_EQ(row2.number, 2U);
    EXPECT_EQ(row2.text(0), "");
    EXPECT_EQ(row2.text(1), "指标");
    EXPECT_EQ(row2.text(3), "约束性 ");
    EXPECT_EQ(row2.cells.size(), 2U);

    const XlsxRow& row3 = sheet.rows[1];
    EXPECT_EQ(row3.number, 3U);
    EXPECT_EQ(row3.text(0), "行一\r\n行二");
    EXPECT_EQ(row3.text(1), "17");
    EXPECT_EQ(row3.text(2), "17");
    EXPECT_EQ(row3.text(3), "1.5");
    EXPECT_EQ(row3.text(4), "100");
    EXPECT_EQ(row3.text(5), "-3");

    const XlsxRow& row5 = sheet.rows[2];
    EXPECT_EQ(row5.number, 5U);
    EXPECT_EQ(row5.text(0), "TRUE");
    EXPECT_EQ(row5.text(1), "FALSE");
    EXPECT_EQ(row5.text(2), "公式值");
    EXPECT_EQ(row5.text(3), "#N/A");
    EXPECT_EQ(row5.text(4), "内联 & 文本");
}

TEST(XlsxReaderTest, NotAZipIsAClearError) {
    expect_invalid_xlsx(read_xlsx(""), "文件为空");
    expect_invalid_xlsx(read_xlsx("id,name\nbj-trial,北京\n"), "无法作为 ZIP 打开");
    expect_invalid_xlsx(
        read_xlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')),
        "旧版 .xls");
    // A zip cut in half has no central directory.
    const std::string whole = xlsx({{"Sheet1", {{"a"}}}});
    expect_invalid_xlsx(read_xlsx(std::string_view(whole).substr(0, whole.size() / 2)),
                        "无法作为 ZIP 打开");
}

TEST(XlsxReaderTest, ZipWithoutWorkbookIsAClearError) {
    expect_invalid_xlsx(read_xlsx(zip({{"readme.txt", "hello", std::nullopt}})),
                        "缺少工作簿（xl/workbook.xml）");
}

TEST(XlsxReaderTest, MalformedPartsAreClearErrors) {
    std::vector<ZipEntry> entries = workbook_entries({{"Sheet1", {{"a"}}}});
    for (ZipEntry& entry : entries) {
        if (entry.name == "xl/worksheets/sheet1.xml") entry.data = "<worksheet><sheetData><row>";
    }
    expect_invalid_xlsx(read_xlsx(zip(entries)), "'xl/worksheets/sheet1.xml' 不是有效的 XML");

    entries = workbook_entries({{"Sheet1", {{"a"}}}});
    std::erase_if(entries, [](const ZipEntry& e) { return e.name == "xl/worksheets/sheet1.xml"; });
    expect_invalid_xlsx(read_xlsx(zip(entries)), "工作表 'Sheet1' 的数据缺失");

    entries = workbook_entries({{"Sheet1", {{"a"}}}});
    for (ZipEntry& entry : entries) {
        if (entry.name == "xl/worksheets/sheet1.xml") {
            entry.data =
                "<worksheet><sheetData><row r=\"4\"><c r=\"C4\" t=\"s\"><v>9</v></c>"
                "</row></sheetData></worksheet>";
        }
    }
    const Result<XlsxWorkbook> bad_index = read_xlsx(zip(entries));
    expect_invalid_xlsx(bad_index, "不存在的共享字符串 '9'");
    EXPECT_EQ(bad_index.error().fields()[0].field, "Sheet1!C4");

    entries = workbook_entries({{"Sheet1", {{"a"}}}});
    for (ZipEntry& entry : entries) {
        if (entry.name == "xl/worksheets/sheet1.xml") {
            entry.data =
                "<worksheet><sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData>"
                "</worksheet>";
        }
    }
    expect_invalid_xlsx(read_xlsx(zip(entries)), "单元格引用 '1A' 无效");
}

TEST(XlsxReaderTest, HugeDeclaredSizeIsRefusedBeforeInflating) {
    // A zip bomb announces itself in the directory: 3.75 GiB for a small entry.
    std::vector<ZipEntry> entries = workbook_entries({{"Sheet1", {{"a"}}}});
    entries.push_back({"xl/media/bomb.bin", std::string(64, 'x'), 0xF0000000u});
    expect_invalid_xlsx(read_xlsx(zip(entries)), "解压后超过 20 MiB");
}

TEST(XlsxReaderTest, EntryLargerThanDeclaredIsRefused) {
    // The directory says 10 bytes; the entry holds a whole sheet.
    std::vector<ZipEntry> entries = workbook_entries({{"Sheet1", {{"a"}}}});
    for (ZipEntry& entry : entries) {
        if (entry.name == "xl/worksheets/sheet1.xml") entry.declared_size = 10;
    }
    expect_invalid_xlsx(read_xlsx(zip(entries)),
                        "'xl/worksheets/sheet1.xml' 解压后大于其声明的大小");
}

TEST(XlsxReaderTest, LimitsRefuseTooManyEntriesTooMuchDataAndTooMuchText) {
    const std::string bytes = xlsx({{"Sheet1", {{"一", "二", "三"}, {"四"}}}});
    ASSERT_TRUE(read_xlsx(bytes).has_value());

    XlsxLimits few_entries;
    few_entries.max_entries = 3;
    expect_invalid_xlsx(read_xlsx(bytes, few_entries), "条目过多（5 个，最多 3 个）");

    XlsxLimits small;
    small.max_uncompressed_bytes = 600;
    expect_invalid_xlsx(read_xlsx(bytes, small), "解压后超过 600 字节");

    // One shared string of 1 KiB used by 100 cells: 100 KiB of text from a few KiB of XML.
    std::string cells;
    for (int i = 1; i <= 100; ++i) {
        cells += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) +
                 "\" t=\"s\"><v>0</v></c></row>";
    }
    std::vector<ZipEntry> entries = workbook_entries({{"Sheet1", {}}});
    for (ZipEntry& entry : entries) {
        if (entry.name == "xl/worksheets/sheet1.xml") {
            entry.data = "<worksheet><sheetData>" + cells + "</sheetData></worksheet>";
        }
    }
    entries.push_back({"xl/sharedStrings.xml",
                       "<sst><si><t>" + std::string(1024, 'x') + "</t></si></sst>", std::nullopt});
    XlsxLimits little_text;
    little_text.max_cell_text_bytes = 50 * 1024;
    expect_invalid_xlsx(read_xlsx(zip(entries), little_text), "单元格内容超过");
    ASSERT_TRUE(read_xlsx(zip(entries)).has_value());
}

// ---- Writer → importer round trips.

void expect_round_trip(const st::Standard& standard) {
    const Result<std::string> bytes = render::write_standard_xlsx(standard);
    ASSERT_TRUE(bytes.has_value()) << describe(bytes.error());
    ASSERT_GT(bytes->size(), 1000U);
    EXPECT_EQ(bytes->substr(0, 2), "PK");
    const Result<st::Standard> parsed = parse_standard_xlsx(*bytes);
    ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
    EXPECT_TRUE(*parsed == standard)
        << "differences: "
        << nlohmann::json::diff(standard_json(standard), standard_json(*parsed)).dump(1);
}

class StandardsXlsxRoundTripTest : public ::testing::TestWithParam<const char*> {};

TEST_P(StandardsXlsxRoundTripTest, DataFileRoundTrips) {
    expect_round_trip(load_standard(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(DataFiles, StandardsXlsxRoundTripTest,
                         ::testing::Values("bj-trial", "bj-construction"));

TEST(StandardsXlsxTest, EveryFieldRoundTrips) {
    st::Standard standard = make_standard();
    standard.note = "第一行\n第二行：含 <尖括号> & \"引号\"";
    standard.version = "1.10";  // text stays text: not 1.1
    st::Indicator& first = standard.categories[0].subcategories[0].indicators[0];
    first.description = "多行\n说明";
    first.evidence_hint = "照片、台账";
    first.life_elements = {st::LifeElement::kHealth, st::LifeElement::kEat};
    first.provenance = st::Provenance::kExample;
    standard.categories[1].subcategories[0].indicators[2].kind = st::IndicatorKind::kGeneral;
    standard.rules.levels[0].conditions = {st::Condition::kEffective, st::Condition::kMechanism};
    standard.rules.levels[1].current_star_in = std::vector<int>{0};
    ASSERT_TRUE(st::validate_standard(standard).has_value());
    expect_round_trip(standard);
}

TEST(StandardsXlsxTest, WrittenWorkbookHasTheDocumentedLayout) {
    const st::Standard standard = load_standard("bj-trial");
    const Result<std::string> bytes = render::write_standard_xlsx(standard);
    ASSERT_TRUE(bytes.has_value());
    const Result<XlsxWorkbook> workbook = read_xlsx(*bytes);
    ASSERT_TRUE(workbook.has_value()) << describe(workbook.error());
    ASSERT_EQ(workbook->sheets.size(), 3U);
    EXPECT_EQ(workbook->sheets[0].name, "标准");
    EXPECT_EQ(workbook->sheets[1].name, "星级规则");
    EXPECT_EQ(workbook->sheets[2].name, "指标");

    const XlsxSheet& header = workbook->sheets[0];
    ASSERT_EQ(header.rows.size(), 8U);
    EXPECT_EQ(header.rows[0].text(0), "项目");
    EXPECT_EQ(header.rows[0].text(1), "值");
    EXPECT_EQ(header.rows[1].text(0), "标识");
    EXPECT_EQ(header.rows[1].text(1), "bj-trial");
    EXPECT_EQ(header.rows[6].text(0), "计数范围");
    EXPECT_EQ(header.rows[6].text(1), "约束性");
    EXPECT_EQ(header.rows[7].text(0), "最高星级");
    EXPECT_EQ(header.rows[7].text(1), "3");

    const XlsxSheet& rules = workbook->sheets[1];
    ASSERT_EQ(rules.rows.size(), 4U);
    EXPECT_EQ(rules.rows[1].text(0), "3");
    EXPECT_EQ(rules.rows[1].text(1), "25");
    EXPECT_EQ(rules.rows[1].text(2), "建立长效机制");

    const XlsxSheet& indicators = workbook->sheets[2];
    ASSERT_EQ(indicators.rows.size(), 51U);  // header + 50 indicators
    const std::vector<std::string_view> headers{"一级代码", "一级名称", "二级代码", "二级名称",
                                                "指标代码", "指标内容", "说明",     "类型",
                                                "佐证材料", "生活要素", "来源"};
    for (std::size_t i = 0; i < headers.size(); ++i) {
        EXPECT_EQ(indicators.rows[0].text(i), headers[i]);
    }
    EXPECT_EQ(indicators.rows[1].text(4), "1");
    EXPECT_EQ(indicators.rows[1].text(7), "约束性");
    EXPECT_EQ(indicators.rows[1].text(9), "娱");
    EXPECT_EQ(indicators.rows[1].text(10), "示例");
}

TEST(StandardsXlsxTest, WriterLeavesNoTemporaryFiles) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("hx-xlsx-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const char* old = std::getenv("TMPDIR");
    const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv("TMPDIR", dir.c_str(), 1);
    const Result<std::string> bytes = render::write_standard_xlsx(make_standard());
    if (saved) {
        ::setenv("TMPDIR", saved->c_str(), 1);
    } else {
        ::unsetenv("TMPDIR");
    }
    EXPECT_TRUE(bytes.has_value());
    EXPECT_TRUE(std::filesystem::is_empty(dir));
    std::filesystem::remove_all(dir);
}

TEST(StandardsXlsxTest, TextLongerThanAnExcelCellIsNamed) {
    st::Standard standard = make_standard();
    standard.categories[0].subcategories[0].indicators[1].title = std::string(40000, 'x');
    const Result<std::string> bytes = render::write_standard_xlsx(standard);
    ASSERT_FALSE(bytes.has_value());
    EXPECT_EQ(bytes.error().reason(), "xlsx_cell_too_long");
    EXPECT_EQ(fields_of(bytes.error()), std::vector<std::string>{"指标!F3"});
}

// ---- The importer on hand-made workbooks.

// make_standard() as a person might type it: the 标准 sheet with JSON keys, English words,
// columns in another order, an extra column and sheet, category cells left empty below the first
// row of each group (merged cells), numbers typed as numbers.
std::vector<SheetSpec> small_standard_sheets() {
    return {
        {"说明", {{"本工作簿由测试生成"}}},
        {"标准",
         {{"值", "项目", "备注"},
          {"t-small", "id"},
          {"测试标准", "名称"},
          {"1", "版本"},
          {"trial", "kind"},
          {"constraint", "计数范围"},
          {"3", "最高星级"}}},
        {"星级规则",
         {{"星级", "最低指标数", "必要条件", "现有星级要求"},
          {"3", "4", "mechanism", "1,2"},
          {"2", "3", "建立信息服务资源动态更新维护管理长效机制", ""},
          {"1", "2", "", ""}}},
        {"指标",
         {{"指标代码", "指标内容", "一级代码", "一级名称", "二级代码", "类型", "二级名称", "来源",
           "生活要素", "说明", "佐证材料", "备注"},
          {"1", "指标1", "1", "基础设施", "1.1", "constraint", "网络", "source"},
          {"2", "指标2", "", "", "", "约束性", "", "原文"},
          {"3", "指标3", "", "", "", "引导性指标", "", "source", "", "", "", "随便写"},
          {},
          {"4", "指标4", "2", "服务", "2.1", "constraint", "政务", "原文"},
          {"5", "指标5", "2", "", "2.1", "constraint", "", "原文"},
          {"6", "指标6", "", "", "", "guiding", "", "原文"}}},
    };
}

TEST(StandardsXlsxTest, ReadsWordsInEitherLanguageAndFillsDownGroups) {
    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(small_standard_sheets()));
    ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
    const st::Standard expected = make_standard();
    EXPECT_TRUE(*parsed == expected)
        << nlohmann::json::diff(standard_json(expected), standard_json(*parsed)).dump(1);
}

TEST(StandardsXlsxTest, LifeElementsMayBeWrittenTogetherOrSeparated) {
    std::vector<SheetSpec> sheets = small_standard_sheets();
    sheets[3].rows[1].resize(9);
    sheets[3].rows[1][8] = "吃住";
    sheets[3].rows[2].resize(9);
    sheets[3].rows[2][8] = "行、游，健";
    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(sheets));
    ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
    const auto& indicators = parsed->categories[0].subcategories[0].indicators;
    EXPECT_EQ(indicators[0].life_elements,
              (std::vector<st::LifeElement>{st::LifeElement::kEat, st::LifeElement::kDwell}));
    EXPECT_EQ(indicators[1].life_elements,
              (std::vector<st::LifeElement>{st::LifeElement::kTravel, st::LifeElement::kTour,
                                            st::LifeElement::kHealth}));
}

// Eleven valid indicators in rows 2–12 of 指标, columns in the order of the header below.
std::vector<SheetSpec> eleven_indicator_sheets() {
    Rows indicators{{"指标代码", "指标内容", "一级代码", "一级名称", "二级代码", "类型", "二级名称",
                     "来源", "生活要素"}};
    for (int i = 1; i <= 11; ++i) {
        const bool first = i <= 6;
        indicators.push_back({std::to_string(i), "指标" + std::to_string(i), first ? "1" : "2",
                              first ? "基础设施" : "服务", first ? "1.1" : "2.1",
                              i % 2 == 1 ? "约束性" : "引导性", first ? "网络" : "政务", "原文",
                              ""});
    }
    return {
        {"标准",
         {{"项目", "值"},
          {"标识", "t-eleven"},
          {"名称", "十一项"},
          {"版本", "1"},
          {"类型", "trial"},
          {"说明", ""},
          {"计数范围", "约束性"},
          {"最高星级", "3"}}},
        {"星级规则",
         {{"星级", "最低指标数", "必要条件", "现有星级要求"},
          {"1", "2", "建立长效机制", ""},
          {"2", "3", "建立长效机制", ""},
          {"3", "4", "建立长效机制", "1、2"}}},
        {"指标", std::move(indicators)},
    };
}

TEST(StandardsXlsxTest, ElevenIndicatorBaseIsValid) {
    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(eleven_indicator_sheets()));
    ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
    EXPECT_EQ(parsed->count_by_kind().total, 11);
    EXPECT_EQ(parsed->countable_total(), 6);
}

TEST(StandardsXlsxTest, EveryParseProblemIsReportedWithItsCell) {
    std::vector<SheetSpec> sheets = eleven_indicator_sheets();
    Rows& header = sheets[0].rows;
    header.erase(header.begin() + 2);  // no 名称
    header[6][1] = "五";               // 最高星级 (now row 7)
    header.push_back({"负责人", "张三"});
    Rows& rules = sheets[1].rows;
    rules[1][2] = "长效";  // C2
    rules[2][0] = "二";    // A3
    rules[3][3] = "2、x";  // D4
    Rows& indicators = sheets[2].rows;
    indicators[11][5] = "foo";  // F12
    indicators[4][8] = "吃饭";  // I5
    indicators[5][7] = "官方";  // H6
    indicators[6][7] = "";      // H7
    indicators[7][0] = "2";     // A8 repeats A3
    indicators[8][1] = "";      // B9
    indicators[9][2] = "";      // C10: fills down from row 9 …
    indicators[9][3] = "服务";  // … but names a category: the code is missing

    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(sheets));
    ASSERT_FALSE(parsed.has_value());
    const Error& error = parsed.error();
    EXPECT_EQ(error.reason(), "invalid_standard");
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(fields_of(error),
              (std::vector<std::string>{"标准!B7", "标准!A8", "标准", "星级规则!C2", "星级规则!A3",
                                        "星级规则!D4", "指标!I5", "指标!H6", "指标!H7", "指标!C10",
                                        "指标!F12", "指标!A8", "指标!B9"}))
        << describe(error);
    EXPECT_EQ(
        message_at(error, "指标!F12"),
        "未知的指标类型 'foo'（可选：constraint、guiding、general，或 约束性、引导性、通用）");
    EXPECT_EQ(message_at(error, "指标!I5"),
              "未知的生活要素 '饭'（可选：吃、住、行、游、购、娱、健）");
    EXPECT_EQ(message_at(error, "指标!H6"),
              "未知的来源标记 '官方'（可选：source、example，或 原文、示例）");
    EXPECT_EQ(message_at(error, "指标!H7"), "来源不能为空（可选：source、example，或 原文、示例）");
    EXPECT_EQ(message_at(error, "指标!C10"), "一级代码不能为空（一级名称为 '服务'）");
    EXPECT_EQ(message_at(error, "指标!A8"), "指标编号 '2' 重复（首次出现于 指标!A3）");
    EXPECT_EQ(message_at(error, "指标!B9"), "指标 '8' 的标题不能为空");
    EXPECT_EQ(message_at(error, "标准"), "缺少项目 '名称'（工作表 '标准' 的项目列）");
    EXPECT_EQ(message_at(error, "标准!B7"), "最高星级应为整数，实际为 '五'");
    EXPECT_EQ(message_at(error, "标准!A8"),
              "未知的项目 '负责人'（可选：标识、名称、版本、类型、说明、计数范围、最高星级）");
    EXPECT_EQ(message_at(error, "星级规则!A3"), "星级应为整数，实际为 '二'");
    EXPECT_EQ(message_at(error, "星级规则!C2"),
              "未知的申报条件 '长效'（可选：mechanism、effective，或 建立长效机制、作用发挥好）");
    EXPECT_EQ(message_at(error, "星级规则!D4"),
              "现有星级要求中的 'x' 应为整数（如 3、4；不设要求时留空）");
    // The star that could not be read is not reported again as "星级 0 超出 1–3".
    const std::vector<std::string> fields = fields_of(error);
    EXPECT_EQ(std::count(fields.begin(), fields.end(), "星级规则!A3"), 1);
    EXPECT_NE(error.message().find("有 13 处错误"), std::string::npos) << error.message();
}

TEST(StandardsXlsxTest, RuleProblemsAreMappedBackToTheirCells) {
    std::vector<SheetSpec> sheets = eleven_indicator_sheets();
    sheets[0].rows[1][1] = "";  // 标识 empty: B2
    Rows& rules = sheets[1].rows;
    rules[2][1] = "1";   // B3: ★★ asks less than ★
    rules[3][1] = "50";  // B4: more than the 6 constraint indicators
    rules[3][3] = "3";   // D4: a prerequisite not below the level
    Rows& indicators = sheets[2].rows;
    indicators[2][8] = "吃、吃";  // I3
    indicators[3][3] = "别的";    // D4: another name for category 1
    indicators[3][0] = "3 a";     // A4
    indicators[8][4] = "1.1";     // E9: subcategory 1.1 again, under category 2
    indicators[8][6] = "网络";

    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(sheets));
    ASSERT_FALSE(parsed.has_value());
    const Error& error = parsed.error();
    EXPECT_EQ(error.reason(), "invalid_standard");
    EXPECT_EQ(message_at(error, "标准!B2"), "标准编号（id）不能为空") << describe(error);
    EXPECT_EQ(message_at(error, "星级规则!B3"), "星级 2 的门槛 1 低于星级 1 的门槛 2");
    EXPECT_EQ(message_at(error, "星级规则!B4"),
              "星级 3 的门槛 50 超过可计入的指标总数 6（计数口径 constraint）");
    EXPECT_EQ(message_at(error, "星级规则!D4"), "前置星级 3 不低于本级星级 3");
    EXPECT_EQ(message_at(error, "指标!I3"), "生活要素 '吃' 重复");
    EXPECT_EQ(message_at(error, "指标!D4"),
              "一级类别 '1' 的名称 '别的' 与 指标!D2 的 '基础设施' 不一致");
    EXPECT_EQ(message_at(error, "指标!A4"), "指标编号 '3 a' 不能含空白字符");
    EXPECT_EQ(message_at(error, "指标!E9"), "二级类别编号 '1.1' 重复");
    EXPECT_EQ(error.fields().size(), 8U) << describe(error);
    for (const FieldError& field : error.fields()) {
        EXPECT_EQ(field.field.find("categories"), std::string::npos) << field.field;
        EXPECT_EQ(field.field.find("rules"), std::string::npos) << field.field;
        EXPECT_EQ(field.message.find("categories["), std::string::npos) << field.message;
    }
}

TEST(StandardsXlsxTest, MissingSheetsAreNamed) {
    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx({{"Sheet1", {{"随便"}}}}));
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().reason(), "invalid_standard");
    EXPECT_EQ(fields_of(parsed.error()), (std::vector<std::string>{"标准", "星级规则", "指标"}))
        << describe(parsed.error());
    EXPECT_EQ(message_at(parsed.error(), "指标"),
              "缺少工作表 '指标'（需要工作表：标准、星级规则、指标；名称须完全一致）");
}

TEST(StandardsXlsxTest, MissingOrRepeatedColumnsAreNamedOnceNotPerRow) {
    std::vector<SheetSpec> sheets = eleven_indicator_sheets();
    for (std::vector<std::string>& row : sheets[2].rows) row.erase(row.begin() + 5);  // no 类型
    sheets[1].rows[0][3] = "星级";  // D1 repeats A1; 现有星级要求 is optional
    sheets[0].rows = {};
    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(sheets));
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(fields_of(parsed.error()),
              (std::vector<std::string>{"标准", "星级规则!D1", "指标!1:1"}))
        << describe(parsed.error());
    EXPECT_EQ(message_at(parsed.error(), "标准"),
              "工作表 '标准' 为空：第 1 行应为表头（项目、值）");
    EXPECT_EQ(message_at(parsed.error(), "星级规则!D1"),
              "表头 '星级' 重复（首次出现于 星级规则!A1）");
    EXPECT_EQ(message_at(parsed.error(), "指标!1:1"),
              "工作表 '指标' 的表头缺少列 '类型'（第 1 行应为表头：一级代码、一级名称、二级代码、"
              "二级名称、指标代码、指标内容、说明、类型、佐证材料、生活要素、来源）");
}

TEST(StandardsXlsxTest, NotAWorkbookIsInvalidXlsx) {
    const Result<st::Standard> parsed = parse_standard_xlsx("{\"id\": \"bj-trial\"}");
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().reason(), "invalid_xlsx");
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_FALSE(parsed.error().fields().empty());

    const Result<st::Standard> no_workbook =
        parse_standard_xlsx(zip({{"标准.csv", "项目,值", std::nullopt}}));
    ASSERT_FALSE(no_workbook.has_value());
    EXPECT_EQ(no_workbook.error().reason(), "invalid_xlsx");
}

TEST(StandardsXlsxTest, ManyProblemsAreCapped) {
    std::vector<SheetSpec> sheets = eleven_indicator_sheets();
    for (int i = 0; i < 300; ++i) {
        sheets[2].rows.push_back({std::to_string(100 + i), "x", "1", "", "1.1", "foo", "", "原文"});
    }
    const Result<st::Standard> parsed = parse_standard_xlsx(xlsx(sheets));
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().fields().size(), 201U);
    EXPECT_EQ(parsed.error().fields().back().message, "另有 100 处错误未列出");
}

}  // namespace
}  // namespace hx::dto

// The documents of the workflow (src/render/documents.hpp): the application form in three copies,
// the recommendation list as PDF and XLSX, the commendation notice and the spot-check bulletin.
// The text of each PDF is read back with pdftotext and pdfinfo (poppler-utils, which
// scripts/deps.sh test installs); without them these tests fail rather than pass unchecked.
#include "render/documents.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/dto/xlsx_reader.hpp"

namespace hx::render {
namespace {

namespace fs = std::filesystem;

// ---- Reading a PDF back ----------------------------------------------------------------------

/// Pages as counted in the file: cairo writes one "/Type /Page" dictionary per page.
int page_count(const std::string& pdf) {
    int count = 0;
    const std::string key = "/Type /Page";
    for (auto at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
        const auto next = at + key.size();
        if (next < pdf.size() && pdf[next] != 's') ++count;
    }
    return count;
}

bool have_tool(const char* name) {
    return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

/// A file of this test's own, removed afterwards.
class TempFile {
public:
    explicit TempFile(const std::string& bytes) {
        std::string pattern = (fs::temp_directory_path() / "hx-doc-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        path_ = pattern;
        if (fd >= 0) close(fd);
        std::ofstream(path_, std::ios::binary) << bytes;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct PipeClose {
    void operator()(FILE* pipe) const { pclose(pipe); }
};

std::string run(const std::string& command) {
    std::unique_ptr<FILE, PipeClose> pipe(popen(command.c_str(), "r"));
    if (!pipe) return {};
    std::string out;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.append(buffer, read);
    return out;
}

/// The text of each page, with all white space removed: wrapped Chinese lines join up again.
std::optional<std::vector<std::string>> page_texts(const std::string& pdf) {
    if (!have_tool("pdftotext")) return std::nullopt;
    const TempFile file(pdf);
    const std::string text = run("pdftotext -enc UTF-8 '" + file.path() + "' -");
    std::vector<std::string> pages(1);
    for (const char c : text) {
        if (c == '\f') {
            pages.emplace_back();
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            pages.back() += c;
        }
    }
    if (pages.back().empty()) pages.pop_back();  // pdftotext ends every page with \f
    return pages;
}

std::string all_text(const std::vector<std::string>& pages) {
    std::string out;
    for (const auto& page : pages) out += page;
    return out;
}

std::string pdf_info(const std::string& pdf) {
    const TempFile file(pdf);
    return run("pdfinfo -enc UTF-8 '" + file.path() + "'");
}

std::string render_ok(const Result<std::string>& bytes) {
    EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().message());
    if (!bytes) return {};
    EXPECT_EQ(bytes->rfind("%PDF-", 0), 0U);
    return *bytes;
}

void expect_refused(const Result<std::string>& bytes, const std::string& field,
                    const std::string& words) {
    ASSERT_FALSE(bytes.has_value());
    EXPECT_EQ(bytes.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(bytes.error().reason(), "document_invalid");
    EXPECT_NE(bytes.error().message().find(words), std::string::npos) << bytes.error().message();
    const auto& fields = bytes.error().fields();
    EXPECT_TRUE(std::any_of(fields.begin(), fields.end(),
                            [&](const FieldError& f) { return f.field == field; }))
        << "no field error for " << field;
}

// ---- Samples --------------------------------------------------------------------------------

const std::vector<std::string> kIssuers = {"北京市社会建设工作办公室", "北京市经济和信息化委员会",
                                           "北京市民政局"};

ApplicationForm sample_form() {
    ApplicationForm form;
    form.round_name = "2026年度北京市星级智慧社区认定（年度认定）";
    form.community_full_name = "北京市东城区东华门街道多福巷社区";
    form.community_code = "110101001001";
    form.district = "东城区";
    form.street = "东华门街道";
    form.current_star = 0;
    form.target_star = 2;
    form.eligible_star = 2;
    form.standard_name = "北京市智慧社区建设指导标准 第1版";
    form.standard_is_example = true;
    static constexpr const char* kCategories[] = {"基础设施", "社区服务", "社区管理"};
    for (int i = 0; i < 45; ++i) {
        FormIndicator indicator;
        indicator.code = std::to_string(i / 15 + 1) + "." + std::to_string(i % 15 + 1);
        indicator.name = "指标内容" + std::to_string(i + 1) + "：社区宽带网络与公共服务平台";
        indicator.category = kCategories[i / 15];
        indicator.constraint = i % 3 == 0;
        indicator.claimed = i % 4 != 1;
        form.indicators.push_back(indicator);
    }
    form.mechanism = true;
    form.mechanism_note = "由社区专人每月更新居民信息。";
    form.effectiveness_note = "平台全年服务居民一万余人次。";
    form.submitted_at = "2026-10-20 14:03";
    form.street_opinion = "材料真实完整，同意转报。";
    form.street_at = "2026-10-25 09:30";
    form.reviews = {{"东城区社会办", "同意", "符合申报条件。", "dc_social", "2026-11-02 10:15"},
                    {"东城区经济和信息化局", "同意", "", "dc_it", "2026-11-03 16:20"},
                    {"东城区民政局", "同意", "", "dc_civil", "2026-11-04 11:00"}};
    form.recommendation_rank = 2;
    form.district_opinion = "优中选优，同意推荐。";
    form.application_id = "A-2026-000123";
    return form;
}

RecommendationList sample_list(int entries) {
    RecommendationList list;
    list.round_name = "2026年度北京市星级智慧社区认定（年度认定）";
    list.district = "东城区";
    list.district_code = "110101";
    list.generated_at = "2026-11-14 17:20";
    for (int i = 0; i < entries; ++i) {
        RecommendationEntry entry;
        entry.rank = entries - i;  // given in reverse: printed by rank
        entry.community = "推荐社区" + std::to_string(entries - i);
        entry.community_code = "110101001" + std::to_string(100 + entries - i);
        entry.street = "东华门街道";
        entry.target_star = 1 + i % 3;
        entry.eligible_star = 1 + i % 3;
        entry.reviews = "三部门均同意";
        list.entries.push_back(entry);
    }
    list.receipts = {"市社会办 已于 2026-11-16 签收"};
    return list;
}

std::string serial(int star, int number) {
    char text[40];
    std::snprintf(text, sizeof text, "BJZHSQ-2026-%d-%06d", star, number);
    return text;
}

CommendationNotice sample_commendation(int entries) {
    CommendationNotice notice;
    notice.year = 2026;
    notice.round_name = "2026年度北京市星级智慧社区认定（年度认定）";
    notice.document_number = "京社办发〔2026〕12号";
    notice.issued_on = "2026年11月23日";
    notice.issuers = kIssuers;
    notice.verify_url_base = "https://huixing.example.gov.cn/public/verify/";
    static constexpr const char* kDistricts[] = {"东城区", "西城区", "朝阳区", "海淀区"};
    for (int i = 0; i < entries; ++i) {
        CommendationEntry entry;
        entry.district = kDistricts[i % 4];
        entry.street = "某街道";
        entry.community = "表彰社区" + std::to_string(i + 1);
        entry.star = 1 + i % 5;
        entry.serial = serial(entry.star, i + 1);
        notice.entries.push_back(entry);
    }
    return notice;
}

SpotCheckBulletin sample_bulletin(int entries) {
    SpotCheckBulletin bulletin;
    bulletin.year = 2027;
    bulletin.title = "关于2027年度北京市星级智慧社区抽查情况的通报";
    bulletin.document_number = "京社办发〔2027〕30号";
    bulletin.issued_on = "2027年9月15日";
    bulletin.issuers = kIssuers;
    bulletin.summary = "本次抽查按各区（县）星级智慧社区数量的百分之十随机抽取。";
    for (int i = 0; i < entries; ++i) {
        BulletinEntry entry;
        entry.district = "朝阳区";
        entry.community = "抽查社区" + std::to_string(i + 1);
        entry.star = 3;
        entry.serial = serial(3, i + 1);
        entry.passed = i % 4 != 0;
        entry.findings = entry.passed ? "" : "居民信息超过六个月未更新。";
        entry.action = entry.passed ? "无" : (i == 0 ? "撤销称号" : "限期整改");
        bulletin.entries.push_back(entry);
    }
    return bulletin;
}

// ---- 1. The application form ---------------------------------------------------------------

TEST(ApplicationFormPdf, PrintsThreeCopiesEachMarkedForItsDepartment) {
    const auto pdf = render_ok(render_application_form_pdf(sample_form()));
    const int pages = page_count(pdf);
    ASSERT_GE(pages, 3);
    EXPECT_EQ(pages % 3, 0) << "three copies of the same layout";

    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    ASSERT_EQ(static_cast<int>(texts->size()), pages);
    const std::size_t per_copy = texts->size() / 3;
    const char* const copies[] = {"报送：市社会办（第1份，共3份）",
                                  "报送：市经济信息化委（第2份，共3份）",
                                  "报送：市民政局（第3份，共3份）"};
    for (std::size_t page = 0; page < texts->size(); ++page) {
        const std::string& text = (*texts)[page];
        EXPECT_NE(text.find(copies[page / per_copy]), std::string::npos) << "page " << page + 1;
        EXPECT_NE(text.find(kExampleStandardNotice), std::string::npos) << "page " << page + 1;
        EXPECT_NE(text.find("申报编号：A-2026-000123"), std::string::npos) << "page " << page + 1;
        const std::string number =
            "第" + std::to_string(page % per_copy + 1) + "页共" + std::to_string(per_copy) + "页";
        EXPECT_NE(text.find(number), std::string::npos) << "page " << page + 1;
    }
    const std::string first_copy = (*texts)[0] + (per_copy > 1 ? (*texts)[1] : "");
    const std::string text = all_text(*texts);
    for (const char* words :
         {"北京市星级智慧社区申报表", "北京市东城区东华门街道多福巷社区", "110101001001",
          "指标内容45：社区宽带网络与公共服务平台", "已建立信息资源更新长效机制",
          "平台全年服务居民一万余人次", "材料真实完整，同意转报", "东城区经济和信息化局",
          "dc_civil", "本区（县）推荐名单第2位", "优中选优，同意推荐"}) {
        EXPECT_NE(text.find(words), std::string::npos) << words;
    }
    EXPECT_NE(first_copy.find("社区自评达标34项，其中约束性指标12项"), std::string::npos);
}

TEST(ApplicationFormPdf, DepartmentNamesStayOnOneLineInTheOpinionTable) {
    // The names as src/cli/documents.cpp puts them: the role's department, then the district.
    auto form = sample_form();
    form.reviews = {{"区社会办\n东城区", "同意", "符合申报条件。", "dc_social", "2026-11-02 10:15"},
                    {"区信息化主管部门\n东城区", "同意", "", "dc_it", "2026-11-03 16:20"},
                    {"区民政局\n东城区", "同意", "", "dc_civil", "2026-11-04 11:00"}};
    const auto pdf = render_ok(render_application_form_pdf(form));
    if (!have_tool("pdftotext")) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    const TempFile file(pdf);
    // -layout keeps each printed line one line of text: a wrapped name would be cut in two.
    const std::string text = run("pdftotext -layout -enc UTF-8 '" + file.path() + "' -");
    int whole = 0;
    for (std::size_t at = text.find("区信息化主管部门"); at != std::string::npos;
         at = text.find("区信息化主管部门", at + 1)) {
        ++whole;
    }
    EXPECT_EQ(whole, 3) << "once per copy";
}

TEST(ApplicationFormPdf, CarriesNoExampleNoticeForAnOfficialStandard) {
    auto form = sample_form();
    form.standard_is_example = false;
    const auto pdf = render_ok(render_application_form_pdf(form));
    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    EXPECT_EQ(all_text(*texts).find("并非官方标准原文"), std::string::npos);
}

TEST(ApplicationFormPdf, LongNotesFlowOntoFurtherPages) {
    auto form = sample_form();
    form.copies = {"市社会办"};
    const auto short_pages = page_count(render_ok(render_application_form_pdf(form)));
    std::string note;
    for (int i = 0; i < 300; ++i) note += "社区通过智慧社区平台为居民提供便民服务。";
    form.effectiveness_note = note + "说明到此结束";
    const auto pdf = render_ok(render_application_form_pdf(form));
    EXPECT_GE(page_count(pdf), short_pages + 2);
    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    EXPECT_NE(all_text(*texts).find("说明到此结束"), std::string::npos);
}

TEST(ApplicationFormPdf, SetsTitleAndAuthor) {
    const auto pdf = render_ok(render_application_form_pdf(sample_form()));
    if (!have_tool("pdfinfo")) FAIL() << "pdfinfo is missing: scripts/deps.sh test installs poppler-utils";
    const std::string info = pdf_info(pdf);
    EXPECT_NE(info.find("北京市星级智慧社区申报表 · 北京市东城区东华门街道多福巷社区"),
              std::string::npos)
        << info;
    EXPECT_NE(info.find("Author:          北京市东城区东华门街道多福巷社区"), std::string::npos);
    EXPECT_NE(info.find("A4"), std::string::npos);
}

TEST(ApplicationFormPdf, RefusesWhatCannotMakeAForm) {
    auto form = sample_form();
    form.indicators.clear();
    expect_refused(render_application_form_pdf(form), "indicators", "指标为空");
    form = sample_form();
    form.copies.clear();
    expect_refused(render_application_form_pdf(form), "copies", "报送单位为空");
    form = sample_form();
    form.target_star = 0;
    expect_refused(render_application_form_pdf(form), "target_star", "申报星级");
    form = sample_form();
    form.community_full_name.clear();
    expect_refused(render_application_form_pdf(form), "community_full_name", "社区名称不能为空");
    form = sample_form();
    form.recommendation_rank = 0;
    expect_refused(render_application_form_pdf(form), "recommendation_rank", "推荐排序");
}

// ---- 2. The recommendation list ------------------------------------------------------------

TEST(RecommendationListPdf, ListsTheCommunitiesByRankWithTheHeaderOnEveryPage) {
    const auto pdf = render_ok(render_recommendation_list_pdf(sample_list(60)));
    const int pages = page_count(pdf);
    EXPECT_GE(pages, 2);
    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    const std::string text = all_text(*texts);
    EXPECT_NE(text.find("东城区星级智慧社区推荐名单"), std::string::npos);
    EXPECT_NE(text.find("市社会办已于2026-11-16签收"), std::string::npos);
    // The round's name as it is, not wrapped in a second pair of brackets.
    EXPECT_NE(text.find("2026年度北京市星级智慧社区认定（年度认定）"), std::string::npos);
    EXPECT_EQ(text.find("（2026年度北京市"), std::string::npos);
    // By rank, although the entries were given in reverse.
    const auto first = text.find("推荐社区1");
    const auto second = text.find("推荐社区2");
    const auto last = text.find("推荐社区60");
    ASSERT_NE(first, std::string::npos);
    EXPECT_LT(first, second);
    EXPECT_LT(second, last);
    EXPECT_NE(text.find("110101001160"), std::string::npos);
    for (std::size_t page = 0; page < texts->size(); ++page) {
        // The table reaches every page but the last, which may hold only the receipts.
        if (page + 1 < texts->size()) {
            EXPECT_NE((*texts)[page].find("社区代码"), std::string::npos) << "page " << page + 1;
        }
        EXPECT_NE((*texts)[page].find("第" + std::to_string(page + 1) + "页共" +
                                      std::to_string(pages) + "页"),
                  std::string::npos);
    }
}

TEST(RecommendationListPdf, RefusesAnEmptyListAndRepeatedRanks) {
    expect_refused(render_recommendation_list_pdf(sample_list(0)), "entries", "推荐名单为空");
    expect_refused(render_recommendation_list_xlsx(sample_list(0)), "entries", "推荐名单为空");
    auto list = sample_list(3);
    list.entries[1].rank = list.entries[0].rank;
    expect_refused(render_recommendation_list_pdf(list), "entries.rank", "重复");
    list = sample_list(3);
    list.entries[2].target_star = 6;
    expect_refused(render_recommendation_list_xlsx(list), "entries.target_star", "申报星级");
}

TEST(RecommendationListXlsx, ReadsBackWithChineseHeadersAndCodesAsText) {
    const auto bytes = render_recommendation_list_xlsx(sample_list(12));
    ASSERT_TRUE(bytes) << bytes.error().message();
    const auto workbook = dto::read_xlsx(*bytes);
    ASSERT_TRUE(workbook) << workbook.error().message();
    const auto* sheet = workbook->sheet("推荐名单");
    ASSERT_NE(sheet, nullptr);
    ASSERT_EQ(sheet->rows.size(), 13U);
    const auto& header = sheet->rows[0];
    EXPECT_EQ(header.text(0), "推荐排序");
    EXPECT_EQ(header.text(1), "社区名称");
    EXPECT_EQ(header.text(2), "社区代码");
    EXPECT_EQ(header.text(6), "区级审核意见");
    const auto& first = sheet->rows[1];
    EXPECT_EQ(first.text(0), "1");
    EXPECT_EQ(first.text(1), "推荐社区1");
    EXPECT_EQ(first.text(2), "110101001101");  // the whole code, not 1.10101E+11
    EXPECT_EQ(first.text(7), "东城区");
    EXPECT_EQ(sheet->rows[12].text(0), "12");
    const auto* receipts = workbook->sheet("报送签收");
    ASSERT_NE(receipts, nullptr);
    ASSERT_EQ(receipts->rows.size(), 2U);
    EXPECT_EQ(receipts->rows[1].text(0), "市社会办 已于 2026-11-16 签收");
}

// ---- 3. The commendation notice ------------------------------------------------------------

TEST(CommendationPdf, ListsEveryCommunityByStarOverSeveralPages) {
    const auto notice = sample_commendation(120);
    const auto pdf = render_ok(render_commendation_pdf(notice));
    const int pages = page_count(pdf);
    EXPECT_GE(pages, 4);
    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    ASSERT_EQ(static_cast<int>(texts->size()), pages);
    const std::string text = all_text(*texts);
    for (const char* words :
         {"北京市社会建设工作办公室", "文件", "京社办发〔2026〕12号",
          "关于表彰2026年度北京市星级智慧社区的通报", "共认定北京市星级智慧社区120个",
          "2026年11月23日", "https://huixing.example.gov.cn/public/verify/"}) {
        EXPECT_NE(text.find(words), std::string::npos) << words;
    }
    for (const auto& entry : notice.entries) {
        EXPECT_NE(text.find(entry.serial), std::string::npos) << entry.serial;
    }
    // Highest star first.
    const auto five = text.find("五星级智慧社区（24个）");
    const auto one = text.find("一星级智慧社区（24个）");
    ASSERT_NE(five, std::string::npos);
    ASSERT_NE(one, std::string::npos);
    EXPECT_LT(five, one);
    EXPECT_LT(text.find("一、五星级智慧社区"), text.find("二、四星级智慧社区"));
    // GB/T 9704 page numbers, and the annex's table header on each of its pages.
    for (int page = 1; page <= pages; ++page) {
        const std::string& page_text = (*texts)[static_cast<std::size_t>(page - 1)];
        EXPECT_NE(page_text.find("—" + std::to_string(page) + "—"), std::string::npos) << page;
        if (page >= 3) {
            EXPECT_NE(page_text.find("证书编号"), std::string::npos) << page;
        }
    }
}

TEST(CommendationPdf, SetsTheIssuersAsAuthor) {
    const auto pdf = render_ok(render_commendation_pdf(sample_commendation(5)));
    if (!have_tool("pdfinfo")) FAIL() << "pdfinfo is missing: scripts/deps.sh test installs poppler-utils";
    const std::string info = pdf_info(pdf);
    EXPECT_NE(info.find("北京市社会建设工作办公室、北京市经济和信息化委员会、北京市民政局"),
              std::string::npos)
        << info;
}

TEST(CommendationPdf, RefusesAnEmptyListAndBadStars) {
    expect_refused(render_commendation_pdf(sample_commendation(0)), "entries", "表彰名单为空");
    auto notice = sample_commendation(3);
    notice.entries[1].star = 0;
    expect_refused(render_commendation_pdf(notice), "entries.star", "星级");
    notice = sample_commendation(3);
    notice.issuers.clear();
    expect_refused(render_commendation_pdf(notice), "issuers", "发文机关为空");
    notice = sample_commendation(3);
    notice.document_number.clear();
    expect_refused(render_commendation_pdf(notice), "document_number", "发文字号不能为空");
}

// ---- 4. The spot-check bulletin -------------------------------------------------------------

TEST(SpotCheckBulletinPdf, CountsTheResultsAndListsEveryCheck) {
    const auto pdf = render_ok(render_spot_check_bulletin_pdf(sample_bulletin(40)));
    EXPECT_GE(page_count(pdf), 2);
    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    const std::string text = all_text(*texts);
    for (const char* words :
         {"关于2027年度北京市星级智慧社区抽查情况的通报", "京社办发〔2027〕30号", "第十九条",
          "共抽查北京市星级智慧社区40个，其中合格30个，不合格10个", "撤销称号1个", "限期整改9个",
          "居民信息超过六个月未更新", "抽查社区40", "2027年9月15日"}) {
        EXPECT_NE(text.find(words), std::string::npos) << words;
    }
    for (std::size_t page = 1; page < texts->size(); ++page) {
        if ((*texts)[page].find("抽查社区") == std::string::npos) continue;
        EXPECT_NE((*texts)[page].find("社区名称及证书编号"), std::string::npos) << page + 1;
    }
}

TEST(SpotCheckBulletinPdf, ALongSummaryFlowsOntoTheNextPage) {
    auto bulletin = sample_bulletin(3);
    const auto short_pages = page_count(render_ok(render_spot_check_bulletin_pdf(bulletin)));
    std::string summary;
    for (int i = 0; i < 200; ++i) summary += "抽查组采取查阅资料、实地查看、入户走访相结合的方式。";
    bulletin.summary = summary + "概述到此结束";
    const auto pdf = render_ok(render_spot_check_bulletin_pdf(bulletin));
    EXPECT_GE(page_count(pdf), short_pages + 2);
    const auto texts = page_texts(pdf);
    if (!texts) FAIL() << "pdftotext is missing: scripts/deps.sh test installs poppler-utils";
    // Nothing is lost at the page breaks: every sentence is there, whole, once the page numbers
    // between the pages are taken out.
    std::string text;
    for (std::size_t page = 0; page < texts->size(); ++page) {
        std::string page_text = (*texts)[page];
        const std::string number = "—" + std::to_string(page + 1) + "—";
        const auto at = page_text.rfind(number);
        if (at != std::string::npos) page_text.erase(at, number.size());
        text += page_text;
    }
    EXPECT_NE(text.find("概述到此结束"), std::string::npos);
    std::size_t sentences = 0;
    for (auto at = text.find("入户走访相结合的方式。"); at != std::string::npos;
         at = text.find("入户走访相结合的方式。", at + 1)) {
        ++sentences;
    }
    EXPECT_EQ(sentences, 200U);
}

TEST(SpotCheckBulletinPdf, RefusesAnEmptyBulletin) {
    expect_refused(render_spot_check_bulletin_pdf(sample_bulletin(0)), "entries", "抽查名单为空");
    auto bulletin = sample_bulletin(2);
    bulletin.title.clear();
    expect_refused(render_spot_check_bulletin_pdf(bulletin), "title", "标题不能为空");
    bulletin = sample_bulletin(2);
    bulletin.year = 27;
    expect_refused(render_spot_check_bulletin_pdf(bulletin), "year", "四位年份");
}

// ---- Threads ---------------------------------------------------------------------------------

// The server renders on its worker threads; each call owns its surfaces and layouts.
TEST(Documents, RenderOnSeveralThreadsAtOnce) {
    const auto form = sample_form();
    const auto list = sample_list(20);
    const auto notice = sample_commendation(40);
    const auto bulletin = sample_bulletin(10);
    const int expected[] = {page_count(*render_application_form_pdf(form)),
                            page_count(*render_recommendation_list_pdf(list)),
                            page_count(*render_commendation_pdf(notice)),
                            page_count(*render_spot_check_bulletin_pdf(bulletin))};
    std::vector<int> pages(8, -1);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        threads.emplace_back([&, i] {
            Result<std::string> bytes = fail(Error::internal("not rendered"));
            switch (i % 4) {
                case 0: bytes = render_application_form_pdf(form); break;
                case 1: bytes = render_recommendation_list_pdf(list); break;
                case 2: bytes = render_commendation_pdf(notice); break;
                default: bytes = render_spot_check_bulletin_pdf(bulletin); break;
            }
            if (bytes && bytes->rfind("%PDF-", 0) == 0) pages[i] = page_count(*bytes);
        });
    }
    std::vector<Result<std::string>> sheets(2, fail(Error::internal("not written")));
    for (auto& sheet : sheets) {
        threads.emplace_back([&] { sheet = render_recommendation_list_xlsx(list); });
    }
    for (auto& thread : threads) thread.join();
    for (std::size_t i = 0; i < pages.size(); ++i) EXPECT_EQ(pages[i], expected[i % 4]) << i;
    for (const auto& sheet : sheets) {
        ASSERT_TRUE(sheet) << sheet.error().message();
        EXPECT_TRUE(dto::read_xlsx(*sheet));
    }
}

}  // namespace
}  // namespace hx::render

// The workflow's documents over HTTP (第十四条2): the application form in three copies and a
// district's recommendation list as PDF and XLSX, each read back (pdftotext, the XLSX reader),
// and every refusal: another district's department, a role that may not, an unknown id.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness.hpp"
#include "http/dto/xlsx_reader.hpp"

namespace hx::testing {
namespace {

/// The text of a PDF through pdftotext (poppler-utils is a test dependency: missing, the test fails).
std::string pdf_text(const std::string& bytes) {
    const auto dir = make_temp_dir();
    const auto path = dir + "/document.pdf";
    std::ofstream(path, std::ios::binary) << bytes;
    const auto result = run_command({"/usr/bin/pdftotext", "-enc", "UTF-8", path, "-"});
    EXPECT_EQ(result.exit_code, 0) << "pdftotext is missing or failed: " << result.output;
    return result.output;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

struct Recommended {
    std::int64_t round = 0;
    std::int64_t application = 0;
};

/// 多福巷's application from draft to 东城区's recommendation list, with one evidence file and
/// every opinion on the way.
Recommended recommend_one(TestServer& server) {
    EXPECT_EQ(server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-01T10:00:00+08:00"})").status, 200U);
    auto round = server.as("city_social", "POST", "/api/v1/rounds", R"({"year":2026,"kind":"pilot","standard_id":"bj-trial"})");
    EXPECT_EQ(round.status, 201U) << round.body;
    Recommended out;
    out.round = round.json().at("id").get<std::int64_t>();
    const auto round_path = "/api/v1/rounds/" + std::to_string(out.round);
    EXPECT_EQ(server.as("city_social", "POST", round_path + "/open").status, 200U);
    auto created = server.as("dc_community", "POST", round_path + "/applications",
                             R"({"community_code":"110101001001","target_star":3})");
    EXPECT_EQ(created.status, 201U) << created.body;
    out.application = created.json().at("id").get<std::int64_t>();
    const auto path = "/api/v1/applications/" + std::to_string(out.application);
    const auto saved = server.as(
        "dc_community", "PUT", path + "/assessment",
        R"({"achieved":["1","2","4","6","7","8","10","12","13","15","16","19","20","21","22","25","27","28","29","30","31","32","34","35","37"],)"
        R"("mechanism":true,"effectiveness_note":"居民议事厅线上线下联动，月均服务居民两千人次"})");
    EXPECT_EQ(saved.status, 200U) << saved.body;
    const std::string boundary = "hxdocboundary42";
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n1\r\n--" +
                             boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"议事厅照片.png\"\r\n"
                             "Content-Type: image/png\r\n\r\n" + png + "\r\n--" + boundary + "--\r\n";
    const auto uploaded = server.request("POST", path + "/evidence", body,
                                         {{"Authorization", "Bearer " + server.token("dc_community")},
                                          {"Content-Type", "multipart/form-data; boundary=" + boundary}});
    EXPECT_EQ(uploaded.status, 201U) << uploaded.body;
    EXPECT_EQ(server.as("dc_community", "POST", path + "/submit").status, 200U);
    EXPECT_EQ(server.as("dc_street", "POST", path + "/street-review", R"({"decision":"forward","opinion":"材料齐全"})").status, 200U);
    EXPECT_EQ(server.as("dc_social", "POST", path + "/district-review", R"({"decision":"approve","opinion":"社会办同意"})").status, 200U);
    EXPECT_EQ(server.as("dc_it", "POST", path + "/district-review", R"({"decision":"approve","opinion":"信息化建设达标"})").status, 200U);
    EXPECT_EQ(server.as("dc_civil", "POST", path + "/district-review", R"({"decision":"approve","opinion":"民政局同意"})").status, 200U);
    EXPECT_EQ(server.as("dc_social", "POST", path + "/recommend", R"({"rank":1,"opinion":"优中选优，推荐"})").status, 200U);
    EXPECT_EQ(server.as("city_econ_it", "POST", round_path + "/recommendations/110101/receipt").status, 200U);
    return out;
}

TEST(Documents, ApplicationFormInThreeCopiesWithEveryOpinion) {
    TestServer server(true);
    const auto r = recommend_one(server);
    const auto path = "/api/v1/applications/" + std::to_string(r.application) + "/form.pdf";
    for (const auto* user : {"dc_community", "dc_street", "dc_it", "city_civil"}) {
        const auto form = server.as(user, "GET", path);
        ASSERT_EQ(form.status, 200U) << user << ": " << form.body;
        EXPECT_EQ(form.header("content-type"), "application/pdf");
        EXPECT_NE(form.header("content-disposition").find("attachment; filename=\"application-form-"), std::string::npos);
        // The Chinese name, percent-encoded as RFC 6266 wants it: 多福巷社区申报表.pdf.
        EXPECT_NE(form.header("content-disposition").find("filename*=UTF-8''%E5%A4%9A%E7%A6%8F%E5%B7%B7"), std::string::npos)
            << form.header("content-disposition");
        EXPECT_EQ(form.header("x-content-type-options"), "nosniff");
    }
    const auto text = pdf_text(server.as("city_social", "GET", path).body);
    EXPECT_NE(text.find("北京市东城区东华门街道多福巷社区"), std::string::npos) << text.substr(0, 2000);
    for (const auto* copy : {"市社会办", "市经济信息化委", "市民政局"}) {
        EXPECT_NE(text.find(std::string("报送：") + copy), std::string::npos) << copy;
    }
    EXPECT_GE(count_of(text, "北京市星级智慧社区申报表"), 3U);
    for (const auto* opinion : {"材料齐全", "社会办同意", "信息化建设达标", "民政局同意", "优中选优，推荐", "议事厅照片.png",
                                "居民议事厅线上线下联动"}) {
        EXPECT_NE(text.find(opinion), std::string::npos) << opinion;
    }
}

TEST(Documents, ApplicationFormRefusals) {
    TestServer server(true);
    const auto r = recommend_one(server);
    const auto path = "/api/v1/applications/" + std::to_string(r.application) + "/form.pdf";
    // Outside the caller's scope, or no such application: 404, the same answer.
    EXPECT_EQ(server.as("hd_social", "GET", path).status, 404U);
    EXPECT_EQ(server.as("expert_city", "GET", path).status, 404U);  // not assigned to it
    EXPECT_EQ(server.as("city_social", "GET", "/api/v1/applications/999999/form.pdf").status, 404U);
    EXPECT_EQ(server.as("city_social", "GET", "/api/v1/applications/abc/form.pdf").status, 400U);
    EXPECT_EQ(server.as("admin", "GET", path).status, 403U);
    EXPECT_EQ(server.request("GET", path).status, 401U);
}

TEST(Documents, RecommendationListAsPdfAndXlsx) {
    TestServer server(true);
    const auto r = recommend_one(server);
    const auto base = "/api/v1/rounds/" + std::to_string(r.round) + "/recommendations/110101/list";
    const auto pdf = server.as("dc_social", "GET", base + ".pdf");
    ASSERT_EQ(pdf.status, 200U) << pdf.body;
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    EXPECT_NE(pdf.header("content-disposition").find("recommendations-" + std::to_string(r.round) + "-110101.pdf"),
              std::string::npos);
    const auto text = pdf_text(pdf.body);
    for (const auto* expected : {"东城区星级智慧社区推荐名单", "多福巷社区", "110101001001", "东华门街道", "三部门均同意",
                                 "市经济信息化委"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }

    const auto xlsx = server.as("city_civil", "GET", base + ".xlsx");
    ASSERT_EQ(xlsx.status, 200U) << xlsx.body;
    EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(xlsx.header("content-disposition").find(".xlsx"), std::string::npos);
    const auto book = dto::read_xlsx(xlsx.body);
    ASSERT_TRUE(book) << book.error().message();
    const auto* list = book->sheet("推荐名单");
    ASSERT_NE(list, nullptr);
    bool found = false;
    for (const auto& row : list->rows) {
        for (const auto& cell : row.cells) found = found || cell.text == "110101001001";
    }
    EXPECT_TRUE(found) << "the community's code is in the list";
    const auto* receipts = book->sheet("报送签收");
    ASSERT_NE(receipts, nullptr);
    bool signed_by_econ_it = false;
    for (const auto& row : receipts->rows) {
        for (const auto& cell : row.cells) signed_by_econ_it = signed_by_econ_it || cell.text.find("市经济信息化委") != std::string::npos;
    }
    EXPECT_TRUE(signed_by_econ_it);
}

TEST(Documents, RecommendationListRefusals) {
    TestServer server(true);
    const auto r = recommend_one(server);
    const auto round = "/api/v1/rounds/" + std::to_string(r.round) + "/recommendations/";
    EXPECT_EQ(server.as("hd_social", "GET", round + "110101/list.pdf").status, 404U);  // another district
    EXPECT_EQ(server.as("dc_community", "GET", round + "110101/list.pdf").status, 403U);
    EXPECT_EQ(server.as("dc_street", "GET", round + "110101/list.xlsx").status, 403U);
    EXPECT_EQ(server.as("expert_city", "GET", round + "110101/list.pdf").status, 403U);
    EXPECT_EQ(server.as("city_social", "GET", round + "110108/list.pdf").status, 404U);  // recommended nothing
    EXPECT_EQ(server.as("city_social", "GET", "/api/v1/rounds/999999/recommendations/110101/list.pdf").status, 404U);
}

}  // namespace
}  // namespace hx::testing

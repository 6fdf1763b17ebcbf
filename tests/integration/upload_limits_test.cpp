// Upload limits (issue 10, item 5): 413 for a file over 20 MiB and for the 201st file of an
// application, and for an announced body over the server's 32 MiB before any of it is read.
// What a file is, judged from its bytes, is tested in tests/unit/applications and
// workflow_test.cpp (Evidence.*).
#include <gtest/gtest.h>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::string multipart(const std::string& boundary, const std::string& bytes) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n" + bytes +
           "\r\n--" + boundary + "--\r\n";
}

TEST(UploadLimits, SizeAndCountAreRefusedWith413) {
    TestServer server(true);
    ASSERT_EQ(server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-01T10:00:00+08:00"})").status, 200U);
    server.forget_token("city_social");
    server.forget_token("dc_community");
    const auto round = server.as("city_social", "POST", "/api/v1/rounds",
                                 R"({"year":2026,"kind":"pilot","standard_id":"bj-trial"})");
    ASSERT_EQ(round.status, 201U) << round.body;
    const auto round_id = std::to_string(round.json().at("id").get<std::int64_t>());
    ASSERT_EQ(server.as("city_social", "POST", "/api/v1/rounds/" + round_id + "/open").status, 200U);
    const auto created = server.as("dc_community", "POST", "/api/v1/rounds/" + round_id + "/applications",
                                   R"({"community_code":"110101001001","target_star":3})");
    ASSERT_EQ(created.status, 201U) << created.body;
    const auto path = "/api/v1/applications/" + std::to_string(created.json().at("id").get<std::int64_t>()) + "/evidence";
    const std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + server.token("dc_community")},
                                                        {"Content-Type", "multipart/form-data; boundary=b0"}};

    // One byte over 20 MiB: the domain's limit, 413.
    const std::string big = "%PDF-1.4\n" + std::string(20 * 1024 * 1024 - 8, 'x');
    const auto too_large = server.request("POST", path, multipart("b0", big), headers);
    EXPECT_EQ(too_large.status, 413U) << too_large.body.substr(0, 200);
    EXPECT_EQ(too_large.json().value("code", ""), "too_large");

    // 200 files pass, the 201st is refused.
    for (int i = 0; i < 200; ++i) {
        const auto r = server.request("POST", path, multipart("b0", "%PDF-1.4\n% file " + std::to_string(i) + "\n"), headers);
        ASSERT_EQ(r.status, 201U) << i << ": " << r.body;
    }
    const auto too_many = server.request("POST", path, multipart("b0", "%PDF-1.4\n% one more\n"), headers);
    EXPECT_EQ(too_many.status, 413U) << too_many.body;
    EXPECT_EQ(too_many.json().value("code", ""), "too_many_files");
}

TEST(UploadLimits, AnAnnouncedBodyOverTheServerLimitIsRefusedBeforeItIsRead) {
    auto& server = TestServer::shared();
    // Content-Length says 64 MiB, nothing follows: the answer comes from the header alone.
    const auto r = server.request("POST", "/api/v1/applications/1/evidence", "",
                                  {{"Authorization", "Bearer " + server.token("dc_community")},
                                   {"Content-Type", "multipart/form-data; boundary=b0"},
                                   {"Content-Length", std::to_string(64 * 1024 * 1024)}});
    EXPECT_EQ(r.status, 413U);
}

}  // namespace
}  // namespace hx::testing

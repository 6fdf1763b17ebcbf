// Reminders 7, 3 and 1 days before a deadline (docs/workflow.md): made when the test clock is
// set (and periodically inside `serve`), one per user, subject, deadline and day however often
// the job runs and on however many instances; each user reads and marks only their own.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace hx::testing {
namespace {

const std::vector<std::string> kUsers = {"admin", "city_social", "dc_community", "dc_street", "hd_community"};

void set_clock(TestServer& server, const std::string& now) {
    const auto r = server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":")" + now + R"("})");
    ASSERT_EQ(r.status, 200U) << r.body;
    // Sessions idle out when the clock jumps: sign in again.
    for (const auto& user : kUsers) server.forget_token(user);
}

nlohmann::json inbox(TestServer& server, const std::string& user) {
    const auto r = server.as(user, "GET", "/api/v1/notifications");
    EXPECT_EQ(r.status, 200U) << r.body;
    return r.json();
}

/// A pilot round (community deadline 2026-10-31 23:59:59.999, district deadline 2026-11-15) and
/// 多福巷's draft in it.
std::int64_t draft(TestServer& server) {
    set_clock(server, "2026-10-01T10:00:00+08:00");
    auto round = server.as("city_social", "POST", "/api/v1/rounds", R"({"year":2026,"kind":"pilot","standard_id":"bj-trial"})");
    EXPECT_EQ(round.status, 201U) << round.body;
    const auto round_path = "/api/v1/rounds/" + std::to_string(round.json().at("id").get<std::int64_t>());
    EXPECT_EQ(server.as("city_social", "POST", round_path + "/open").status, 200U);
    auto created = server.as("dc_community", "POST", round_path + "/applications",
                             R"({"community_code":"110101001001","target_star":3})");
    EXPECT_EQ(created.status, 201U) << created.body;
    return created.json().at("id").get<std::int64_t>();
}

TEST(Reminders, SevenThreeAndOneDaysBeforeTheCommunityDeadline) {
    TestServer server(true);
    const auto id = draft(server);
    // 7 days and 1 s before: nothing yet (the test clock ticks on by a millisecond per read, so
    // the millisecond boundary is the unit test's, tests/unit/reminders).
    set_clock(server, "2026-10-24T23:59:58.999+08:00");
    auto box = inbox(server, "dc_community");
    EXPECT_EQ(box.at("total"), 0) << box.dump();
    EXPECT_EQ(box.at("unread"), 0);
    // Exactly 7 days before: one, pointing at the application, with its deadline.
    set_clock(server, "2026-10-24T23:59:59.999+08:00");
    box = inbox(server, "dc_community");
    ASSERT_EQ(box.at("total"), 1) << box.dump();
    EXPECT_EQ(box.at("unread"), 1);
    const auto first = box.at("items").at(0);
    EXPECT_EQ(first.at("days_before"), 7);
    EXPECT_EQ(first.at("deadline"), "2026-10-31T23:59:59.999+08:00");
    EXPECT_EQ(first.at("link"), "/applications/" + std::to_string(id));
    EXPECT_EQ(first.at("read"), false);
    EXPECT_NE(first.at("title").get<std::string>().find("还有 7 天截止"), std::string::npos);
    // Setting the clock again (the job reruns) adds nothing.
    set_clock(server, "2026-10-25T08:00:00+08:00");
    EXPECT_EQ(inbox(server, "dc_community").at("total"), 1);
    // Nobody else has it; the 海淀 community has nothing to do.
    EXPECT_EQ(inbox(server, "hd_community").at("total"), 0);
    EXPECT_EQ(inbox(server, "dc_street").at("total"), 0);
    // Another user cannot mark it read: 404, and it stays unread.
    const auto path = "/api/v1/notifications/" + std::to_string(first.at("id").get<std::int64_t>()) + "/read";
    EXPECT_EQ(server.as("dc_street", "POST", path).status, 404U);
    EXPECT_EQ(inbox(server, "dc_community").at("unread"), 1);
    const auto read = server.as("dc_community", "POST", path);
    ASSERT_EQ(read.status, 200U) << read.body;
    EXPECT_EQ(read.json().at("read"), true);
    EXPECT_EQ(inbox(server, "dc_community").at("unread"), 0);
    EXPECT_EQ(server.as("dc_community", "POST", "/api/v1/notifications/999999/read").status, 404U);
    EXPECT_EQ(server.as("dc_community", "POST", "/api/v1/notifications/x/read").status, 400U);
    EXPECT_EQ(server.request("GET", "/api/v1/notifications").status, 401U);
    // 3 days and 1 day before: one more each.
    set_clock(server, "2026-10-28T23:59:59.999+08:00");
    box = inbox(server, "dc_community");
    EXPECT_EQ(box.at("total"), 2);
    EXPECT_EQ(box.at("items").at(0).at("days_before"), 3);  // newest first
    set_clock(server, "2026-10-31T12:00:00+08:00");
    box = inbox(server, "dc_community");
    EXPECT_EQ(box.at("total"), 3);
    EXPECT_EQ(box.at("unread"), 2);
    const auto all = server.as("dc_community", "POST", "/api/v1/notifications/read-all");
    ASSERT_EQ(all.status, 200U) << all.body;
    EXPECT_EQ(all.json().at("marked"), 2);
    EXPECT_EQ(inbox(server, "dc_community").at("unread"), 0);
    // After the deadline: no more.
    set_clock(server, "2026-11-01T00:00:00+08:00");
    EXPECT_EQ(inbox(server, "dc_community").at("total"), 3);
    // Paging is checked.
    EXPECT_EQ(server.as("dc_community", "GET", "/api/v1/notifications?page=0").status, 400U);
    const auto one = server.as("dc_community", "GET", "/api/v1/notifications?page=2&page_size=2");
    ASSERT_EQ(one.status, 200U) << one.body;
    EXPECT_EQ(one.json().at("items").size(), 1U);
}

TEST(Reminders, TheStreetIsRemindedOfTheDistrictDeadline) {
    TestServer server(true);
    const auto id = draft(server);
    const auto saved = server.as(
        "dc_community", "PUT", "/api/v1/applications/" + std::to_string(id) + "/assessment",
        R"({"achieved":["1","2","4","6","7","8","10","12","13","15","16","19","20","21","22","25","27","28","29","30","31","32","34","35","37"],"mechanism":true})");
    ASSERT_EQ(saved.status, 200U) << saved.body;
    ASSERT_EQ(server.as("dc_community", "POST", "/api/v1/applications/" + std::to_string(id) + "/submit").status, 200U);
    set_clock(server, "2026-11-13T09:00:00+08:00");  // within 3 days of 15 November's end
    const auto box = inbox(server, "dc_street");
    ASSERT_EQ(box.at("total"), 1) << box.dump();
    EXPECT_EQ(box.at("items").at(0).at("days_before"), 3);
    EXPECT_EQ(box.at("items").at(0).at("deadline"), "2026-11-15T23:59:59.999+08:00");
    // The community submitted: nothing for it.
    EXPECT_EQ(inbox(server, "dc_community").at("total"), 0);
    // The to-do list shows the same due date.
    const auto todo = server.as("dc_street", "GET", "/api/v1/todo");
    EXPECT_EQ(todo.json().at("items").at(0).at("due_at"), "2026-11-15T23:59:59.999+08:00");
}

TEST(Reminders, TwoInstancesNeverDuplicate) {
    TestServer server(true);
    draft(server);
    auto second = TestServer::beside(server);
    set_clock(server, "2026-10-29T10:00:00+08:00");
    const auto r = second->as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-29T10:00:00+08:00"})");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(inbox(server, "dc_community").at("total"), 1);
    EXPECT_EQ(inbox(*second, "dc_community").at("total"), 1);
}

TEST(Reminders, CronSubcommandRuns) {
    TestServer server(true);
    draft(server);
    const auto result = run_command({huixing_binary(), "reminders", "run", "--db", server.db_url(), "--files",
                                     server.files_dir(), "--secrets", server.secrets_dir()});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("已生成"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hx::testing

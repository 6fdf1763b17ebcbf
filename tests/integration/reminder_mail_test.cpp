// E-mail reminders (`serve --smtp`, docs/operations.md § 邮件提醒): a fake SMTP server in the
// test receives them. Each reminder of a user with an address is mailed exactly once — across
// restarts, after a refused try, and after a crash between creating the reminder and sending
// it; users without an address get none. The address field: validated, masked, never audited.
#include <gtest/gtest.h>

#include "fake_smtp.hpp"
#include "harness.hpp"

namespace hx::testing {
namespace {

const char* const kFrom = "huixing@example.cn";
const char* const kAddress = "dc.community@example.cn";

void set_clock(TestServer& server, const std::string& now) {
    const auto r = server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":")" + now + R"("})");
    ASSERT_EQ(r.status, 200U) << r.body;
    for (const auto& user : {"admin", "city_social", "dc_community", "security"}) server.forget_token(user);
}

std::int64_t user_id(TestServer& server, const std::string& username) {
    const auto r = server.as("admin", "GET", "/api/v1/users?page_size=100");
    EXPECT_EQ(r.status, 200U) << r.body;
    const auto body = r.json();  // kept alive: a range-for over a temporary's member dangles
    for (const auto& u : body.at("items")) {
        if (u.at("username") == username) return u.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "no user " << username;
    return 0;
}

HttpResult set_email(TestServer& server, const std::string& as, std::int64_t id, const std::string& email) {
    return server.as(as, "PUT", "/api/v1/users/" + std::to_string(id) + "/email",
                     nlohmann::json{{"email", email}}.dump());
}

/// 多福巷's draft in a pilot round whose community deadline is 2026-10-31 23:59:59.999.
void draft(TestServer& server) {
    set_clock(server, "2026-10-01T10:00:00+08:00");
    auto round = server.as("city_social", "POST", "/api/v1/rounds", R"({"year":2026,"kind":"pilot","standard_id":"bj-trial"})");
    ASSERT_EQ(round.status, 201U) << round.body;
    const auto path = "/api/v1/rounds/" + std::to_string(round.json().at("id").get<std::int64_t>());
    ASSERT_EQ(server.as("city_social", "POST", path + "/open").status, 200U);
    auto created = server.as("dc_community", "POST", path + "/applications",
                             R"({"community_code":"110101001001","target_star":3})");
    ASSERT_EQ(created.status, 201U) << created.body;
}

std::vector<std::string> serve_options(const FakeSmtpServer& smtp) {
    return {"--smtp", smtp.address(), "--smtp-from", kFrom};
}

TEST(ReminderMail, EachReminderIsMailedOnceAndOnlyToUsersWithAnAddress) {
    FakeSmtpServer smtp;
    TestServer server(true);
    server.restart_with(serve_options(smtp));
    ASSERT_EQ(set_email(server, "admin", user_id(server, "dc_community"), kAddress).status, 200U);
    // A second account of the same community, without an address: the same to-do, no e-mail.
    const auto second = server.as("admin", "POST", "/api/v1/users",
                                  R"({"username":"dc_community_b","password":"Kx7-Pq9.Lm3!Rt","name":"第二账户","role":"community","org_code":"110101001001"})");
    ASSERT_EQ(second.status, 201U) << second.body;
    EXPECT_EQ(second.json().at("email"), "");
    draft(server);

    set_clock(server, "2026-10-24T23:59:59.999+08:00");  // 7 days before
    auto mails = smtp.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].from, kFrom);
    EXPECT_EQ(mails[0].to, std::vector<std::string>{kAddress});
    auto mail = parse_mail(mails[0].data);
    EXPECT_NE(mail.subject.find("还有 7 天截止"), std::string::npos) << mail.subject;
    EXPECT_NE(mail.subject.find("多福巷"), std::string::npos) << mail.subject;
    EXPECT_NE(mail.body.find("多福巷社区"), std::string::npos) << mail.body;
    EXPECT_NE(mail.body.find("2026年度北京市星级智慧社区认定"), std::string::npos) << mail.body;
    EXPECT_NE(mail.body.find("2026-10-31 23:59（北京时间）"), std::string::npos) << mail.body;
    EXPECT_EQ(mail.headers["content-type"], "text/plain; charset=UTF-8");
    EXPECT_NE(mail.headers["date"].find("Oct 2026"), std::string::npos) << mail.headers["date"];
    EXPECT_EQ(mail.headers["date"].substr(mail.headers["date"].size() - 5), "+0800");
    EXPECT_EQ(mail.headers["message-id"].rfind("<reminder-", 0), 0U);

    // A restart makes no second mail: the next one to arrive is the 3-day reminder's.
    server.restart_with({});
    set_clock(server, "2026-10-28T23:59:59.999+08:00");
    mails = smtp.wait_for(2);
    ASSERT_EQ(mails.size(), 2U);
    EXPECT_NE(parse_mail(mails[1].data).subject.find("还有 3 天截止"), std::string::npos);
    server.restart_with({});
    set_clock(server, "2026-10-30T23:59:59.999+08:00");
    mails = smtp.wait_for(3);
    ASSERT_EQ(mails.size(), 3U);
    EXPECT_NE(parse_mail(mails[2].data).subject.find("还有 1 天截止"), std::string::npos);
    for (const auto& m : mails) EXPECT_EQ(m.to, std::vector<std::string>{kAddress});

    // The second account has the three reminders in its inbox all the same.
    const auto signed_in = server.request("POST", "/api/v1/session",
                                          R"({"username":"dc_community_b","password":"Kx7-Pq9.Lm3!Rt"})");
    ASSERT_EQ(signed_in.status, 200U) << signed_in.body;
    const auto inbox = server.request("GET", "/api/v1/notifications", {},
                                      {{"Authorization", "Bearer " + signed_in.json().at("token").get<std::string>()}});
    ASSERT_EQ(inbox.status, 200U) << inbox.body;
    EXPECT_EQ(inbox.json().at("total"), 3);
    // The address reached no log.
    EXPECT_EQ(server.log().find(kAddress), std::string::npos);
}

TEST(ReminderMail, ARefusedMailIsRetriedAfterTheBackOff) {
    FakeSmtpServer smtp;
    smtp.refuse_next(1);
    TestServer server(true);
    server.restart_with(serve_options(smtp));
    ASSERT_EQ(set_email(server, "admin", user_id(server, "dc_community"), kAddress).status, 200U);
    draft(server);
    set_clock(server, "2026-10-24T23:59:59.999+08:00");
    ASSERT_EQ(smtp.wait_for_refusals(1), 1);
    // 10 minutes later (past the first retry's minute): delivered, once.
    set_clock(server, "2026-10-25T00:10:00+08:00");
    const auto mails = smtp.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_NE(parse_mail(mails[0].data).subject.find("还有 7 天截止"), std::string::npos);
    // The log has the retry, with the address masked.
    const auto log = server.log();
    EXPECT_NE(log.find("\"event\":\"mail_retry\""), std::string::npos) << log;
    EXPECT_NE(log.find("d***@example.cn"), std::string::npos);
    EXPECT_EQ(log.find(kAddress), std::string::npos);
}

TEST(ReminderMail, ACrashBetweenCreatingAndSendingLosesNothing) {
    // The relay takes the connection and never answers: the server is killed while its mail
    // thread waits, after the reminder and its outbox row were committed.
    FakeSmtpServer smtp(FakeSmtpServer::Mode::kSilent);
    TestServer server(true);
    server.restart_with(serve_options(smtp));
    ASSERT_EQ(set_email(server, "admin", user_id(server, "dc_community"), kAddress).status, 200U);
    draft(server);
    set_clock(server, "2026-10-24T23:59:59.999+08:00");
    ASSERT_GE(smtp.wait_for_connections(1), 1);
    server.stop(9);
    EXPECT_TRUE(smtp.received().empty());
    // Started again, the relay now answering: once the interrupted try's lease has run out
    // (5 minutes), the reminder goes out, once.
    smtp.set_mode(FakeSmtpServer::Mode::kNormal);
    server.start();
    set_clock(server, "2026-10-25T00:10:00+08:00");
    auto mails = smtp.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_NE(parse_mail(mails[0].data).subject.find("还有 7 天截止"), std::string::npos);
    // Nothing more of it: the next mail is the 3-day reminder's.
    set_clock(server, "2026-10-28T23:59:59.999+08:00");
    mails = smtp.wait_for(2);
    ASSERT_EQ(mails.size(), 2U);
    EXPECT_NE(parse_mail(mails[1].data).subject.find("还有 3 天截止"), std::string::npos);
}

TEST(UserEmail, ValidatedMaskedAndNeverAudited) {
    TestServer server(true);
    const auto id = user_id(server, "dc_community");
    const auto path = "/api/v1/users/" + std::to_string(id);
    // A malformed address: 400 with the field in Chinese, nothing changed.
    for (const std::string bad : {"dc.community", "a b@example.cn", "x@example.cn\r\nBcc: y@example.cn"}) {
        const auto r = set_email(server, "admin", id, bad);
        ASSERT_EQ(r.status, 400U) << bad << r.body;
        EXPECT_EQ(r.json().at("errors").at(0).at("field"), "email");
        EXPECT_NE(r.json().at("errors").at(0).at("message").get<std::string>().find("电子邮箱格式不正确"), std::string::npos);
    }
    EXPECT_EQ(server.as("admin", "GET", path).json().at("email"), "");
    EXPECT_EQ(server.as("admin", "PUT", path + "/email", R"({"email": 12})").status, 400U);
    EXPECT_EQ(server.as("admin", "PUT", path + "/email", R"({})").status, 400U);
    const auto bad_create = server.as("admin", "POST", "/api/v1/users",
                                      R"({"username":"with_bad_mail","password":"Kx7-Pq9.Lm3!Rt","name":"某人","role":"community","org_code":"110101001001","email":"nope"})");
    ASSERT_EQ(bad_create.status, 400U) << bad_create.body;
    EXPECT_NE(bad_create.body.find("\"email\""), std::string::npos);
    EXPECT_EQ(server.as("admin", "GET", "/api/v1/users?q=with_bad_mail").json().at("total"), 0);

    // Set by the account administrator; read in full by sys_admin and the user, masked for the
    // security administrator (who may set it too).
    auto r = set_email(server, "admin", id, kAddress);
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json().at("email"), kAddress);
    EXPECT_EQ(server.as("admin", "GET", path).json().at("email"), kAddress);
    EXPECT_EQ(server.as("dc_community", "GET", "/api/v1/me").json().at("user").at("email"), kAddress);
    EXPECT_EQ(server.as("security", "GET", path).json().at("email"), "d***@example.cn");
    const auto listed = server.as("security", "GET", "/api/v1/users?q=dc_community");
    ASSERT_EQ(listed.status, 200U);
    EXPECT_EQ(listed.body.find(kAddress), std::string::npos);
    r = set_email(server, "security", id, "dc.new@example.cn");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json().at("email"), "d***@example.cn");
    // The user changes their own; not anyone else's.
    r = set_email(server, "dc_community", id, "mine@example.cn");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json().at("email"), "mine@example.cn");
    EXPECT_EQ(set_email(server, "dc_community", user_id(server, "hd_community"), "x@example.cn").status, 403U);
    EXPECT_EQ(set_email(server, "city_social", id, "x@example.cn").status, 403U);
    EXPECT_EQ(set_email(server, "admin", 999999, "x@example.cn").status, 404U);
    // Cleared with ''.
    r = set_email(server, "admin", id, "");
    ASSERT_EQ(r.status, 200U) << r.body;
    EXPECT_EQ(r.json().at("email"), "");

    // The audit trail says that it changed, never what it is.
    const auto audit = server.as("auditor", "GET", "/api/v1/audit?page_size=100");
    ASSERT_EQ(audit.status, 200U) << audit.body;
    EXPECT_NE(audit.body.find("user.set_email"), std::string::npos);
    EXPECT_NE(audit.body.find("user.clear_email"), std::string::npos);
    for (const char* address : {kAddress, "dc.new@example.cn", "mine@example.cn"}) {
        EXPECT_EQ(audit.body.find(address), std::string::npos) << address;
        EXPECT_EQ(server.log().find(address), std::string::npos) << address;
    }
}

TEST(ReminderMail, OptionsInHelpAndCheckedAtStart) {
    for (const auto& command : {std::vector<std::string>{"serve", "--help"},
                                                   std::vector<std::string>{"reminders", "run", "--help"}}) {
        std::vector<std::string> args{huixing_binary()};
        args.insert(args.end(), command.begin(), command.end());
        const auto help = run_command(args);
        EXPECT_EQ(help.exit_code, 0) << help.output;
        EXPECT_NE(help.output.find("--smtp "), std::string::npos) << help.output;
        EXPECT_NE(help.output.find("--smtp-from"), std::string::npos) << help.output;
        EXPECT_NE(help.output.find("SMTP 中继"), std::string::npos) << help.output;
    }
    const auto add_help = run_command({huixing_binary(), "user", "add", "--help"});
    EXPECT_NE(add_help.output.find("--email"), std::string::npos) << add_help.output;
    auto bad = run_command({huixing_binary(), "reminders", "run", "--smtp", "mail.example.cn"});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("应为 主机:端口"), std::string::npos) << bad.output;
    bad = run_command({huixing_binary(), "reminders", "run", "--smtp", "127.0.0.1:25"});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("--smtp-from"), std::string::npos) << bad.output;
    bad = run_command({huixing_binary(), "reminders", "run", "--smtp-from", kFrom});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("--smtp"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace hx::testing

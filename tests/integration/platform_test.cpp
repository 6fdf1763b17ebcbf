// The platform's promises that need more than one request and a look behind the server:
// lockout, logout, CSRF, the audit chain, the command line, graceful shutdown.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::string login_body(const std::string& username, const std::string& password) {
    return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

/// Someone with write access to the database: drops (SQLite) or disables (PostgreSQL) the
/// append-only triggers first.
void tamper(const TestServer& server, const std::string& sql) {
    server.exec_sql(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " +
            sql,
        "ALTER TABLE audit_log DISABLE TRIGGER USER; " + sql);
}

TEST(Accounts, SixthAttemptAfterFiveWrongPasswordsIsLocked) {
    auto& server = TestServer::shared();
    // hd_social is used by no other test.
    for (int i = 1; i <= 5; ++i) {
        const auto r = server.request("POST", "/api/v1/session", login_body("hd_social", "Wrong-password-1"));
        EXPECT_EQ(r.status, 401U) << "attempt " << i << ": " << r.body;
        EXPECT_EQ(r.json().value("code", ""), "bad_credentials");
    }
    // Even the right password is refused now: 423 with a Chinese explanation.
    const auto locked =
        server.request("POST", "/api/v1/session", login_body("hd_social", server.password("hd_social")));
    EXPECT_EQ(locked.status, 423U) << locked.body;
    EXPECT_EQ(locked.json().value("code", ""), "account_locked");
    EXPECT_NE(locked.json().value("detail", "").find("锁定"), std::string::npos);
    EXPECT_NE(locked.header("content-type").find("application/problem+json"), std::string::npos);
}

TEST(Accounts, LockoutLiftsAfterFifteenMinutes) {
    TestServer server(true);
    for (int i = 0; i < 5; ++i) {
        server.request("POST", "/api/v1/session", login_body("expert_city", "Wrong-password-1"));
    }
    ASSERT_EQ(server.request("POST", "/api/v1/session",
                             login_body("expert_city", server.password("expert_city"))).status,
              423U);
    // Move the test clock 14 minutes on: still locked; 16 minutes: open again.
    const auto admin = server.token("admin");
    auto set_clock = [&](int minutes) {
        const auto now = std::chrono::system_clock::now() + std::chrono::minutes(minutes);
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        std::time_t t = static_cast<std::time_t>(seconds);
        char buffer[32];
        std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
        const auto r = server.request("PUT", "/api/v1/system/clock",
                                      nlohmann::json{{"now", buffer}}.dump(),
                                      {{"Authorization", "Bearer " + admin}});
        ASSERT_EQ(r.status, 200U) << r.body;
    };
    set_clock(14);
    EXPECT_EQ(server.request("POST", "/api/v1/session",
                             login_body("expert_city", server.password("expert_city"))).status,
              423U);
    set_clock(16);
    EXPECT_EQ(server.request("POST", "/api/v1/session",
                             login_body("expert_city", server.password("expert_city"))).status,
              200U);
}

TEST(Sessions, TokenIsDeadAfterLogout) {
    auto& server = TestServer::shared();
    const auto signed_in = server.request("POST", "/api/v1/session",
                                          login_body("dc_it", server.password("dc_it")));
    ASSERT_EQ(signed_in.status, 200U);
    const auto token = signed_in.json().at("token").get<std::string>();
    const std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + token}};
    EXPECT_EQ(server.request("GET", "/api/v1/me", "", bearer).status, 200U);
    EXPECT_EQ(server.request("DELETE", "/api/v1/session", "", bearer).status, 204U);
    const auto after = server.request("GET", "/api/v1/me", "", bearer);
    EXPECT_EQ(after.status, 401U);
    EXPECT_EQ(after.json().value("code", ""), "unauthenticated");
}

TEST(Sessions, IdleTimeoutIsThirtyMinutes) {
    TestServer server(true);
    const auto token = server.token("dc_civil");
    const std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + token}};
    ASSERT_EQ(server.request("GET", "/api/v1/me", "", bearer).status, 200U);
    const auto admin = server.token("admin");
    const auto later = std::chrono::system_clock::now() + std::chrono::minutes(31);
    std::time_t t = std::chrono::system_clock::to_time_t(later);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    ASSERT_EQ(server.request("PUT", "/api/v1/system/clock", nlohmann::json{{"now", buffer}}.dump(),
                             {{"Authorization", "Bearer " + admin}}).status,
              200U);
    const auto expired = server.request("GET", "/api/v1/me", "", bearer);
    EXPECT_EQ(expired.status, 401U);
    EXPECT_EQ(expired.json().value("code", ""), "session_expired");
}

TEST(Sessions, CookieWritesNeedTheCsrfToken) {
    auto& server = TestServer::shared();
    const auto signed_in = server.request("POST", "/api/v1/session",
                                          login_body("admin", server.password("admin")));
    ASSERT_EQ(signed_in.status, 200U);
    const auto cookie = "hx_session=" + signed_in.json().at("token").get<std::string>();
    const auto csrf = signed_in.json().at("csrf_token").get<std::string>();
    // A read through the cookie works without the token…
    EXPECT_EQ(server.request("GET", "/api/v1/me", "", {{"Cookie", cookie}}).status, 200U);
    // …a write without it is refused, and changes nothing.
    const auto body = nlohmann::json{{"username", "csrf.victim"}, {"password", "Kx7-Pq9.Lm3!Rt"},
                                     {"name", "x"}, {"role", "community"},
                                     {"org_code", "110101001005"}}.dump();
    const auto refused = server.request("POST", "/api/v1/users", body, {{"Cookie", cookie}});
    EXPECT_EQ(refused.status, 403U);
    EXPECT_EQ(refused.json().value("code", ""), "csrf_failed");
    EXPECT_EQ(server.as("admin", "GET", "/api/v1/users?q=csrf.victim").json().value("total", -1), 0);
    const auto accepted = server.request("POST", "/api/v1/users", body,
                                         {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    EXPECT_EQ(accepted.status, 201U) << accepted.body;
}

TEST(Audit, LoginsAndFailuresAreRecordedWithoutSecrets) {
    auto& server = TestServer::shared();
    const std::string canary = "Canary-Password-77!";
    server.request("POST", "/api/v1/session", login_body("dc_street", canary));
    const auto page = server.as("auditor", "GET", "/api/v1/audit?username=dc_street&outcome=failure");
    ASSERT_EQ(page.status, 200U);
    EXPECT_GE(page.json().value("total", 0), 1);
    EXPECT_EQ(page.body.find(canary), std::string::npos);
    EXPECT_EQ(server.log().find(canary), std::string::npos);
    // The bearer tokens used so far never reach the server log either.
    EXPECT_EQ(server.log().find(server.token("auditor")), std::string::npos);
}

TEST(Audit, VerifyPassesThenNamesTheEditedRecord) {
    TestServer server(false);
    server.token("dc_social");  // a few more records
    server.stop();
    const auto clean = run_command({huixing_binary(), "audit", "verify", "--db", server.db_url()});
    EXPECT_EQ(clean.exit_code, 0) << clean.output;
    EXPECT_NE(clean.output.find("校验通过"), std::string::npos) << clean.output;

    tamper(server, "UPDATE audit_log SET detail = 'forged' WHERE seq = 3");
    const auto edited = run_command({huixing_binary(), "audit", "verify", "--db", server.db_url()});
    EXPECT_NE(edited.exit_code, 0);
    EXPECT_NE(edited.output.find("第 3 条"), std::string::npos) << edited.output;
}

TEST(Audit, VerifyDetectsDeletionAndTruncation) {
    TestServer server(false);
    server.stop();
    tamper(server, "DELETE FROM audit_log WHERE seq = 5");
    auto result = run_command({huixing_binary(), "audit", "verify", "--db", server.db_url()});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.output.find("第 6 条"), std::string::npos) << result.output;

    TestServer other(false);
    other.stop();
    tamper(other, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
    result = run_command({huixing_binary(), "audit", "verify", "--db", other.db_url()});
    EXPECT_NE(result.exit_code, 0) << result.output;
}

TEST(CommandLine, EverySubcommandHasHelp) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"init", "--help"}, {"serve", "--help"}, {"migrate", "--help"},
             {"import", "regions", "--help"}, {"user", "add", "--help"},
             {"user", "disable", "--help"}, {"user", "reset-password", "--help"},
             {"audit", "verify", "--help"}, {"backup", "--help"}, {"restore", "--help"},
             {"migrate-db", "--help"}}) {
        std::vector<std::string> command = {huixing_binary()};
        command.insert(command.end(), args.begin(), args.end());
        const auto result = run_command(command);
        EXPECT_EQ(result.exit_code, 0) << args.front() << ": " << result.output;
        EXPECT_NE(result.output.find("Usage"), std::string::npos) << result.output;
    }
}

TEST(CommandLine, InitWithoutDemoHasNoDefaultPasswordAndRequiresMfa) {
    const auto dir = make_temp_dir();
    const auto result = run_command({huixing_binary(), "init", "--db", "sqlite:" + dir + "/a.db"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("仅显示这一次"), std::string::npos);
    EXPECT_NE(result.output.find("otpauth://totp/Huixing:admin"), std::string::npos);
    const auto second = run_command({huixing_binary(), "init", "--db", "sqlite:" + dir + "/b.db"});
    // Two databases, two different generated passwords.
    auto password_of = [](const std::string& output) {
        const auto pos = output.find("密码：");
        return output.substr(pos, 40);
    };
    EXPECT_NE(password_of(result.output), password_of(second.output));
    // Running init again changes nothing.
    const auto again = run_command({huixing_binary(), "init", "--db", "sqlite:" + dir + "/a.db"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_NE(again.output.find("已初始化"), std::string::npos) << again.output;
}

TEST(CommandLine, ImportRegionsReportsRowsAndImportsNothing) {
    const auto dir = make_temp_dir();
    const auto db = "sqlite:" + dir + "/r.db";
    ASSERT_EQ(run_command({huixing_binary(), "migrate", "--db", db}).exit_code, 0);
    const auto csv = dir + "/bad.csv";
    std::ofstream(csv) << "district_code,district_name,street_code,street_name,community_code,"
                          "community_name,kind\n"
                          "110101,东城区,110101001,东华门街道,110101001001,多福巷社区居委会,居委会\n"
                          "110101,东城区,110101001,东华门街道,11010100100X,坏代码,居委会\n";
    const auto bad = run_command({huixing_binary(), "import", "regions", csv, "--db", db});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("line 3"), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find("11010100100X"), std::string::npos) << bad.output;
    // Nothing was imported: the good row is not there either.
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open((dir + "/r.db").c_str(), &handle), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(handle, "SELECT COUNT(*) FROM regions WHERE level = 'community'", -1, &statement, nullptr);
    ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(statement, 0), 0);
    sqlite3_finalize(statement);
    sqlite3_close(handle);

    const auto good = run_command({huixing_binary(), "import", "regions",
                                   std::string(HX_SOURCE_DIR) + "/data/beijing-divisions.csv", "--db", db});
    EXPECT_EQ(good.exit_code, 0) << good.output;
    EXPECT_NE(good.output.find("7535 个社区"), std::string::npos) << good.output;
}

TEST(CommandLine, UserAddDisableResetAndBackup) {
    TestServer server(false);
    server.stop();
    const auto db = server.db_url();
    auto added = run_command({huixing_binary(), "user", "add", "--db", db, "--username", "li.street",
                              "--name", "李街道", "--role", "street", "--org", "110101002"});
    ASSERT_EQ(added.exit_code, 0) << added.output;
    EXPECT_NE(added.output.find("仅显示这一次"), std::string::npos);
    auto wrong = run_command({huixing_binary(), "user", "add", "--db", db, "--username", "bad",
                              "--name", "x", "--role", "mayor", "--org", "110101"});
    EXPECT_NE(wrong.exit_code, 0);
    EXPECT_NE(wrong.output.find("mayor"), std::string::npos) << wrong.output;
    EXPECT_EQ(run_command({huixing_binary(), "user", "disable", "--db", db, "li.street"}).exit_code, 0);
    auto reset = run_command({huixing_binary(), "user", "reset-password", "--db", db, "dc_community",
                              "--password", "New-Secret-2026x"});
    EXPECT_EQ(reset.exit_code, 0) << reset.output;
    const auto backup = server.dir() + "/backup.db";
    auto backed = run_command({huixing_binary(), "backup", "--db", db, backup});
    EXPECT_EQ(backed.exit_code, 0) << backed.output;
    EXPECT_GT(std::filesystem::file_size(backup), 10000U);
    EXPECT_NE(run_command({huixing_binary(), "backup", "--db", db, backup}).exit_code, 0);
    // A restore never overwrites a live database…
    const auto over = run_command({huixing_binary(), "restore", "--db", db, backup});
    EXPECT_NE(over.exit_code, 0) << over.output;
    // …it brings back a lost one: SQLite as a new file, PostgreSQL as the dropped schema (the
    // server below then runs on the restored data).
    std::string restored = "sqlite:" + server.dir() + "/restored.db";
    if (on_postgres()) {
        server.exec_sql("", "DO $$ BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', current_schema()); END $$");
        restored = db;
    }
    const auto back = run_command({huixing_binary(), "restore", "--db", restored, backup});
    EXPECT_EQ(back.exit_code, 0) << back.output;
    auto verify = run_command({huixing_binary(), "audit", "verify", "--db", restored});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;

    server.start();
    EXPECT_EQ(server.request("POST", "/api/v1/session",
                             login_body("dc_community", "New-Secret-2026x")).status, 200U);
    EXPECT_EQ(server.request("POST", "/api/v1/session",
                             login_body("dc_community", server.password("dc_community"))).status, 401U);
}

TEST(Server, SigtermLetsTheServerFinishAndExitCleanly) {
    TestServer server(false);
    EXPECT_EQ(server.request("GET", "/healthz").status, 200U);
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_NE(server.log().find("\"event\":\"shutdown\""), std::string::npos);
}

TEST(Server, ClockRouteIsAbsentWithoutTestClock) {
    TestServer server(false);
    const auto r = server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-31T00:00:00Z"})");
    EXPECT_EQ(r.status, 404U);
}

TEST(Server, OversizedBodiesAre413AndMalformedRequests400) {
    auto& server = TestServer::shared();
    // Announced as 2 MiB: refused from the header alone, before the body is read.
    const auto big = server.request("POST", "/api/v1/session", "",
                                    {{"Content-Length", std::to_string(2 * 1024 * 1024)}});
    EXPECT_EQ(big.status, 413U);
    EXPECT_NE(big.header("content-type").find("application/problem+json"), std::string::npos);
}

TEST(Server, AccessLogIsJsonWithRequestId) {
    auto& server = TestServer::shared();
    const auto r = server.request("GET", "/healthz", "", {{"X-Request-Id", "trace-me-123"}});
    EXPECT_EQ(r.header("x-request-id"), "trace-me-123");
    // The access log is buffered and written out at least every second (access_log_test.cpp).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (server.log().find("\"request_id\":\"trace-me-123\"") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_NE(server.log().find("\"request_id\":\"trace-me-123\""), std::string::npos);
}

TEST(PublicSite, HomePageIsChineseHtml) {
    auto& server = TestServer::shared();
    const auto r = server.request("GET", "/");
    EXPECT_EQ(r.status, 200U);
    EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(r.body.find("lang=\"zh-CN\""), std::string::npos);
    EXPECT_NE(r.body.find("7535"), std::string::npos);
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
}

}  // namespace
}  // namespace hx::testing

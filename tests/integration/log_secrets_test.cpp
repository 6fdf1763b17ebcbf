// Issue 10 item 7 (等保 level 3, 数据保密性 / 个人信息保护): canary passwords, session and CSRF
// tokens, TOTP secrets and phone numbers sent through a test run — sign-ins right and wrong,
// user creation, password resets, two-factor sign-in, the notice case's comments with phone
// codes — appear in no log: neither the server's stdout/stderr (access log, application log)
// nor any field of any audit record. Runs on SQLite and on PostgreSQL (pg.*).
#include <gtest/gtest.h>

#include <set>

#include "core/clock.hpp"
#include "domain/identity/totp.hpp"
#include "golden.hpp"
#include "harness.hpp"

namespace hx::testing {
namespace {

std::string login_body(const std::string& username, const std::string& password,
                       const std::string& totp = "") {
    nlohmann::json body{{"username", username}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    return body.dump();
}

TEST(LogSecrets, NoPasswordTokenTotpSecretOrPhoneNumberReachesAnyLog) {
    TestServer server(true);
    // The notice case: comments confirmed by phone codes sent to 13800138000 and 13900139000.
    run_golden_case(server, std::string(HX_SOURCE_DIR) + "/tests/integration/cases/0030_notice_to_revocation.case");
    ASSERT_FALSE(HasFailure()) << "the notice case did not replay";
    std::set<std::string> secrets = {"13800138000", "138 0013 8000", "13900139000"};

    // The case moved the clock: its sessions may have run out. Keep their tokens as canaries,
    // then sign in afresh.
    for (const auto* user : {"admin", "security", "auditor", "city_social", "dc_community", "dc_street",
                             "dc_social", "expert_city", "expert_hd", "city_civil", "city_econ_it"}) {
        secrets.insert(server.token(user));
        server.forget_token(user);
    }
    const auto admin = server.token("admin");
    const std::map<std::string, std::string> as_admin = {{"Authorization", "Bearer " + admin}};
    // Wrong passwords, for a known user and for an unknown one (which a careless log would
    // print as a "username").
    const std::string wrong = "Canary-Wrong-Pw-4417!";
    EXPECT_EQ(server.request("POST", "/api/v1/session", login_body("dc_street", wrong)).status, 401U);
    EXPECT_EQ(server.request("POST", "/api/v1/session", login_body("Canary-User-Pw-8812!", wrong)).status, 401U);
    secrets.insert(wrong);  // (the attempted username is recorded on purpose, so it is no canary)
    // A user created with a canary password, then reset to another, signing in with each.
    const std::string first = "Canary-First-Pw-5521!";
    const std::string second = "Canary-Reset-Pw-7730!";
    secrets.insert(first);
    secrets.insert(second);
    const auto created = server.request(
        "POST", "/api/v1/users",
        nlohmann::json{{"username", "canary.user"}, {"password", first}, {"name", "金丝雀"},
                       {"role", "community"}, {"org_code", "110101001001"}}
            .dump(),
        as_admin);
    ASSERT_EQ(created.status, 201U) << created.body;
    const auto id = created.json().at("id").dump();
    const auto totp_secret = created.json().at("totp_secret").get<std::string>();
    secrets.insert(totp_secret);
    const auto signed_in = server.request("POST", "/api/v1/session", login_body("canary.user", first));
    ASSERT_EQ(signed_in.status, 200U) << signed_in.body;
    secrets.insert(signed_in.json().at("token").get<std::string>());
    secrets.insert(signed_in.json().at("csrf_token").get<std::string>());
    const auto reset = server.request("POST", "/api/v1/users/" + id + "/password",
                                      nlohmann::json{{"password", second}}.dump(), as_admin);
    ASSERT_LT(reset.status, 300U) << reset.body;
    // A weak password refused: the refusal names the rule, never the password.
    const std::string weak = "canaryweak12";
    secrets.insert(weak);
    EXPECT_EQ(server.request("POST", "/api/v1/users/" + id + "/password",
                             nlohmann::json{{"password", weak}}.dump(), as_admin)
                  .status,
              400U);
    // Every token the harness uses (the demo users of the notice case and the auditor below),
    // taken before two-factor sign-in is switched on.
    for (const auto* user : {"admin", "security", "auditor"}) secrets.insert(server.token(user));
    // Two-factor sign-in with the canary user's secret.
    ASSERT_EQ(server.request("PUT", "/api/v1/security/policy", R"({"mfa_required": true})",
                             {{"Authorization", "Bearer " + server.token("security")}})
                  .status,
              200U);
    const auto now = server.request("GET", "/api/v1/system/clock", "", as_admin).json().value("now", "");
    Timestamp at;
    ASSERT_TRUE(parse_rfc3339(now, at)) << now;
    const auto with_code = server.request("POST", "/api/v1/session",
                                          login_body("canary.user", second, identity::totp_code(totp_secret, at)));
    ASSERT_EQ(with_code.status, 200U) << with_code.body;
    const auto token = with_code.json().at("token").get<std::string>();
    secrets.insert(token);
    // The token through the cookie and the header, and a sign-out.
    EXPECT_EQ(server.request("GET", "/api/v1/me", "", {{"Cookie", "hx_session=" + token}}).status, 200U);
    EXPECT_EQ(server.request("DELETE", "/api/v1/session", "", {{"Authorization", "Bearer " + token}}).status,
              204U);

    // The audit log, every record, every field (the auditor's CSV export is all of them).
    const auto exported = server.as("auditor", "GET", "/api/v1/audit/export");
    ASSERT_EQ(exported.status, 200U) << exported.body;
    ASSERT_NE(exported.body.find("user.reset_password"), std::string::npos) << "the export is not the whole log";
    ASSERT_NE(exported.body.find("comment"), std::string::npos) << "the notice case's comments are not in the log";
    // The server's stdout and stderr, after it stopped (everything flushed).
    EXPECT_EQ(server.stop(), 0);
    const auto log = server.log();
    ASSERT_NE(log.find("\"event\":\"access\""), std::string::npos) << "no access log captured";
    ASSERT_NE(log.find("/api/v1/session"), std::string::npos);
    for (const auto& secret : secrets) {
        ASSERT_GE(secret.size(), 11U);
        EXPECT_EQ(log.find(secret), std::string::npos) << "in the server log: " << secret;
        EXPECT_EQ(exported.body.find(secret), std::string::npos) << "in the audit log: " << secret;
    }
}

}  // namespace
}  // namespace hx::testing

// Issue 10 item 4 (等保 level 3, 身份鉴别): accounts at their boundaries, over HTTP against the
// real server, the test clock driving time. Runs on SQLite and again on PostgreSQL (pg.*).
//
// Time on a test server keeps running after the clock is set, so a boundary is checked against
// what the test knows for sure: an event the server stamped after the clock was set to T and
// before the answer came back happened in [T, T + elapsed], elapsed measured here. "Alive at
// 29:59" is checked at T + 29:59 (the event was no earlier than T) and "dead at 30:00" at
// T + elapsed + 30:00 (the event was no later than that).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "core/clock.hpp"
#include "domain/identity/role.hpp"
#include "domain/identity/totp.hpp"
#include "harness.hpp"

namespace hx::testing {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

std::string login_body(const std::string& username, const std::string& password,
                       const std::string& totp = "") {
    nlohmann::json body{{"username", username}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    return body.dump();
}

HttpResult sign_in(const TestServer& server, const std::string& username,
                   const std::string& password, const std::string& totp = "") {
    return server.request("POST", "/api/v1/session", login_body(username, password, totp));
}

std::map<std::string, std::string> bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

/// Sets the server's test clock as `admin` (signing in again if the admin's own session ran out).
void set_clock(TestServer& server, Timestamp at) {
    const auto body = nlohmann::json{{"now", format_rfc3339(at)}}.dump();
    auto r = server.request("PUT", "/api/v1/system/clock", body, bearer(server.token("admin")));
    if (r.status == 401) {
        server.forget_token("admin");
        r = server.request("PUT", "/api/v1/system/clock", body, bearer(server.token("admin")));
    }
    ASSERT_EQ(r.status, 200U) << r.body;
}

/// Measures the real time a block of requests takes (see the top of the file).
class Stopwatch {
public:
    Stopwatch() : started_(std::chrono::steady_clock::now()) {}
    /// Elapsed, rounded up to the millisecond.
    [[nodiscard]] milliseconds elapsed() const {
        return std::chrono::ceil<milliseconds>(std::chrono::steady_clock::now() - started_);
    }

private:
    std::chrono::steady_clock::time_point started_;
};

/// A start time a minute ahead of now, on a whole second: no session of the harness has run
/// out yet, and the clock moves forward only.
Timestamp start_time() {
    return std::chrono::ceil<seconds>(std::chrono::system_clock::now() + minutes(1));
}

constexpr const char* kGoodPassword = "Kx7-Pq9.Lm3!Rt";

std::string org_of(identity::Role role) {
    using identity::Role;
    switch (role) {
        case Role::kCommunity: return "110101001001";
        case Role::kStreet: return "110101001";
        case Role::kDistrictSocial:
        case Role::kDistrictIt:
        case Role::kDistrictCivil: return "110101";
        case Role::kEvaluator: return "110108";
        default: return "110000";
    }
}

// ---------------------------------------------------------------------------------------------
// Two factors for every staff and administrator role (all roles but the anonymous public).

TEST(AccountsMfa, EveryRoleNeedsAValidUnusedCodeWithinOneStep) {
    TestServer server(true);
    const auto admin = server.token("admin");
    const auto security = server.token("security");
    struct Account {
        std::string username;
        std::string secret;
    };
    std::vector<Account> accounts;
    for (const auto role : identity::kAllRoles) {
        const std::string username = std::string("mfa_") + identity::to_string(role);
        const auto created = server.request(
            "POST", "/api/v1/users",
            nlohmann::json{{"username", username}, {"password", kGoodPassword}, {"name", "双因素测试"},
                           {"role", identity::to_string(role)}, {"org_code", org_of(role)}}
                .dump(),
            bearer(admin));
        ASSERT_EQ(created.status, 201U) << username << ": " << created.body;
        accounts.push_back({username, created.json().at("totp_secret").get<std::string>()});
    }
    ASSERT_EQ(accounts.size(), 12U);  // every role of src/domain/identity/role.hpp
    const auto policy = server.request("PUT", "/api/v1/security/policy",
                                       R"({"mfa_required": true})", bearer(security));
    ASSERT_EQ(policy.status, 200U) << policy.body;

    // 15 s into a 30 s step, so the codes of this step and its neighbours are unambiguous while
    // the checks of one account run (a few hundred milliseconds). 11 minutes per account, so the
    // refusals of one account and the next stay under the per-address limit (20 in 10 minutes).
    auto t = std::chrono::floor<minutes>(start_time()) + seconds(15);
    for (const auto& account : accounts) {
        SCOPED_TRACE(account.username);
        t += minutes(11);
        set_clock(server, t);
        const auto code = [&](int steps) {
            return identity::totp_code(account.secret, t + seconds(30 * steps));
        };
        const auto expect_refused = [&](const std::string& totp, const char* reason) {
            const auto r = sign_in(server, account.username, kGoodPassword, totp);
            EXPECT_EQ(r.status, 401U) << "code '" << totp << "': " << r.body;
            EXPECT_EQ(r.json().value("code", ""), reason) << r.body;
            EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos);
            EXPECT_TRUE(r.json().value("token", "").empty());
        };
        expect_refused("", "totp_required");
        // A code that is none of the three valid ones (the code of a step far away, unless it
        // happens to coincide with one of them).
        std::string wrong = code(40);
        for (int s = 41; wrong == code(-1) || wrong == code(0) || wrong == code(1); ++s) wrong = code(s);
        expect_refused(wrong, "totp_invalid");
        expect_refused("12345", "totp_invalid");
        // ±2 steps: outside the window (unless the 6 digits coincide with a valid code).
        if (code(-2) != code(-1) && code(-2) != code(0) && code(-2) != code(1)) {
            expect_refused(code(-2), "totp_invalid");
        }
        if (code(2) != code(-1) && code(2) != code(0) && code(2) != code(1)) {
            expect_refused(code(2), "totp_invalid");
        }
        // −1 step: accepted, once.
        const auto previous = sign_in(server, account.username, kGoodPassword, code(-1));
        ASSERT_EQ(previous.status, 200U) << previous.body;
        const auto token = previous.json().at("token").get<std::string>();
        EXPECT_EQ(server.request("GET", "/api/v1/me", "", bearer(token)).status, 200U);
        expect_refused(code(-1), "totp_reused");
        // The current step, then +1 step: accepted; then neither again, nor anything older.
        EXPECT_EQ(sign_in(server, account.username, kGoodPassword, code(0)).status, 200U);
        EXPECT_EQ(sign_in(server, account.username, kGoodPassword, code(1)).status, 200U);
        expect_refused(code(1), "totp_reused");
        expect_refused(code(0), "totp_reused");
    }
}

TEST(AccountsMfa, WrongCodesCountTowardsTheLockout) {
    TestServer server(true);
    const auto admin = server.token("admin");
    const auto created = server.request(
        "POST", "/api/v1/users",
        nlohmann::json{{"username", "mfa_guess"}, {"password", kGoodPassword}, {"name", "猜测"},
                       {"role", "street"}, {"org_code", "110101001"}}
            .dump(),
        bearer(admin));
    ASSERT_EQ(created.status, 201U) << created.body;
    const auto secret = created.json().at("totp_secret").get<std::string>();
    ASSERT_EQ(server.request("PUT", "/api/v1/security/policy", R"({"mfa_required": true})",
                             bearer(server.token("security")))
                  .status,
              200U);
    const auto t = std::chrono::floor<minutes>(start_time()) + seconds(15);
    set_clock(server, t);
    // With the right password, five wrong codes: the account locks as after five wrong passwords.
    std::string wrong = identity::totp_code(secret, t + minutes(20));
    for (int i = 0; i < 5; ++i) {
        const auto r = sign_in(server, "mfa_guess", kGoodPassword, i % 2 == 0 ? wrong : "000000");
        EXPECT_EQ(r.status, 401U) << r.body;
    }
    const auto locked = sign_in(server, "mfa_guess", kGoodPassword, identity::totp_code(secret, t));
    EXPECT_EQ(locked.status, 423U) << locked.body;
}

// ---------------------------------------------------------------------------------------------
// Lockout: 5 failures within 15 minutes lock for 15 minutes (423).

TEST(AccountsLockout, FourFailuresThenSuccessIsFineAndSuccessStartsCountingAgain) {
    TestServer server(true);
    set_clock(server, start_time());
    const auto password = server.password("dc_street");
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 4; ++i) {
            EXPECT_EQ(sign_in(server, "dc_street", "Wrong-password-1").status, 401U);
        }
        const auto r = sign_in(server, "dc_street", password);
        EXPECT_EQ(r.status, 200U) << "round " << round << ": " << r.body;
    }
}

TEST(AccountsLockout, FifthFailureLocksUntilExactlyFifteenMinutes) {
    TestServer server(true);
    const auto t0 = start_time();
    set_clock(server, t0);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(sign_in(server, "dc_civil", "Wrong-password-1").status, 401U);
    // The fifth failure locks: from now on even the right password answers 423.
    const auto lock_at = t0 + seconds(10);
    Stopwatch stopwatch;
    set_clock(server, lock_at);
    const auto fifth = sign_in(server, "dc_civil", "Wrong-password-1");
    const auto elapsed = stopwatch.elapsed();
    EXPECT_EQ(fifth.status, 401U) << fifth.body;
    const auto password = server.password("dc_civil");
    const auto locked = sign_in(server, "dc_civil", password);
    EXPECT_EQ(locked.status, 423U) << locked.body;
    EXPECT_EQ(locked.json().value("code", ""), "account_locked");
    EXPECT_NE(locked.json().value("title", "").find("锁定"), std::string::npos);
    // 15 minutes − 1 second after the lock: still locked.
    set_clock(server, lock_at + minutes(15) - seconds(1));
    EXPECT_EQ(sign_in(server, "dc_civil", password).status, 423U);
    // 15 minutes after it: open.
    set_clock(server, lock_at + elapsed + minutes(15));
    const auto open = sign_in(server, "dc_civil", password);
    EXPECT_EQ(open.status, 200U) << open.body;
}

TEST(AccountsLockout, FailuresOlderThanFifteenMinutesDoNotCountButNewerOnesDo) {
    TestServer server(true);
    const auto t0 = start_time();
    Stopwatch stopwatch;
    set_clock(server, t0);
    EXPECT_EQ(sign_in(server, "dc_it", "Wrong-password-1").status, 401U);
    const auto first_elapsed = stopwatch.elapsed();
    // Ten minutes on, three more: four within 15 minutes.
    set_clock(server, t0 + minutes(10));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(sign_in(server, "dc_it", "Wrong-password-1").status, 401U);
    // Fifteen minutes after the first, it no longer counts: this failure is the fourth of the
    // window, so the next attempt is still judged on its password (401, not 423)…
    set_clock(server, t0 + first_elapsed + minutes(15));
    EXPECT_EQ(sign_in(server, "dc_it", "Wrong-password-1").status, 401U);
    const auto fifth = sign_in(server, "dc_it", "Wrong-password-1");
    EXPECT_EQ(fifth.status, 401U) << "the old failure still counted: " << fifth.body;
    // …and that one was the fifth within 15 minutes (three at +10, two now): locked. A window
    // that restarted at the first failure after it ran out would have counted two.
    const auto after = sign_in(server, "dc_it", server.password("dc_it"));
    EXPECT_EQ(after.status, 423U) << after.body;
}

// ---------------------------------------------------------------------------------------------
// Sessions: idle 30 minutes, absolute 12 hours.

TEST(AccountsSessions, IdleTimeoutHoldsToTheSecondAfterTheLastUse) {
    TestServer server(true);
    const auto t0 = start_time();
    set_clock(server, t0);
    const auto signed_in = sign_in(server, "dc_community", server.password("dc_community"));
    ASSERT_EQ(signed_in.status, 200U) << signed_in.body;
    const auto token = signed_in.json().at("token").get<std::string>();
    // A use 50 seconds later, then 29:59 after that use: alive (a session touched only once a
    // minute would count from the sign-in and be dead by now).
    const auto used = t0 + seconds(50);
    set_clock(server, used);
    ASSERT_EQ(server.request("GET", "/api/v1/me", "", bearer(token)).status, 200U);
    Stopwatch stopwatch;
    set_clock(server, used + minutes(29) + seconds(59));
    const auto alive = server.request("GET", "/api/v1/me", "", bearer(token));
    const auto elapsed = stopwatch.elapsed();
    EXPECT_EQ(alive.status, 200U) << alive.body;
    // 30:00 after that last use: dead.
    set_clock(server, used + minutes(29) + seconds(59) + elapsed + minutes(30));
    const auto dead = server.request("GET", "/api/v1/me", "", bearer(token));
    EXPECT_EQ(dead.status, 401U) << dead.body;
    EXPECT_EQ(dead.json().value("code", ""), "session_expired");
}

TEST(AccountsSessions, AbsoluteTimeoutIsTwelveHoursEvenWhenUsedEveryTenMinutes) {
    TestServer server(true);
    const auto t0 = start_time();
    Stopwatch stopwatch;
    set_clock(server, t0);
    const auto signed_in = sign_in(server, "hd_community", server.password("hd_community"));
    const auto elapsed = stopwatch.elapsed();
    ASSERT_EQ(signed_in.status, 200U) << signed_in.body;
    const auto token = signed_in.json().at("token").get<std::string>();
    for (auto at = t0 + minutes(10); at < t0 + hours(12); at += minutes(10)) {
        set_clock(server, at);
        ASSERT_EQ(server.request("GET", "/api/v1/me", "", bearer(token)).status, 200U)
            << "used every 10 minutes, dead at " << format_rfc3339(at);
    }
    set_clock(server, t0 + hours(12) - seconds(1));
    EXPECT_EQ(server.request("GET", "/api/v1/me", "", bearer(token)).status, 200U);
    set_clock(server, t0 + elapsed + hours(12));
    const auto dead = server.request("GET", "/api/v1/me", "", bearer(token));
    EXPECT_EQ(dead.status, 401U) << dead.body;
    EXPECT_EQ(dead.json().value("code", ""), "session_expired");
    EXPECT_NE(dead.json().value("detail", "").find("12小时"), std::string::npos) << dead.body;
}

// ---------------------------------------------------------------------------------------------
// Password rules, each at its boundary, with a field error in Chinese and nothing created.

TEST(AccountsPasswords, RulesHoldAtTheirBoundaries) {
    auto& server = TestServer::shared();
    int n = 0;
    const auto create = [&](const std::string& username, const std::string& password) {
        ++n;
        return server.as("admin", "POST", "/api/v1/users",
                         nlohmann::json{{"username", username}, {"password", password},
                                        {"name", "密码规则"}, {"role", "community"},
                                        {"org_code", "110101001002"}}
                             .dump());
    };
    const auto refused = [&](const std::string& username, const std::string& password,
                             const std::string& message) {
        SCOPED_TRACE(password);
        const auto r = create(username, password);
        ASSERT_EQ(r.status, 400U) << r.body;
        EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos);
        bool found = false;
        const auto body = r.json();
        for (const auto& e : body.at("errors")) {
            if (e.value("field", "") == "password" &&
                e.value("message", "").find(message) != std::string::npos) {
                found = true;
            }
        }
        EXPECT_TRUE(found) << "no password error '" << message << "' in " << r.body;
        EXPECT_EQ(server.as("admin", "GET", "/api/v1/users?q=" + username).json().value("total", -1), 0)
            << "a refused user was created";
    };
    // Length: 11 characters refused, 12 accepted (three classes each).
    refused("pw.len11", "Kx7-Pq9.Lm3", "12 个字符");
    EXPECT_EQ(create("pw.len12", "Kx7-Pq9.Lm3!").status, 201U);
    // Classes: two refused, three accepted (12 characters each).
    refused("pw.two", "kx7pq9lm3rtv", "至少三类");
    refused("pw.two2", "KX-PQ.LM!RTV", "至少三类");
    EXPECT_EQ(create("pw.three", "kx7pq9lm3rtV").status, 201U);
    // The username, in any case, anywhere in the password.
    refused("pw.alice", "Xx9-PW.ALICE-9", "用户名");
    refused("pw.bob", "pw.bob-Kx7-Q9", "用户名");
    refused("pw.carl", "Kx7-Q9-Pw.CaRl", "用户名");
    // A common password that meets the other rules.
    refused("pw.common", "Password1234", "常见");
    refused("pw.common2", "P@ssw0rd1234", "常见");
    // The same rules on a reset: the old password stays.
    const auto id = server.as("admin", "GET", "/api/v1/users?q=pw.len12").json().at("items").at(0).at("id");
    const auto reset = server.as("admin", "POST", "/api/v1/users/" + id.dump() + "/password",
                                 nlohmann::json{{"password", "short-1A"}}.dump());
    EXPECT_EQ(reset.status, 400U) << reset.body;
    EXPECT_EQ(sign_in(server, "pw.len12", "Kx7-Pq9.Lm3!").status, 200U);
    EXPECT_EQ(n, 10);
}

// ---------------------------------------------------------------------------------------------
// Sign-in throttled per client address, in the database: shared by every instance.

TEST(AccountsThrottle, ManyUsernamesFromOneAddressAnswer429OnEveryInstance) {
    TestServer server(true);
    const auto t0 = start_time();
    set_clock(server, t0);
    auto other = TestServer::beside(server);
    // 20 failures (policy: 20 within 10 minutes), each for another username, half of them
    // through the second instance: no account gets near its own lockout.
    for (int i = 0; i < 20; ++i) {
        const auto& target = i % 2 == 0 ? server : *other;
        const auto r = sign_in(target, "nobody" + std::to_string(i), "Wrong-password-1");
        ASSERT_EQ(r.status, 401U) << i << ": " << r.body;
    }
    for (const TestServer* target : {&server, other.get()}) {
        // Even a right password, for an account that never failed, from that address.
        const auto r = sign_in(*target, "city_civil", target->password("city_civil"));
        EXPECT_EQ(r.status, 429U) << r.body;
        EXPECT_EQ(r.json().value("code", ""), "too_many_attempts");
        EXPECT_NE(r.json().value("detail", "").find("请"), std::string::npos);
        const auto retry_after = r.header("retry-after");
        ASSERT_FALSE(retry_after.empty()) << "429 without Retry-After";
        EXPECT_GT(std::stoi(retry_after), 0);
        EXPECT_LE(std::stoi(retry_after), 600);
    }
    // The account itself was never locked: after the address window it signs in.
    set_clock(server, t0 + minutes(10) + seconds(5));
    const auto later = sign_in(server, "city_civil", server.password("city_civil"));
    EXPECT_EQ(later.status, 200U) << later.body;
}

HttpResult sign_in_from(const TestServer& server, const std::string& address,
                        const std::string& username, const std::string& password) {
    return server.request("POST", "/api/v1/session", login_body(username, password),
                          {{"X-Real-IP", address}});
}

/// A server started with `serve --trusted-proxy` (through its environment variable, which the
/// server process inherits) naming the loopback addresses the test connects from.
std::unique_ptr<TestServer> server_behind_trusted_proxy() {
    ::setenv("HUIXING_TRUSTED_PROXIES", "127.0.0.1,::1", 1);
    auto server = std::make_unique<TestServer>(true);
    ::unsetenv("HUIXING_TRUSTED_PROXIES");
    return server;
}

TEST(AccountsThrottle, BehindATrustedProxyEachClientAddressCountsOnItsOwn) {
    auto server = server_behind_trusted_proxy();
    set_clock(*server, start_time());
    for (int i = 0; i < 20; ++i) {
        const auto r = sign_in_from(*server, "203.0.113.7", "nobody" + std::to_string(i), "Wrong-password-1");
        ASSERT_EQ(r.status, 401U) << i << ": " << r.body;
    }
    // The address the proxy named is throttled …
    const auto throttled = sign_in_from(*server, "203.0.113.7", "city_civil", server->password("city_civil"));
    EXPECT_EQ(throttled.status, 429U) << throttled.body;
    // … and no other client behind the same proxy is.
    const auto other = sign_in_from(*server, "203.0.113.8", "city_civil", server->password("city_civil"));
    EXPECT_EQ(other.status, 200U) << other.body;
}

TEST(AccountsThrottle, AClientThatIsNotATrustedProxyCannotChooseItsAddress) {
    TestServer server(true);  // no --trusted-proxy: X-Real-IP is the client's own claim
    set_clock(server, start_time());
    for (int i = 0; i < 20; ++i) {
        const auto r = sign_in_from(server, "198.51.100." + std::to_string(i + 1),
                                    "nobody" + std::to_string(i), "Wrong-password-1");
        ASSERT_EQ(r.status, 401U) << i << ": " << r.body;
    }
    // Twenty different claimed addresses were one address (the socket's) all along.
    const auto r = sign_in_from(server, "198.51.100.99", "city_civil", server.password("city_civil"));
    EXPECT_EQ(r.status, 429U) << r.body;
}

}  // namespace
}  // namespace hx::testing

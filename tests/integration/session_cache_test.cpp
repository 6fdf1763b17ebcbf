// The in-memory session cache and the scoped micro-cache (docs/performance.md § S4,
// src/domain/identity/session_cache.hpp): a token whose session this server holds in memory,
// and whose reads are answered from memory on the I/O thread, is dead on this server right after
// its sign-out, its user's disabling or its password reset; a revocation made by another process
// reaches it within the cache's TTL (one second); a cached scoped answer is never given to a
// caller of another role or node, and a write this server acknowledges is seen at once. Runs on
// SQLite and again on PostgreSQL (pg.*).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::map<std::string, std::string> bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

const char* const kRegion = "/api/v1/regions/110101?page_size=5";

/// Reads `kRegion` twice with `token` (the second answer comes from the caches) and checks both.
void warm(const TestServer& server, const std::string& token) {
    for (int i = 0; i < 2; ++i) {
        const auto read = server.request("GET", kRegion, "", bearer(token));
        ASSERT_EQ(read.status, 200U) << read.body;
    }
}

void expect_dead(const TestServer& server, const std::string& token) {
    const auto region = server.request("GET", kRegion, "", bearer(token));
    EXPECT_EQ(region.status, 401U) << region.body;
    EXPECT_EQ(region.json().value("code", ""), "unauthenticated") << region.body;
    EXPECT_EQ(server.request("GET", "/api/v1/me", "", bearer(token)).status, 401U);
}

std::string user_id(TestServer& server, const std::string& username) {
    const auto found = server.as("admin", "GET", "/api/v1/users?q=" + username);
    EXPECT_EQ(found.status, 200U) << found.body;
    const auto body = found.json();  // kept alive: a range-for over a temporary's member dangles
    for (const auto& item : body.at("items")) {
        if (item.value("username", "") == username) return item.at("id").dump();
    }
    ADD_FAILURE() << "no user " << username << ": " << found.body;
    return "0";
}

TEST(SessionCache, ATokenIsDeadRightAfterEachRevocationOnThisServer) {
    TestServer server(false);

    // Sign-out.
    auto token = server.token("dc_social");
    warm(server, token);
    EXPECT_EQ(server.request("DELETE", "/api/v1/session", "", bearer(token)).status, 204U);
    expect_dead(server, token);

    // Sign-out with an Idempotency-Key: the revocation commits with the stored answer, after
    // the handler returned.
    token = server.token("dc_street");
    warm(server, token);
    auto headers = bearer(token);
    headers["Idempotency-Key"] = "logout-1";
    EXPECT_EQ(server.request("DELETE", "/api/v1/session", "", headers).status, 204U);
    expect_dead(server, token);

    // The user disabled by the administrator.
    token = server.token("dc_civil");
    warm(server, token);
    const auto disabled =
        server.as("admin", "POST", "/api/v1/users/" + user_id(server, "dc_civil") + "/disable");
    EXPECT_EQ(disabled.status / 100, 2U) << disabled.body;
    expect_dead(server, token);

    // The password reset by the administrator.
    token = server.token("dc_it");
    warm(server, token);
    const auto reset = server.as("admin", "POST", "/api/v1/users/" + user_id(server, "dc_it") + "/password",
                                 R"({"password": "Nw8-Zr4.Hj6!Qs"})");
    EXPECT_EQ(reset.status / 100, 2U) << reset.body;
    expect_dead(server, token);

    // A session nobody revoked is still alive.
    warm(server, server.token("city_social"));
}

TEST(SessionCache, ARevocationByAnotherProcessReachesThisServerWithinTheTtl) {
    TestServer server(false);
    const auto token = server.token("dc_street");
    warm(server, token);
    // `huixing user disable` is another process on the same database: this server learns of it
    // when it next reads the session, at most a TTL (one second) after its last read.
    const auto disabled =
        run_command({huixing_binary(), "user", "disable", "--db", server.db_url(), "dc_street"});
    ASSERT_EQ(disabled.exit_code, 0) << disabled.output;
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    expect_dead(server, token);
}

TEST(SessionCache, ACachedScopedAnswerIsGivenOnlyToTheSameRoleAndNode) {
    // Without the test clock: only then are cached scoped reads answered on the I/O thread.
    TestServer server(false);
    const auto haidian = std::string("/api/v1/regions/110108?page_size=5");
    // The city sees 海淀区 (twice: the second answer is the cached one) …
    for (int i = 0; i < 2; ++i) EXPECT_EQ(server.as("city_social", "GET", haidian).status, 200U);
    // … a district worker of 东城区 does not, cached or not.
    for (int i = 0; i < 2; ++i) {
        const auto other = server.as("dc_social", "GET", haidian);
        EXPECT_EQ(other.status, 404U) << other.body;
    }
    // Two callers of one role and node get the same answer.
    const auto city = server.as("city_social", "GET", kRegion);
    const auto district = server.as("dc_social", "GET", kRegion);
    ASSERT_EQ(district.status, 200U) << district.body;
    EXPECT_EQ(city.status, 200U);
    // Without a session there is no answer at all, cached or not.
    EXPECT_EQ(server.request("GET", kRegion).status, 401U);
}

TEST(SessionCache, AWriteThisServerAcknowledgedIsSeenByTheNextRead) {
    TestServer server(false);
    const auto community = std::string("/api/v1/communities/110101001001");
    bool pilot = false;
    for (int i = 0; i < 2; ++i) {  // the second read may come from the cache
        const auto before = server.as("city_social", "GET", community);
        ASSERT_EQ(before.status, 200U) << before.body;
        ASSERT_TRUE(before.json().contains("pilot")) << before.body;
        pilot = before.json().at("pilot").get<bool>();
    }
    const auto set = server.as("city_social", "PUT", community + "/pilot",
                               nlohmann::json{{"pilot", !pilot}}.dump());
    ASSERT_EQ(set.status, 200U) << set.body;
    const auto after = server.as("city_social", "GET", community);
    ASSERT_EQ(after.status, 200U) << after.body;
    EXPECT_EQ(after.json().value("pilot", pilot), !pilot) << after.body;
}

}  // namespace
}  // namespace hx::testing

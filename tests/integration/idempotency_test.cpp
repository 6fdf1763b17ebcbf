// Idempotency-Key on writes (docs/reliability.md): a retry gets the stored answer and makes no
// second write; the same key with another request is refused; keys belong to their caller.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace hx::testing {
namespace {

HttpResult keyed(TestServer& server, const std::string& user, const std::string& method, const std::string& target,
                 const std::string& body, const std::string& key) {
    return server.request(method, target, body,
                          {{"Authorization", "Bearer " + server.token(user)}, {"Idempotency-Key", key}});
}

TEST(Idempotency, RetryGetsTheStoredAnswerAndWritesOnce) {
    TestServer server(true);
    const std::string round = R"({"year":2031,"kind":"annual","standard_id":"bj-construction"})";
    const auto first = keyed(server, "city_social", "POST", "/api/v1/rounds", round, "round-2031");
    ASSERT_EQ(first.status, 201U) << first.body;
    EXPECT_EQ(first.header("idempotent-replayed"), "");
    const auto again = keyed(server, "city_social", "POST", "/api/v1/rounds", round, "round-2031");
    EXPECT_EQ(again.status, 201U);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(again.header("x-content-type-options"), "nosniff");
    const auto audit = server.as("auditor", "GET", "/api/v1/audit?action=round.create");
    EXPECT_EQ(audit.json().value("total", -1), 1) << audit.body;

    // The same key with another body: refused, and nothing is written.
    const auto reused = keyed(server, "city_social", "POST", "/api/v1/rounds",
                              R"({"year":2032,"kind":"annual","standard_id":"bj-construction"})", "round-2031");
    EXPECT_EQ(reused.status, 422U);
    EXPECT_EQ(reused.json().value("code", ""), "idempotency_key_reused");
    EXPECT_EQ(server.as("auditor", "GET", "/api/v1/audit?action=round.create").json().value("total", -1), 1);
    // … and with another path.
    const auto moved = keyed(server, "city_social", "POST", "/api/v1/rounds/1/open", "", "round-2031");
    EXPECT_EQ(moved.status, 422U);
}

TEST(Idempotency, RefusalsAreStoredTooAndKeysBelongToTheirCaller) {
    TestServer server(true);
    // A refused write (400) is an answer like any other: the retry gets it back.
    const auto bad = keyed(server, "city_social", "POST", "/api/v1/rounds", R"({"year":1900})", "k1");
    ASSERT_EQ(bad.status, 400U) << bad.body;
    const auto bad_again = keyed(server, "city_social", "POST", "/api/v1/rounds", R"({"year":1900})", "k1");
    EXPECT_EQ(bad_again.status, 400U);
    EXPECT_EQ(bad_again.header("idempotent-replayed"), "true");
    // Another caller's "k1" is another key.
    const auto other = keyed(server, "admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-01T10:00:00+08:00"})", "k1");
    EXPECT_EQ(other.status, 200U) << other.body;
    EXPECT_EQ(other.header("idempotent-replayed"), "");
}

TEST(Idempotency, MalformedKeysAndReadsAndAnonymousRequests) {
    TestServer server(true);
    const std::string round = R"({"year":2033,"kind":"annual","standard_id":"bj-construction"})";
    for (const std::string& key : {std::string(256, 'k'), std::string("two words"), std::string("键")}) {
        const auto r = keyed(server, "city_social", "POST", "/api/v1/rounds", round, key);
        EXPECT_EQ(r.status, 400U) << key;
        EXPECT_EQ(r.json().value("code", ""), "invalid_idempotency_key");
    }
    EXPECT_EQ(keyed(server, "city_social", "POST", "/api/v1/rounds", round, std::string(255, 'k')).status, 201U);
    // A read ignores the header: nothing is stored, nothing is replayed.
    const auto read = keyed(server, "city_social", "GET", "/api/v1/rounds", "", "read-1");
    EXPECT_EQ(read.status, 200U);
    EXPECT_EQ(keyed(server, "city_social", "GET", "/api/v1/rounds", "", "read-1").header("idempotent-replayed"), "");
    // Sign-in has no caller yet: the key is ignored and each attempt counts.
    const nlohmann::json login = {{"username", "city_social"}, {"password", server.password("city_social")}};
    const auto signed_in = server.request("POST", "/api/v1/session", login.dump(), {{"Idempotency-Key", "s"}});
    EXPECT_EQ(signed_in.status, 200U);
    const auto again = server.request("POST", "/api/v1/session", login.dump(), {{"Idempotency-Key", "s"}});
    EXPECT_NE(again.json().value("token", ""), signed_in.json().value("token", ""));
}

}  // namespace
}  // namespace hx::testing

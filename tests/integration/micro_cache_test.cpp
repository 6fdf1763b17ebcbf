// The micro-cache (src/http/response_cache.hpp) keeps an entry until a write clears it: with
// entries that would otherwise live a minute, a write this server acknowledges — with or
// without an Idempotency-Key — makes the very next read of a cached public answer fresh.
// Runs on SQLite and again on PostgreSQL (pg.*).
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::string mini_standard(const std::string& id) {
    return R"({"id": ")" + id +
           R"(", "name": "迷你标准", "version": "1", "kind": "construction", "note": "",
        "rules": {"count": "all", "max_star": 1, "levels": [{"star": 1, "min": 1, "requires": []}]},
        "categories": [{"code": "1", "name": "类", "subcategories": [{"code": "1.1", "name": "子类",
        "indicators": [{"code": "1", "title": "指标一", "kind": "general", "life_elements": ["吃"],
        "provenance": "source"}]}]}]})";
}

/// The public catalogue, read twice (the second answer is the cached one); its body.
std::string catalogue(const TestServer& server) {
    std::string body;
    for (int i = 0; i < 2; ++i) {
        const auto read = server.request("GET", "/api/v1/standards");
        EXPECT_EQ(read.status, 200U) << read.body;
        body = read.body;
    }
    return body;
}

TEST(MicroCache, AWriteMakesTheNextReadOfACachedPublicAnswerFresh) {
    TestServer server(false);
    // Entries kept a minute: only the write's clearing can make the next read fresh.
    server.restart_with({"--micro-cache-ms", "60000"});
    ASSERT_EQ(catalogue(server).find("bj-mini-a"), std::string::npos);

    const auto created =
        server.as("city_social", "POST", "/api/v1/standards", mini_standard("bj-mini-a"));
    ASSERT_EQ(created.status, 201U) << created.body;
    EXPECT_NE(server.request("GET", "/api/v1/standards").body.find("bj-mini-a"), std::string::npos);

    // The same through the Idempotency-Key path (the write commits with its stored answer).
    ASSERT_EQ(catalogue(server).find("bj-mini-b"), std::string::npos);
    const auto token = server.token("city_social");
    const auto again =
        server.request("POST", "/api/v1/standards", mini_standard("bj-mini-b"),
                       {{"Authorization", "Bearer " + token}, {"Idempotency-Key", "mini-b"}});
    ASSERT_EQ(again.status, 201U) << again.body;
    EXPECT_NE(server.request("GET", "/api/v1/standards").body.find("bj-mini-b"), std::string::npos);

    // A refused write changes nothing, and the next read says so.
    const auto refused =
        server.as("dc_social", "POST", "/api/v1/standards", mini_standard("bj-mini-c"));
    EXPECT_EQ(refused.status, 403U) << refused.body;
    EXPECT_EQ(server.request("GET", "/api/v1/standards").body.find("bj-mini-c"), std::string::npos);
}

}  // namespace
}  // namespace hx::testing

#include "http/response_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace hx::http {
namespace {

Request get(const std::string& target) {
    Request request;
    request.method = "GET";
    request.target = target;
    return request;
}

Response ok_body(const std::string& body) {
    Response response;
    response.body = body;
    return response;
}

TEST(ResponseCache, ServesAStoredAnswerForTheSameTargetOnly) {
    ResponseCache cache;
    cache.store(get("/api/v1/standards"), ok_body("list"), "/api/v1/standards");
    const auto hit = cache.lookup(get("/api/v1/standards"));
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->response.body, "list");
    EXPECT_EQ(hit->route, "/api/v1/standards");
    EXPECT_FALSE(cache.lookup(get("/api/v1/standards?revision=1")));
    auto head = get("/api/v1/standards");
    head.method = "HEAD";
    EXPECT_FALSE(cache.lookup(head));
}

TEST(ResponseCache, StoresOnlySuccessfulGets) {
    ResponseCache cache;
    auto missing = ok_body("nope");
    missing.status = 404;
    cache.store(get("/api/v1/standards/x"), missing, "r");
    EXPECT_FALSE(cache.lookup(get("/api/v1/standards/x")));
    auto post = get("/api/v1/standards");
    post.method = "POST";
    cache.store(post, ok_body("x"), "r");
    EXPECT_FALSE(cache.lookup(get("/api/v1/standards")));
}

TEST(ResponseCache, AWriteClearsEverything) {
    ResponseCache cache;
    cache.store(get("/"), ok_body("home"), "/");
    cache.clear();
    EXPECT_FALSE(cache.lookup(get("/")));
}

TEST(ResponseCache, EntriesExpire) {
    ResponseCache cache(std::chrono::milliseconds(1));
    cache.store(get("/"), ok_body("home"), "/");
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2);
    while (std::chrono::steady_clock::now() < until) std::this_thread::yield();
    EXPECT_FALSE(cache.lookup(get("/")));
}

TEST(ResponseCache, ConditionalRequestsGoToTheHandler) {
    ResponseCache cache;
    cache.store(get("/"), ok_body("home"), "/");
    auto conditional = get("/");
    conditional.headers["if-none-match"] = "\"abc\"";
    EXPECT_FALSE(cache.lookup(conditional));
}

}  // namespace
}  // namespace hx::http

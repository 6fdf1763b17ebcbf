// Conditional requests and compression of the public reads (docs/performance.md § Public
// reads): a public GET carries a strong ETag, answers 304 with no body when If-None-Match
// names it, and is gzip-compressed when the client accepts gzip and the body is large enough
// to gain from it — the compressed bytes inflate to exactly the plain answer.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <thread>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::string gunzip(const std::string& data) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return "<inflateInit2 failed>";
    std::string out;
    char chunk[65536];
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - stream.avail_out);
    }
    inflateEnd(&stream);
    return rc == Z_STREAM_END ? out : "<not a complete gzip stream>";
}

// A 304's headers replace those of the browser's kept copy: a console page revalidated on
// reload must keep its own policy, not take the `default-src 'none'` of a body-less answer
// (which left the reloaded console without its scripts).
TEST(PublicReads, A304LeavesThePagesOwnSecurityPolicyInPlace) {
    auto& server = TestServer::shared();
    const auto page = server.request("GET", "/console/");
    ASSERT_EQ(page.status, 200U) << page.body;
    const auto policy = page.header("content-security-policy");
    ASSERT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
    const auto etag = page.header("etag");
    ASSERT_FALSE(etag.empty());
    const auto again = server.request("GET", "/console/", {}, {{"If-None-Match", etag}});
    ASSERT_EQ(again.status, 304U);
    EXPECT_EQ(again.header("content-security-policy"), "");
    EXPECT_EQ(again.header("x-content-type-options"), "nosniff");
}

TEST(PublicReads, ETagAnswers304AndStaysTheSameAcrossTheCache) {
    auto& server = TestServer::shared();
    const auto first = server.request("GET", "/api/v1/standards");
    ASSERT_EQ(first.status, 200U) << first.body;
    const auto etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(etag.front(), '"');

    const auto again = server.request("GET", "/api/v1/standards", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304U);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("etag"), etag);

    const auto other = server.request("GET", "/api/v1/standards", {}, {{"If-None-Match", "\"stale\""}});
    EXPECT_EQ(other.status, 200U);
    EXPECT_EQ(other.body, first.body);

    // Past the micro-cache's second the handler renders the page anew: same bytes, same tag,
    // so a reader's copy stays valid as long as the data does.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const auto fresh = server.request("GET", "/api/v1/standards", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(fresh.status, 304U) << fresh.body;
}

TEST(PublicReads, GzipWhenAcceptedInflatesToThePlainAnswer) {
    auto& server = TestServer::shared();
    const auto plain = server.request("GET", "/api/v1/openapi.json");
    ASSERT_EQ(plain.status, 200U);
    EXPECT_EQ(plain.header("content-encoding"), "");
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");

    const auto gz = server.request("GET", "/api/v1/openapi.json", {}, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(gz.status, 200U);
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
    EXPECT_EQ(gz.header("content-type"), plain.header("content-type"));
    EXPECT_LT(gz.body.size(), plain.body.size() / 3);
    EXPECT_EQ(gunzip(gz.body), plain.body);
    EXPECT_NE(gz.header("etag"), plain.header("etag"));

    const auto not_modified = server.request("GET", "/api/v1/openapi.json", {},
                                             {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("etag")}});
    EXPECT_EQ(not_modified.status, 304U);
    EXPECT_TRUE(not_modified.body.empty());

    const auto refused = server.request("GET", "/api/v1/openapi.json", {}, {{"Accept-Encoding", "gzip;q=0"}});
    EXPECT_EQ(refused.header("content-encoding"), "");
    EXPECT_EQ(refused.body, plain.body);
}

TEST(PublicReads, PersonalAnswersGetNeitherETagNorGzip) {
    auto& server = TestServer::shared();
    const auto token = server.token("city_social");
    const auto me = server.request("GET", "/api/v1/me", {},
                                   {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip"}});
    ASSERT_EQ(me.status, 200U) << me.body;
    EXPECT_EQ(me.header("etag"), "");
    EXPECT_EQ(me.header("content-encoding"), "");
    EXPECT_EQ(me.header("cache-control"), "no-store");
    // A division-tree read is the same for every user of one role and node (S4a of
    // docs/performance.md): it may be compressed and carry an ETag, but no cache may keep it.
    const auto region = server.request("GET", "/api/v1/regions/110101001?page_size=50", {},
                                       {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip"}});
    ASSERT_EQ(region.status, 200U) << region.body;
    EXPECT_EQ(region.header("cache-control"), "no-store");
}

}  // namespace
}  // namespace hx::testing

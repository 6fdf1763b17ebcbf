#include "http/response_cache.hpp"

#include <gtest/gtest.h>

#include <zlib.h>

#include <cstdint>
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
    EXPECT_EQ(hit->response.payload(), "list");
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

TEST(ResponseCache, AnEntryOlderThanTheTtlSendsOneReaderToRenderIt) {
    ResponseCache cache(std::chrono::milliseconds(1));
    cache.store(get("/"), ok_body("home"), "/");
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(3);
    while (std::chrono::steady_clock::now() < until) std::this_thread::yield();
    EXPECT_FALSE(cache.lookup(get("/")));  // this reader renders it anew
}

TEST(ResponseCache, OneReaderRefreshesAnExpiredEntryWhileTheOthersGetTheOldCopy) {
    ResponseCache cache(std::chrono::milliseconds(200));
    cache.store(get("/"), ok_body("old"), "/");
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const auto generation = cache.generation();
    EXPECT_FALSE(cache.lookup(get("/")));  // the first reader after expiry renders
    const auto stale = cache.lookup(get("/"));  // the others are not sent to render too
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->response.payload(), "old");
    cache.store(get("/"), prepare_public(ok_body("new"), "/"), generation);
    EXPECT_EQ(cache.lookup(get("/"))->response.payload(), "new");
}

TEST(ResponseCache, AnEntryIsKeptUntilAWriteHoweverLongItsRenderTakes) {
    // A render slower than the TTL (a large notice page on a loaded machine) no longer lets
    // every reader render: the old copy is given out until the new one is stored.
    ResponseCache cache(std::chrono::milliseconds(400));
    cache.store(get("/notice"), ok_body("old"), "/notice");
    std::this_thread::sleep_for(std::chrono::milliseconds(450));
    EXPECT_FALSE(cache.lookup(get("/notice")));  // the renderer
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // past two TTLs since stored
    for (int i = 0; i < 5; ++i) {
        const auto hit = cache.lookup(get("/notice"));
        ASSERT_TRUE(hit);
        EXPECT_EQ(hit->response.payload(), "old");
    }
    // A renderer that has not stored within a TTL is replaced by the next reader, alone.
    std::this_thread::sleep_for(std::chrono::milliseconds(450));
    EXPECT_FALSE(cache.lookup(get("/notice")));
    EXPECT_TRUE(cache.lookup(get("/notice")));
    // A renderer whose answer is no longer a 200 drops the old copy.
    cache.discard("/notice");
    EXPECT_FALSE(cache.lookup(get("/notice")));
    EXPECT_FALSE(cache.lookup(get("/notice")));
}

TEST(ResponseCache, AnAnswerReadBeforeAWriteIsNotStoredAfterIt) {
    ResponseCache cache;
    // A reader takes the generation, then reads the data; a write commits and clears the
    // cache; the reader's answer (of the data before the write) must not be kept.
    const auto before_write = cache.generation();
    cache.clear();
    cache.store(get("/"), prepare_public(ok_body("before the write"), "/"), before_write);
    EXPECT_FALSE(cache.lookup(get("/")));
    // A reader that started after the write stores its answer.
    cache.store(get("/"), prepare_public(ok_body("after the write"), "/"), cache.generation());
    ASSERT_TRUE(cache.lookup(get("/")));
    EXPECT_EQ(cache.lookup(get("/"))->response.payload(), "after the write");
}

TEST(ResponseCache, AnETagMatchAnswers304WithoutABody) {
    ResponseCache cache;
    cache.store(get("/"), ok_body("home"), "/");
    const auto first = cache.lookup(get("/"));
    ASSERT_TRUE(first);
    std::string etag;
    for (const auto& [name, value] : first->response.headers) {
        if (name == "ETag") etag = value;
    }
    EXPECT_EQ(etag, etag_of("home"));
    auto conditional = get("/");
    conditional.headers["if-none-match"] = etag;
    const auto again = cache.lookup(conditional);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->response.status, 304u);
    EXPECT_TRUE(again->response.payload().empty());
    conditional.headers["if-none-match"] = "\"other\", W/" + etag;
    EXPECT_EQ(cache.lookup(conditional)->response.status, 304u);
    conditional.headers["if-none-match"] = "\"other\"";
    const auto changed = cache.lookup(conditional);
    EXPECT_EQ(changed->response.status, 200u);
    EXPECT_EQ(changed->response.payload(), "home");
}

TEST(ResponseCache, IfNoneMatchComparesWeaklyAndAcceptsAStar) {
    EXPECT_TRUE(if_none_match_matches("*", "\"a\""));
    EXPECT_TRUE(if_none_match_matches("\"a\"", "\"a\""));
    EXPECT_TRUE(if_none_match_matches("W/\"a\"", "\"a\""));
    EXPECT_TRUE(if_none_match_matches("\"b\" , \"a\"", "\"a\""));
    EXPECT_FALSE(if_none_match_matches("\"ab\"", "\"a\""));
    EXPECT_FALSE(if_none_match_matches("", "\"a\""));
    EXPECT_FALSE(if_none_match_matches("\"a\"", ""));
}

TEST(ResponseCache, AcceptEncodingHonoursQZero) {
    EXPECT_TRUE(accepts_gzip("gzip"));
    EXPECT_TRUE(accepts_gzip("deflate, GZIP;q=0.5, br"));
    EXPECT_TRUE(accepts_gzip("*"));
    EXPECT_TRUE(accepts_gzip("x-gzip"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("gzip; q=0.000"));
    EXPECT_FALSE(accepts_gzip("identity"));
    EXPECT_FALSE(accepts_gzip(""));
    EXPECT_FALSE(accepts_gzip("gzipx"));
}

std::string gunzip(const std::string& data) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}

std::string header_of(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

TEST(ResponseCache, GzipWhenAcceptedAndWorthIt) {
    ResponseCache cache;
    std::string page;
    for (int i = 0; i < 200; ++i) page += "<li>第" + std::to_string(i) + "个社区 星级智慧社区</li>\n";
    Response html = ok_body(page);
    html.content_type = "text/html; charset=utf-8";
    cache.store(get("/public/certifications"), html, "/public/certifications");

    const auto plain = cache.lookup(get("/public/certifications"));
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->response.payload(), page);
    EXPECT_EQ(header_of(plain->response, "Content-Encoding"), "");
    EXPECT_EQ(header_of(plain->response, "Vary"), "Accept-Encoding");

    auto wants_gzip = get("/public/certifications");
    wants_gzip.headers["accept-encoding"] = "gzip, deflate";
    const auto gz = cache.lookup(wants_gzip);
    ASSERT_TRUE(gz);
    EXPECT_EQ(header_of(gz->response, "Content-Encoding"), "gzip");
    EXPECT_EQ(header_of(gz->response, "Vary"), "Accept-Encoding");
    EXPECT_LT(gz->response.payload().size(), page.size() / 2);
    EXPECT_EQ(gunzip(gz->response.payload()), page);
    // The two variants are different representations: different strong ETags.
    const auto gz_etag = header_of(gz->response, "ETag");
    EXPECT_NE(gz_etag, header_of(plain->response, "ETag"));
    wants_gzip.headers["if-none-match"] = gz_etag;
    const auto not_modified = cache.lookup(wants_gzip);
    EXPECT_EQ(not_modified->response.status, 304u);
    EXPECT_TRUE(not_modified->response.payload().empty());
    EXPECT_EQ(header_of(not_modified->response, "Content-Encoding"), "");
    // The gzip variant's tag does not validate the plain variant.
    auto plain_conditional = get("/public/certifications");
    plain_conditional.headers["if-none-match"] = gz_etag;
    EXPECT_EQ(cache.lookup(plain_conditional)->response.status, 200u);
}

TEST(ResponseCache, SmallOrIncompressibleBodiesStayPlain) {
    ResponseCache cache;
    cache.store(get("/small"), ok_body("{\"status\":\"ok\"}"), "r");
    std::string noise;
    std::uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 4096; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        noise.push_back(static_cast<char>(x));
    }
    Response png = ok_body(noise);
    png.content_type = "image/png";
    cache.store(get("/badge.png"), png, "r");
    Response random_json = ok_body(noise);
    cache.store(get("/noise"), random_json, "r");
    for (const char* target : {"/small", "/badge.png", "/noise"}) {
        auto request = get(target);
        request.headers["accept-encoding"] = "gzip";
        const auto hit = cache.lookup(request);
        ASSERT_TRUE(hit) << target;
        EXPECT_EQ(header_of(hit->response, "Content-Encoding"), "") << target;
        EXPECT_EQ(header_of(hit->response, "Vary"), "") << target;
    }
}

TEST(ResponseCache, ReadersShareTheCachedBytesInsteadOfCopyingThem) {
    ResponseCache cache;
    cache.store(get("/page"), ok_body(std::string(100000, 'x')), "r");
    const auto first = cache.lookup(get("/page"));
    const auto second = cache.lookup(get("/page"));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(first->response.shared_body);
    EXPECT_TRUE(first->response.body.empty());
    EXPECT_EQ(first->response.payload().size(), 100000U);
    EXPECT_EQ(first->response.payload().data(), second->response.payload().data());
    // The bytes outlive the entry: a clear() while a write is in flight frees nothing it uses.
    cache.clear();
    EXPECT_EQ(second->response.payload(), std::string(100000, 'x'));
}

TEST(ResponseCache, AScopedAnswerIsKeptForItsRoleAndNodeOnly) {
    ResponseCache cache;
    const auto request = get("/api/v1/regions/110101");
    const auto key = scoped_key("district_social", "110101", request.target);
    cache.store(request, key, prepare_public(ok_body("dongcheng"), "/api/v1/regions/{code}"),
                cache.generation());
    const auto hit = cache.lookup(request, key);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->response.payload(), "dongcheng");
    EXPECT_FALSE(cache.lookup(request));  // not a public answer of the target
    EXPECT_FALSE(cache.lookup(request, scoped_key("district_social", "110108", request.target)));
    EXPECT_FALSE(cache.lookup(request, scoped_key("street", "110101", request.target)));
    EXPECT_FALSE(cache.lookup(get("/api/v1/regions/110101?page=2"),
                              scoped_key("district_social", "110101", "/api/v1/regions/110101?page=2")));
}

}  // namespace
}  // namespace hx::http

#include <gtest/gtest.h>

#include "http/request.hpp"
#include "http/router.hpp"

namespace hx::http {
namespace {

TEST(Target, SplitsAndDecodes) {
    std::string path;
    std::map<std::string, std::string> query;
    ASSERT_TRUE(parse_target("/api/v1/regions/search?q=%E5%A4%9A%E7%A6%8F+x&page=2", path, query));
    EXPECT_EQ(path, "/api/v1/regions/search");
    EXPECT_EQ(query["q"], "多福 x");
    EXPECT_EQ(query["page"], "2");
}

TEST(Target, RefusesBrokenEncoding) {
    std::string path;
    std::map<std::string, std::string> query;
    EXPECT_FALSE(parse_target("/a?q=%E5%A", path, query));
    EXPECT_FALSE(parse_target("/a%zz", path, query));
    EXPECT_FALSE(parse_target("no-slash", path, query));
    EXPECT_FALSE(parse_target("/a?q=%", path, query));
}

TEST(Cookies, FindsByName) {
    Request request;
    request.headers["cookie"] = "a=1; hx_session=tok; hx_sessionx=no";
    EXPECT_EQ(request.cookie("hx_session"), "tok");
    EXPECT_EQ(request.cookie("a"), "1");
    EXPECT_EQ(request.cookie("missing"), "");
}

TEST(ClientAddress, OnlyATrustedProxyNamesTheClient) {
    Request request;
    request.headers["x-real-ip"] = "203.0.113.7";
    const std::vector<std::string> proxies = {"10.0.0.5", "::1"};
    EXPECT_EQ(client_address("10.0.0.5", request, proxies), "203.0.113.7");
    EXPECT_EQ(client_address("::1", request, proxies), "203.0.113.7");
    EXPECT_EQ(client_address("0:0:0:0:0:0:0:1", request, proxies), "203.0.113.7");  // same as ::1
    EXPECT_EQ(client_address("10.0.0.6", request, proxies), "10.0.0.6");  // not a proxy: ignored
    EXPECT_EQ(client_address("10.0.0.5", request, {}), "10.0.0.5");       // none trusted
    EXPECT_EQ(client_address("unknown", request, proxies), "unknown");
}

TEST(ClientAddress, AHeaderThatIsNotAnAddressIsIgnored) {
    Request request;
    const std::vector<std::string> proxies = {"10.0.0.5"};
    EXPECT_EQ(client_address("10.0.0.5", request, proxies), "10.0.0.5");  // no header
    for (const char* bad : {"", "203.0.113.7, 10.0.0.1", "evil.example", "203.0.113.300", "1.2.3.4\n"}) {
        request.headers["x-real-ip"] = bad;
        EXPECT_EQ(client_address("10.0.0.5", request, proxies), "10.0.0.5") << bad;
    }
    request.headers["x-real-ip"] = "2001:DB8::0:1";
    EXPECT_EQ(client_address("10.0.0.5", request, proxies), "2001:db8::1");  // canonical form
}

TEST(Router, MatchesLiteralsBeforeParameters) {
    std::map<std::string, std::string> params;
    auto match = match_route("GET", "/api/v1/regions/search", params);
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->pattern, "/api/v1/regions/search");
    match = match_route("GET", "/api/v1/regions/110101", params);
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->pattern, "/api/v1/regions/{code}");
    EXPECT_EQ(params["code"], "110101");
}

TEST(Router, TellsWrongMethodFromUnknownPath) {
    std::map<std::string, std::string> params;
    auto match = match_route("PATCH", "/api/v1/users", params);
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.path_matched);
    match = match_route("GET", "/api/v1/nothing", params);
    EXPECT_EQ(match.route, nullptr);
    EXPECT_FALSE(match.path_matched);
    match = match_route("GET", "/api/v1/regions/", params);
    EXPECT_EQ(match.route, nullptr);  // an empty segment is not a code
}

TEST(Router, EveryPatternIsWellFormed) {
    for (const auto& route : routes()) {
        const std::string pattern(route.pattern);
        EXPECT_EQ(pattern.front(), '/') << pattern;
        EXPECT_EQ(std::count(pattern.begin(), pattern.end(), '{'),
                  std::count(pattern.begin(), pattern.end(), '}'))
            << pattern;
    }
}

}  // namespace
}  // namespace hx::http

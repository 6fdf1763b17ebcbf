// The public site's layout: the larger text (适老化) lasts across the site's links and forms, and
// the size switch keeps the page's own query.
#include <gtest/gtest.h>

#include "http/pages/html.hpp"

namespace hx::http::pages {
namespace {

Request request_for(const std::string& target) {
    Request request;
    request.target = target;
    EXPECT_TRUE(parse_target(target, request.path, request.query));
    return request;
}

const std::string kMain =
    R"(<p><a href="/public/verify/BJZHSQ-2015-3-000001">查验</a> <a href="?page=2&amp;star=3">下一页</a> )"
    R"(<a href="/public/notices.atom">Atom</a> <a href="/api/v1/public/keys">公钥</a> )"
    R"(<a href="/public/plaques/X.png">PNG</a> <a href="https://example.org/">外部</a></p>)"
    R"(<form class="inline" method="get" action="/public/certifications"><input name="q"></form>)"
    R"(<form class="panel" method="post" action="/public/notices/3/comment"><input name="content"></form>)";

TEST(PublicLayout, StandardSizeOffersTheLargerTextKeepingTheQuery) {
    const auto page =
        layout(request_for("/public/certifications?district=110101&star=3"), "星级社区", kMain);
    EXPECT_NE(
        page.find(
            R"(<a href="/public/certifications?district=110101&amp;star=3&amp;large=1">大字版</a>)"),
        std::string::npos)
        << page;
    EXPECT_EQ(page.find("large=1"), page.rfind("large=1")) << "no other link changes";
    EXPECT_EQ(page.find(R"(<body class="large">)"), std::string::npos);
    EXPECT_EQ(page.find(R"(name="large")"), std::string::npos);
}

TEST(PublicLayout, LargerTextLastsOnEverySitePageLinkAndForm) {
    const auto page =
        layout(request_for("/public/verify?serial=BJZHSQ-2015-3-000001&large=1"), "查验", kMain);
    EXPECT_NE(page.find(R"(<body class="large">)"), std::string::npos);
    EXPECT_NE(page.find(R"(href="/public/verify/BJZHSQ-2015-3-000001?large=1")"),
              std::string::npos);
    EXPECT_NE(page.find(R"(href="?page=2&amp;star=3&amp;large=1")"), std::string::npos);
    // The header's links too, and the switch back keeps the serial.
    EXPECT_NE(page.find(R"(<a href="/public/notices?large=1">公示</a>)"), std::string::npos);
    EXPECT_NE(page.find(R"(<a href="/public/verify?serial=BJZHSQ-2015-3-000001">标准字号</a>)"),
              std::string::npos)
        << page;
    // Files, API answers, the console and other sites are left alone.
    EXPECT_NE(page.find(R"(href="/public/notices.atom")"), std::string::npos);
    EXPECT_NE(page.find(R"(href="/api/v1/public/keys")"), std::string::npos);
    EXPECT_NE(page.find(R"(href="/public/plaques/X.png")"), std::string::npos);
    EXPECT_NE(page.find(R"(href="https://example.org/")"), std::string::npos);
    EXPECT_NE(page.find(R"(href="/console/")"), std::string::npos);
    EXPECT_NE(page.find(R"(href="/public/site.css")"), std::string::npos);
    // A GET form carries it as a field, a POST form in its action.
    EXPECT_NE(
        page.find(
            R"(action="/public/certifications"><input type="hidden" name="large" value="1">)"),
        std::string::npos);
    EXPECT_NE(page.find(R"(action="/public/notices/3/comment?large=1")"), std::string::npos);
}

TEST(PublicLayout, StackedCellsCarryTheirEscapedLabel) {
    EXPECT_EQ(stacked_cell("街道\"乡镇\"", "<b>东华门</b>"),
              R"(<td data-label="街道&quot;乡镇&quot;"><b>东华门</b></td>)");
}

}  // namespace
}  // namespace hx::http::pages

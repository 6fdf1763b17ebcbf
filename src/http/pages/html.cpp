#include "http/pages/html.hpp"

namespace hx::http::pages {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

Response html_response(std::string body, unsigned status) {
    Response response;
    response.status = status;
    response.content_type = "text/html; charset=utf-8";
    response.body = std::move(body);
    return response;
}

bool wants_large_text(const Request& request) {
    return request.query_value("large").value_or("") == "1";
}

std::string layout(std::string_view title, std::string_view main_html, bool large_text) {
    std::string page;
    page.reserve(main_html.size() + 4096);
    page += R"(<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)";
    page += escape(title);
    page += R"( · 慧星</title>
<link rel="stylesheet" href="/public/site.css">
</head>
<body class=")";
    page += large_text ? "large" : "";
    page += R"(">
<a class="skip" href="#main">跳到正文</a>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/"><span aria-hidden="true">★</span> 慧星 · 北京市星级智慧社区认定</a>
    <nav aria-label="站点导航">
      <a href="/">首页</a>
      <a href="/public/notices">公示</a>
      <a href="/public/certifications">星级社区</a>
      <a href="/public/verify">奖牌查验</a>
      <a href="/public/standards">认定标准</a>
      <a href="/console/">工作人员登录</a>
      )";
    page += large_text ? R"(<a href="?">标准字号</a>)" : R"(<a href="?large=1">大字版</a>)";
    page += R"(
    </nav>
  </div>
</header>
<main id="main" class="wrap">
)";
    page += main_html;
    page += R"(
</main>
<footer class="site">
  <div class="wrap">
    <p>依据《北京市智慧社区认定管理办法》由市社会办、市经济信息化委、市民政局组织认定。</p>
  </div>
</footer>
</body>
</html>
)";
    return page;
}

}  // namespace hx::http::pages

#include "http/pages/html.hpp"

#include <algorithm>

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

namespace {

constexpr std::string_view kLargeParam = "large=1";

/// Whether a site link should carry the larger text on: pages of the site, not the files and
/// API answers it links to, nor the console (which has its own settings).
bool keeps_large_text(std::string_view url) {
    if (url.empty() || url.front() == '#') return false;
    if (url.front() != '/' && url.front() != '?') return false;
    for (const std::string_view skip : {"/api/", "/console/"}) {
        if (url.substr(0, skip.size()) == skip) return false;
    }
    const auto path = url.substr(0, url.find('?'));
    for (const std::string_view file : {".atom", ".pdf", ".png", ".svg", ".css"}) {
        if (path.size() >= file.size() && path.substr(path.size() - file.size()) == file)
            return false;
    }
    return true;
}

/// Adds `large=1` to every site link and form of a rendered page (the page's HTML is our own,
/// always with double-quoted attributes, so a scan for `href="` and `action="` finds them all);
/// a GET form gets it as a hidden field instead (the browser replaces an action's query), a POST
/// form's action keeps it in its query.
std::string carry_large_text(std::string_view html) {
    std::string out;
    out.reserve(html.size() + 256);
    std::size_t at = 0;
    while (at < html.size()) {
        const auto href = html.find("href=\"", at);
        const auto action = html.find("action=\"", at);
        const auto form = html.find("<form ", at);
        const auto next = std::min({href, action, form});
        if (next == std::string_view::npos) break;
        if (next == form) {
            const auto end = html.find('>', form);
            if (end == std::string_view::npos) break;
            if (html.substr(form, end - form).find("method=\"get\"") == std::string_view::npos) {
                // A POST form: its action's query survives the submission (see below).
                out.append(html.substr(at, form + 1 - at));
                at = form + 1;
                continue;
            }
            // A GET form: the browser replaces the action's query with the fields.
            out.append(html.substr(at, end + 1 - at));
            out += R"(<input type="hidden" name="large" value="1">)";
            at = end + 1;
            continue;
        }
        const auto open = html.find('"', next) + 1;
        const auto close = html.find('"', open);
        if (close == std::string_view::npos) break;
        const auto url = html.substr(open, close - open);
        out.append(html.substr(at, close - at));
        if (keeps_large_text(url)) {
            out += url.find('?') == std::string_view::npos ? "?" : "&amp;";
            out += kLargeParam;
        }
        at = close;
    }
    out.append(html.substr(std::min(at, html.size())));
    return out;
}

/// The current page's address with `large` set on or off and every other parameter kept.
std::string switch_target(const Request& request, bool large) {
    std::string query;
    for (const auto& [name, value] : request.query) {
        if (name == "large") continue;
        query += (query.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
    }
    if (large) query += (query.empty() ? "" : "&") + std::string(kLargeParam);
    std::string target;
    std::size_t start = 0;
    while (start <= request.path.size()) {
        auto slash = request.path.find('/', start);
        if (slash == std::string::npos) slash = request.path.size();
        if (start > 0) target += '/';
        target += url_encode(std::string_view(request.path).substr(start, slash - start));
        start = slash + 1;
    }
    if (!query.empty()) target += "?" + query;
    return escape(target);
}

}  // namespace

std::string stacked_cell(std::string_view label, std::string_view html) {
    std::string out = "<td data-label=\"";
    out += escape(label);
    out += "\">";
    out += html;
    out += "</td>";
    return out;
}

std::string layout(const Request& request, std::string_view title, std::string_view main_html) {
    const bool large = wants_large_text(request);
    std::string page =
        layout(title, large ? carry_large_text(main_html) : std::string(main_html), large);
    // The header's switch becomes the same page in the other size; it is set aside while the
    // header's other links get the larger text.
    constexpr std::string_view kPlaceholder = "\x01size-switch\x01";
    const std::string_view old_switch =
        large ? R"(<a href="?">标准字号</a>)" : R"(<a href="?large=1">大字版</a>)";
    if (const auto at = page.find(old_switch); at != std::string::npos)
        page.replace(at, old_switch.size(), kPlaceholder);
    if (large) {
        const auto header_start = page.find("<header class=\"site\">");
        const auto header_end = page.find("</header>", header_start);
        if (header_start != std::string::npos && header_end != std::string::npos) {
            page = page.substr(0, header_start) +
                   carry_large_text(
                       std::string_view(page).substr(header_start, header_end - header_start)) +
                   page.substr(header_end);
        }
    }
    const std::string new_switch = std::string("<a href=\"") + switch_target(request, !large) +
                                   "\">" + (large ? "标准字号" : "大字版") + "</a>";
    if (const auto at = page.find(kPlaceholder); at != std::string::npos)
        page.replace(at, kPlaceholder.size(), new_switch);
    return page;
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

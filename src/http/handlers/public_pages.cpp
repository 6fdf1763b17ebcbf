// The public site of 第十四条3 and 第十五条: the notice with its comment form, the Atom feed and
// the widget portals embed; the verification page, the gallery, each community's page, its
// badge and the plaques. Server-rendered HTML that works without JavaScript.
#include <chrono>
#include <map>

#include "http/dto/notice.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/pages/html.hpp"

namespace hx::http::handlers {

namespace {

using pages::escape;
using pages::html_response;
using pages::stacked_cell;

std::string stars(int star) {
    std::string out;
    for (int i = 0; i < star; ++i) out += "★";
    return out;
}

std::string star_cell(int star) {
    return "<span class=\"stars\" role=\"img\" aria-label=\"" + std::to_string(star) + " 星\">" + stars(star) + "</span>";
}

/// 2026-12-08T10:00:00+08:00 → 2026年12月08日 10:00 (Beijing time, as the notices are read).
std::string beijing_time(Timestamp t) {
    const auto text = format_rfc3339(t + std::chrono::hours(8));
    return text.substr(0, 4) + "年" + text.substr(5, 2) + "月" + text.substr(8, 2) + "日 " + text.substr(11, 5);
}

std::string time_left(const notice::NoticeView& view) {
    if (view.phase != notice::NoticePhase::kOpen) return notice::phase_label(view.phase);
    const auto left = std::chrono::duration_cast<std::chrono::minutes>(view.notice.ends_at - view.now).count();
    return "距公示结束还有 " + std::to_string(left / (24 * 60)) + " 天 " + std::to_string(left / 60 % 24) + " 小时 " +
           std::to_string(left % 60) + " 分";
}

Response page(const Request& request, const std::string& title, const std::string& main, unsigned status = 200) {
    return html_response(pages::layout(request, title, main), status);
}

Response error_page(const Request& request, const Error& error) {
    const auto problem_response = problem(error, request.request_id);
    return page(request, "出错了", "<h1>出错了</h1><p class=\"message error\" role=\"alert\">" + escape(error.message()) +
                                   "</p><p><a href=\"/\">返回首页</a></p>",
                problem_response.status);
}

/// The fields of an application/x-www-form-urlencoded body (a form posted without JavaScript).
std::map<std::string, std::string> form_fields(const Request& request) {
    std::map<std::string, std::string> fields;
    std::string path;
    if (!parse_target("/?" + request.body, path, fields)) fields.clear();
    return fields;
}

std::string field(const std::map<std::string, std::string>& fields, const std::string& name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
}

std::string notice_table(const notice::NoticeView& view) {
    std::string html = "<div class=\"scroll\"><table class=\"stack\"><caption>拟认定名单（共 " + std::to_string(view.items.size()) +
                       " 个社区）</caption><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">区</th>"
                       "<th scope=\"col\">街道(乡镇)</th><th scope=\"col\">社区</th><th scope=\"col\">拟认定星级</th>"
                       "</tr></thead><tbody>";
    int n = 0;
    for (const auto& i : view.items) {
        html += "<tr>" + stacked_cell("序号", std::to_string(++n)) + stacked_cell("区", escape(i.district)) +
                stacked_cell("街道(乡镇)", escape(i.street)) +
                stacked_cell("社区", escape(i.community_name) + " <small>(" + escape(i.community_code) + ")</small>") +
                stacked_cell("拟认定星级", star_cell(i.star)) + "</tr>";
    }
    return html + "</tbody></table></div>";
}

std::string spot_check_section(const notice::NoticeView& view) {
    if (!view.commitment) return "<h2>抽查</h2><p>市级部门尚未发布本批次抽查的种子承诺。</p>";
    const auto& c = *view.commitment;
    std::string html = "<h2>抽查</h2><p>抽查种子的 SHA-256 承诺（抽取前发布）：<code>" + escape(c.seed_sha256) + "</code>，发布于 " +
                       beijing_time(c.committed_at) + "。</p>";
    if (!c.seed) return html + "<p>抽取后将公布种子，任何人都可以据此复核抽取结果。</p>";
    html += "<p>抽取种子（抽取后公布）：<code>" + escape(*c.seed) + "</code>。按种子与名单可复核："
            "各区内按 SHA-256(种子:社区代码) 排序取前若干个。</p><ul>";
    for (const auto& s : view.spot_checks) {
        html += "<li>" + escape(s.community_name) + "（" + escape(s.community_code) + "）：" +
                (s.passed ? (*s.passed ? "抽查通过" : "抽查未通过") : "抽查中") + "</li>";
    }
    return html + "</ul>";
}

std::string comment_forms(const notice::NoticeView& view, const std::map<std::string, std::string>& values) {
    if (view.phase != notice::NoticePhase::kOpen) return "<h2>群众评议</h2><p>公示已结束，不再接受评议。</p>";
    const auto round = std::to_string(view.round.id);
    std::string options;
    for (const auto& i : view.items) {
        if (i.state != applications::State::kProposed) continue;
        const bool selected = field(values, "community_code") == i.community_code;
        options += "<option value=\"" + escape(i.community_code) + "\"" + (selected ? " selected" : "") + ">" +
                   escape(i.district + " " + i.street + " " + i.community_name) + "</option>";
    }
    return "<h2>群众评议</h2><p>对名单中的社区有意见，可在公示期内提出。评议实行后台实名、前台自愿：需用手机号码验证，"
           "号码加密保存、仅市级部门可见；姓名可不填。评议内容不公开，市级部门将逐条核实答复。</p>"
           "<form class=\"panel\" method=\"post\" action=\"/public/notices/" + round + "/phone-code\">"
           "<h3>第一步：获取手机验证码</h3><label for=\"pc-phone\">手机号码</label>"
           "<input id=\"pc-phone\" name=\"phone\" type=\"tel\" inputmode=\"numeric\" autocomplete=\"tel\" required value=\"" +
           escape(field(values, "phone")) + "\"><button type=\"submit\">发送验证码</button></form>"
           "<form class=\"panel\" method=\"post\" action=\"/public/notices/" + round + "/comment\">"
           "<h3>第二步：填写评议</h3><label for=\"c-community\">被评议的社区</label><select id=\"c-community\" "
           "name=\"community_code\" required>" + options + "</select>"
           "<label for=\"c-content\">评议内容（不超过 2000 字）</label><textarea id=\"c-content\" name=\"content\" rows=\"5\" "
           "maxlength=\"2000\" required>" + escape(field(values, "content")) + "</textarea>"
           "<label for=\"c-name\">姓名（自愿填写）</label><input id=\"c-name\" name=\"name\" autocomplete=\"name\" value=\"" +
           escape(field(values, "name")) + "\"><label for=\"c-phone\">手机号码</label><input id=\"c-phone\" name=\"phone\" "
           "type=\"tel\" inputmode=\"numeric\" autocomplete=\"tel\" required value=\"" + escape(field(values, "phone")) +
           "\"><label for=\"c-code\">手机验证码</label><input id=\"c-code\" name=\"phone_code\" inputmode=\"numeric\" "
           "autocomplete=\"one-time-code\" required>"
           "<div class=\"hp\" aria-hidden=\"true\"><label for=\"c-website\">网站（请勿填写）</label>"
           "<input id=\"c-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>"
           "<button type=\"submit\">提交评议</button></form>";
}

Response notice_page(const Request& request, Context& context, std::int64_t round_id, const std::string& message,
                     bool message_ok, const std::map<std::string, std::string>& values, unsigned status = 200) {
    auto view = context.services.notice.public_notice(round_id);
    if (!view) return error_page(request, view.error());
    std::string main = "<h1>" + escape(view->round.name) + "拟认定名单公示</h1>";
    if (!message.empty()) {
        main += std::string("<p class=\"message ") + (message_ok ? "ok" : "error") + "\" role=\"" +
                (message_ok ? "status" : "alert") + "\">" + escape(message) + "</p>";
    }
    main += "<p>依据《北京市智慧社区认定管理办法》第十四条第3款，经专家评估，市社会办、市经济信息化委、市民政局拟认定下列社区为"
            "北京市星级智慧社区，现予公示。公示期自 " + beijing_time(view->notice.starts_at) + " 至 " +
            beijing_time(view->notice.ends_at) + "（北京时间）。</p><p><span class=\"status " +
            notice::to_string(view->phase) + "\">" + escape(time_left(*view)) + "</span></p>";
    main += notice_table(*view);
    main += "<p>本名单另有 <a href=\"/api/v1/public/notices/" + std::to_string(round_id) + "\">JSON</a> 与 "
            "<a href=\"/public/notices.atom\">Atom 订阅</a>；门户网站可嵌入：<code>" +
            escape("<iframe src=\"" + context.services.public_url + "/public/notices/" + std::to_string(round_id) +
                   "/embed\" title=\"星级智慧社区公示\" width=\"100%\" height=\"420\"></iframe>") + "</code></p>";
    if (view->phase == notice::NoticePhase::kFinalized) {
        main += "<p class=\"message ok\">本批次已完成认定命名。<a href=\"/public/notices/" + std::to_string(round_id) +
                "/commendation.pdf\">下载通报表彰（PDF）</a></p>";
    }
    main += comment_forms(*view, values);
    main += spot_check_section(*view);
    return page(request, view->round.name + "公示", main, status);
}

}  // namespace

Response public_notices_page(const Request& request, Context& context) {
    auto all = context.services.notice.public_notices();
    if (!all) return error_page(request, all.error());
    std::string main = "<h1>拟认定名单公示</h1><p>每批拟认定名单公示七天（第十四条第3款），期间接受群众评议。"
                       "<a href=\"/public/notices.atom\">订阅（Atom）</a></p>";
    if (all->empty()) main += "<p>目前没有公示。</p>";
    main += "<ul>";
    for (const auto& v : *all) {
        main += "<li><a href=\"/public/notices/" + std::to_string(v.round.id) + "\">" + escape(v.round.name) +
                "拟认定名单</a>（" + std::to_string(v.items.size()) + " 个社区，" + beijing_time(v.notice.starts_at) + " 至 " +
                beijing_time(v.notice.ends_at) + "） <span class=\"status " + notice::to_string(v.phase) + "\">" +
                notice::phase_label(v.phase) + "</span></li>";
    }
    main += "</ul>";
    return page(request, "公示", main);
}

Response public_notice_page(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_page(request, id.error());
    return notice_page(request, context, *id, "", true, {});
}

Response public_notice_phone_code(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_page(request, id.error());
    const auto fields = form_fields(request);
    auto sent = context.services.notice.send_phone_code({request.client_addr, request.request_id}, field(fields, "phone"));
    if (!sent) return notice_page(request, context, *id, sent.error().message(), false, fields,
                                  problem(sent.error(), request.request_id).status);
    return notice_page(request, context, *id, "验证码已发送至 " + sent->masked + "，10 分钟内有效。", true, fields);
}

Response public_notice_comment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_page(request, id.error());
    const auto fields = form_fields(request);
    notice::CommentRequest comment{field(fields, "community_code"), field(fields, "content"), field(fields, "name"),
                                   field(fields, "phone"), field(fields, "phone_code"), field(fields, "website")};
    auto created = context.services.notice.comment({request.client_addr, request.request_id}, *id, comment);
    if (!created) {
        std::string message = created.error().message();
        for (const auto& f : created.error().fields()) message += "；" + f.message;
        return notice_page(request, context, *id, message, false, fields, problem(created.error(), request.request_id).status);
    }
    return notice_page(request, context, *id, "评议已收到（编号 " + std::to_string(*created) + "），市级部门将核实处理。", true, {});
}

Response public_notices_atom(const Request& request, Context& context) {
    auto all = context.services.notice.public_notices();
    if (!all) return error_response(all.error(), request);
    const auto& base = context.services.public_url;
    std::string updated = all->empty() ? format_rfc3339(context.services.clock.now())
                                       : format_rfc3339(all->front().notice.starts_at);
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">"
                      "<title>北京市星级智慧社区拟认定名单公示</title><id>" + escape(base) + "/public/notices</id>"
                      "<link rel=\"self\" href=\"" + escape(base) + "/public/notices.atom\"/><link href=\"" + escape(base) +
                      "/public/notices\"/><updated>" + updated + "</updated><author><name>北京市社会建设工作办公室</name></author>";
    for (const auto& v : *all) {
        const auto url = base + "/public/notices/" + std::to_string(v.round.id);
        std::string list;
        for (const auto& i : v.items) list += i.district + i.street + i.community_name + " " + stars(i.star) + "；";
        xml += "<entry><title>" + escape(v.round.name) + "拟认定名单公示</title><id>" + escape(url) + "</id><link href=\"" +
               escape(url) + "\"/><updated>" + format_rfc3339(v.notice.starts_at) + "</updated><summary>公示期至 " +
               beijing_time(v.notice.ends_at) + "，共 " + std::to_string(v.items.size()) + " 个社区：" + escape(list) +
               "</summary></entry>";
    }
    xml += "</feed>\n";
    Response response;
    response.content_type = "application/atom+xml; charset=utf-8";
    response.body = std::move(xml);
    return response;
}

Response public_notice_embed(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto view = context.services.notice.public_notice(*id);
    if (!view) return error_response(view.error(), request);
    const auto url = context.services.public_url + "/public/notices/" + std::to_string(*id);
    std::string html = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                       "content=\"width=device-width, initial-scale=1\"><title>星级智慧社区公示</title><style>"
                       "body{margin:0;font:15px/1.6 sans-serif;color:#1f1f1f}header{background:#a8071a;color:#fff;padding:8px 12px}"
                       "ul{margin:0;padding:8px 12px 8px 28px}li{margin:2px 0}.s{color:#ad6800}a{color:#0b4fa8}"
                       "p{margin:6px 12px}</style></head><body><header>" + escape(view->round.name) + "拟认定名单公示</header><p>" +
                       escape(time_left(*view)) + "（至 " + beijing_time(view->notice.ends_at) + "）</p><ul>";
    for (const auto& i : view->items) {
        html += "<li>" + escape(i.district + " " + i.street + " " + i.community_name) + " <span class=\"s\">" + stars(i.star) +
                "</span></li>";
    }
    html += "</ul><p><a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"noopener\">查看公示全文并发表评议</a></p></body></html>";
    auto response = html_response(std::move(html));
    // Portals of 第十四条3 embed this page, so it may be framed by anyone; it runs no script.
    response.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *");
    return response;
}

// ---- Verification, gallery, community pages ----------------------------------------------------

std::string sanctions_list(const std::vector<certifications::Sanction>& sanctions) {
    if (sanctions.empty()) return "<p>无处理记录。</p>";
    std::string html = "<ul>";
    for (const auto& s : sanctions) {
        html += "<li>" + beijing_time(s.created_at) + " " + certifications::sanction_label(s.kind) + "：" + escape(s.reason) +
                (s.deadline ? "（整改期限 " + beijing_time(*s.deadline) + "）" : std::string()) + "</li>";
    }
    return html + "</ul>";
}

std::string certification_block(const certifications::Verification& v, bool with_plaque) {
    const auto& c = v.certification;
    std::string html = "<table><tbody><tr><th scope=\"row\">证书编号</th><td>" + escape(c.serial) + "</td></tr>"
                       "<tr><th scope=\"row\">状态</th><td><span class=\"status " + certifications::to_string(c.status) + "\">" +
                       certifications::status_label(c.status) + "</span>" +
                       (c.superseded_by.empty() ? std::string()
                                                : "（由 <a href=\"/public/verify/" + escape(c.superseded_by) + "\">" +
                                                      escape(c.superseded_by) + "</a> 取代）") +
                       "</td></tr><tr><th scope=\"row\">称号</th><td>" + escape(certifications::title_of(c.star)) + " " +
                       star_cell(c.star) + "</td></tr><tr><th scope=\"row\">社区</th><td>" + escape(c.full_name) +
                       "</td></tr><tr><th scope=\"row\">认定年度</th><td>" + std::to_string(c.year) +
                       "</td></tr><tr><th scope=\"row\">命名日期</th><td>" + beijing_time(c.issued_at) +
                       "</td></tr><tr><th scope=\"row\">发证单位</th><td>";
    for (const auto& issuer : certifications::issuers()) html += escape(issuer) + "<br>";
    html += "</td></tr></tbody></table><h3>处理记录（第二十条）</h3>" + sanctions_list(v.sanctions);
    if (with_plaque) {
        const auto base = "/public/plaques/" + c.serial;
        html += "<div class=\"plaque\"><img src=\"" + base + ".png\" alt=\"" + escape(c.full_name) + "的" +
                escape(certifications::title_of(c.star)) + "电子奖牌\" width=\"600\"></div><p>下载电子奖牌："
                "<a href=\"" + base + ".svg\">SVG</a> · <a href=\"" + base + ".png\">PNG</a> · <a href=\"" + base +
                ".pdf\">PDF</a></p>";
    }
    return html;
}

Response public_verify_page(const Request& request, Context& context) {
    const auto serial = request.params.count("serial") ? request.param("serial") : request.query_value("serial").value_or("");
    std::string main = "<h1>电子奖牌查验</h1><form class=\"inline\" method=\"get\" action=\"/public/verify\">"
                       "<label>证书编号<input name=\"serial\" value=\"" + escape(serial) +
                       "\" placeholder=\"BJZHSQ-2026-3-000001\" required></label><button type=\"submit\">查验</button></form>";
    if (serial.empty()) {
        main += "<p>输入奖牌上的证书编号，或用手机扫描奖牌上的二维码，查验奖牌真伪与当前状态。"
                "奖牌数据以 SM2 数字签名，公钥见 <a href=\"/api/v1/public/keys\">/api/v1/public/keys</a>，可离线验证。</p>";
        return page(request, "奖牌查验", main);
    }
    auto found = context.services.certifications.verify(serial);
    if (!found) {
        main += "<p class=\"message error\" role=\"alert\">" + escape(found.error().message()) +
                "。这不是本系统颁发的奖牌，或编号输入有误。</p>";
        return page(request, "奖牌查验", main, problem(found.error(), request.request_id).status);
    }
    const auto& c = found->certification;
    main += std::string("<p class=\"message ") + (c.status == certifications::CertificationStatus::kValid ? "ok" : "error") +
            "\" role=\"status\">该奖牌由本系统颁发，当前状态：" + certifications::status_label(c.status) + "。</p>";
    main += certification_block(*found, true);
    return page(request, "奖牌查验 " + c.serial, main);
}

Response public_gallery_page(const Request& request, Context& context) {
    regions::PageRequest paging{1, 50};
    auto filter = dto::gallery_filter(request, paging);
    if (!filter) return error_page(request, filter.error());
    auto result = context.services.certifications.gallery(*filter, paging);
    if (!result) return error_page(request, result.error());
    auto districts = context.services.regions.public_districts();
    std::string options = "<option value=\"\">全部</option>";
    if (districts) {
        for (const auto& d : *districts) {
            options += "<option value=\"" + d.code + "\"" + (filter->district_code == d.code ? " selected" : "") + ">" +
                       escape(d.name) + "</option>";
        }
    }
    std::string star_options = "<option value=\"\">全部</option>";
    for (int s = 1; s <= 5; ++s) {
        star_options += "<option value=\"" + std::to_string(s) + "\"" + (filter->star == s ? " selected" : "") + ">" +
                        stars(s) + "</option>";
    }
    std::string main = "<h1>北京市星级智慧社区</h1><form class=\"inline\" method=\"get\" action=\"/public/certifications\">"
                       "<label>区<select name=\"district\">" + options + "</select></label><label>星级<select name=\"star\">" +
                       star_options + "</select></label><label>年度<input name=\"year\" inputmode=\"numeric\" size=\"6\" value=\"" +
                       (filter->year ? std::to_string(*filter->year) : std::string()) + "\"></label><label>社区名称或代码"
                       "<input name=\"q\" value=\"" + escape(filter->query) + "\"></label><button type=\"submit\">查询</button></form>";
    main += "<p>共 " + std::to_string(result->total) + " 条。</p><div class=\"scroll\"><table class=\"stack\"><thead><tr><th scope=\"col\">社区</th>"
            "<th scope=\"col\">区</th><th scope=\"col\">星级</th><th scope=\"col\">年度</th><th scope=\"col\">证书编号</th>"
            "<th scope=\"col\">状态</th></tr></thead><tbody>";
    for (const auto& c : result->items) {
        main += "<tr>" +
                stacked_cell("社区", "<a href=\"/public/communities/" + escape(c.community_code) + "\">" +
                                        escape(c.community_name) + "</a><br><small>" + escape(c.street_name) + "</small>") +
                stacked_cell("区", escape(c.district_name)) + stacked_cell("星级", star_cell(c.star)) +
                stacked_cell("年度", std::to_string(c.year)) +
                stacked_cell("证书编号", "<a href=\"/public/verify/" + escape(c.serial) + "\">" + escape(c.serial) + "</a>") +
                stacked_cell("状态", "<span class=\"status " + std::string(certifications::to_string(c.status)) + "\">" +
                                        certifications::status_label(c.status) + "</span>") +
                "</tr>";
    }
    main += "</tbody></table></div>";
    const auto pages_total = (result->total + paging.page_size - 1) / paging.page_size;
    if (pages_total > 1) {
        auto link = [&](std::int64_t p) {
            std::string q = "?page=" + std::to_string(p);
            if (!filter->district_code.empty()) q += "&district=" + url_encode(filter->district_code);
            if (filter->star) q += "&star=" + std::to_string(*filter->star);
            if (filter->year) q += "&year=" + std::to_string(*filter->year);
            if (!filter->query.empty()) q += "&q=" + url_encode(filter->query);
            return q;
        };
        main += "<nav class=\"pager\" aria-label=\"分页\">";
        if (paging.page > 1) main += "<a href=\"" + escape(link(paging.page - 1)) + "\">上一页</a>";
        main += "<span>第 " + std::to_string(paging.page) + " / " + std::to_string(pages_total) + " 页</span>";
        if (paging.page < pages_total) main += "<a href=\"" + escape(link(paging.page + 1)) + "\">下一页</a>";
        main += "</nav>";
    }
    return page(request, "星级智慧社区", main);
}

Response public_community_page(const Request& request, Context& context) {
    const auto code = request.param("code");
    auto record = context.services.certifications.community(code);
    if (!record) return error_page(request, record.error());
    const auto& newest = record->certifications.front().certification;
    std::string main = "<h1>" + escape(newest.full_name) + "</h1>";
    for (const auto& v : record->certifications) {
        main += "<h2>" + escape(certifications::title_of(v.certification.star)) + "（" + std::to_string(v.certification.year) +
                "）</h2>" + certification_block(v, certifications::active(v.certification.status));
    }
    main += "<h2>社区网站徽标</h2><p>社区网站可嵌入下面一行代码显示本社区的星级与实时状态：</p><p><code>" +
            escape("<a href=\"" + context.services.public_url + "/public/communities/" + code + "\"><img src=\"" +
                   context.services.public_url + "/public/badges/" + code + ".svg\" alt=\"北京市星级智慧社区\" height=\"40\"></a>") +
            "</code></p><p><img src=\"/public/badges/" + escape(code) + ".svg\" alt=\"本社区的星级徽标\" height=\"40\"></p>";
    return page(request, newest.full_name, main);
}

Response public_badge(const Request& request, Context& context) {
    auto file = request.param("file");
    constexpr std::string_view kSuffix = ".svg";
    if (file.size() <= kSuffix.size() || file.compare(file.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
        return error_response(Error::not_found("徽标地址应为 /public/badges/社区代码.svg"), request);
    }
    const auto code = file.substr(0, file.size() - kSuffix.size());
    auto record = context.services.certifications.community(code);
    if (!record) return error_response(record.error(), request);
    const auto& c = record->certifications.front().certification;
    const bool good = certifications::active(c.status);
    const std::string left = "北京市星级智慧社区";
    const std::string right = good ? stars(c.star) + " " + std::to_string(c.year) : certifications::status_label(c.status);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"260\" height=\"40\" role=\"img\" aria-label=\"" +
                      escape(left + " " + right) + "\"><title>" + escape(left + " " + right + " " + c.serial) +
                      "</title><rect width=\"150\" height=\"40\" fill=\"#a8071a\"/><rect x=\"150\" width=\"110\" height=\"40\" "
                      "fill=\"" + (good ? "#ad6800" : "#595959") + "\"/><g fill=\"#fff\" font-family=\"Noto Sans CJK SC, sans-serif\" "
                      "font-size=\"14\"><text x=\"12\" y=\"25\">" + escape(left) + "</text><text x=\"162\" y=\"25\">" + escape(right) +
                      "</text></g></svg>";
    Response response;
    response.content_type = "image/svg+xml; charset=utf-8";
    response.body = std::move(svg);
    response.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *");
    return response;
}

Response public_plaque(const Request& request, Context& context) {
    const auto file = request.param("file");
    const auto dot = file.rfind('.');
    const auto format = dot == std::string::npos ? std::string() : file.substr(dot + 1);
    if (format != "svg" && format != "png" && format != "pdf") {
        return error_response(Error::not_found("奖牌地址应为 /public/plaques/证书编号.svg、.png 或 .pdf"), request);
    }
    auto found = context.services.certifications.verify(file.substr(0, dot));
    if (!found) return error_response(found.error(), request);
    if (!context.services.renderers.plaque) return error_response(Error::internal("no plaque renderer"), request);
    auto bytes = context.services.renderers.plaque(found->certification, format,
                                                   context.services.public_url + "/public/verify/" +
                                                       found->certification.serial);
    if (!bytes) return error_response(bytes.error(), request);
    Response response;
    response.content_type = format == "svg" ? "image/svg+xml" : format == "png" ? "image/png" : "application/pdf";
    response.body = std::move(*bytes);
    response.set_header("Content-Disposition", "inline; filename=\"" + found->certification.serial + "." + format + "\"");
    // The plaque's picture never changes; its status lives on the verification page.
    response.set_header("Cache-Control", "public, max-age=86400");
    response.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *");
    return response;
}

Response public_annual_check_page(const Request& request, Context& context) {
    auto year = id_param(request, "year");
    if (!year) return error_page(request, year.error());
    auto result = context.services.supervision.public_check(static_cast<int>(*year));
    if (!result) return error_page(request, result.error());
    const auto& check = result->check;
    std::int64_t failed = 0;
    for (const auto& i : result->items) failed += i.passed && !*i.passed ? 1 : 0;
    std::string main = "<h1>" + std::to_string(check.year) + " 年度北京市星级智慧社区抽查情况通报</h1>"
                       "<p>依据《北京市智慧社区认定管理办法》第十九条，市社会办、市经济信息化委、市民政局对全市星级智慧社区进行了年度抽查。"
                       "本次共抽查 " + std::to_string(result->items.size()) + " 个社区，" + std::to_string(failed) +
                       " 个未通过。抽取种子的 SHA-256 承诺：<code>" + escape(check.draw.seed_sha256) + "</code>，种子：<code>" +
                       escape(check.draw.seed.value_or("")) + "</code>（可据此复核抽取结果）。</p>"
                       "<div class=\"scroll\"><table class=\"stack\"><caption>抽查结果</caption><thead><tr><th scope=\"col\">社区</th>"
                       "<th scope=\"col\">证书编号</th><th scope=\"col\">结果</th><th scope=\"col\">发现的问题</th>"
                       "<th scope=\"col\">处理</th></tr></thead><tbody>";
    for (const auto& i : result->items) {
        const bool passed = i.passed.value_or(false);
        main += "<tr>" + stacked_cell("社区", escape(i.community_name)) +
                stacked_cell("证书编号", "<a href=\"/public/verify/" + escape(i.serial) + "\">" + escape(i.serial) + "</a>") +
                stacked_cell("结果", passed ? "通过" : "未通过") + stacked_cell("发现的问题", escape(i.findings)) +
                stacked_cell("处理", i.action ? certifications::sanction_label(*i.action) : "无") + "</tr>";
    }
    main += "</tbody></table></div><p><a href=\"/public/annual-checks/" + std::to_string(check.year) +
            "/bulletin.pdf\">下载通报（PDF）</a></p>";
    return page(request, std::to_string(check.year) + " 年度抽查通报", main);
}

namespace {

Response pdf_response(std::string bytes, const std::string& file_name) {
    Response response;
    response.content_type = "application/pdf";
    response.body = std::move(bytes);
    response.set_header("Content-Disposition", "inline; filename=\"" + file_name + "\"");
    response.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    return response;
}

}  // namespace

Response public_commendation_pdf(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto view = context.services.notice.public_notice(*id);
    if (!view) return error_response(view.error(), request);
    if (view->phase != notice::NoticePhase::kFinalized) {
        return error_response(Error::not_found("该批次尚未命名，通报表彰尚未发布"), request);
    }
    auto certified = context.services.certifications.of_round(*id);
    if (!certified) return error_response(certified.error(), request);
    if (!context.services.renderers.commendation) return error_response(Error::internal("no renderer"), request);
    auto pdf = context.services.renderers.commendation(view->round, view->notice, *certified,
                                                        context.services.public_url + "/public/verify/");
    if (!pdf) return error_response(pdf.error(), request);
    return pdf_response(std::move(*pdf), "commendation-" + std::to_string(*id) + ".pdf");
}

Response public_bulletin_pdf(const Request& request, Context& context) {
    auto year = id_param(request, "year");
    if (!year) return error_response(year.error(), request);
    auto check = context.services.supervision.public_check(static_cast<int>(*year));
    if (!check) return error_response(check.error(), request);
    if (!context.services.renderers.bulletin) return error_response(Error::internal("no renderer"), request);
    auto pdf = context.services.renderers.bulletin(*check);
    if (!pdf) return error_response(pdf.error(), request);
    return pdf_response(std::move(*pdf), "annual-check-" + std::to_string(*year) + ".pdf");
}

}  // namespace hx::http::handlers

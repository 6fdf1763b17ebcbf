#include <sstream>

#include "http/dto/audit.hpp"
#include "http/dto/regions.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

namespace {

Result<audit::AuditFilter> audit_filter(const Request& request) {
    audit::AuditFilter filter;
    std::vector<FieldError> problems;
    for (const char* name : {"from", "to"}) {
        const auto text = request.query_value(name);
        if (!text || text->empty()) continue;
        Timestamp at;
        if (!parse_rfc3339(*text, at)) {
            problems.push_back({name, "时间应为 RFC 3339 格式，如 2026-10-31T23:59:59+08:00"});
            continue;
        }
        (std::string(name) == "from" ? filter.from : filter.to) = at;
    }
    filter.username = request.query_value("username").value_or("");
    filter.action = request.query_value("action").value_or("");
    if (const auto outcome = request.query_value("outcome"); outcome && !outcome->empty()) {
        filter.outcome = audit::parse_outcome(*outcome);
        if (!filter.outcome) problems.push_back({"outcome", "应为 success、failure 或 denied"});
    }
    if (!problems.empty()) {
        return fail(Error::invalid("invalid_filter", "查询条件有误", std::move(problems)));
    }
    return filter;
}

/// CSV cells that a spreadsheet would run as a formula are prefixed with a quote.
std::string csv_cell(const std::string& value) {
    std::string cell = value;
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
        cell.insert(cell.begin(), '\'');
    }
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    return out + "\"";
}

}  // namespace

Response list_audit(const Request& request, Context& context) {
    auto page = page_query(request);
    if (!page) return error_response(page.error(), request);
    auto filter = audit_filter(request);
    if (!filter) return error_response(filter.error(), request);
    return respond(context.services.audit.list(context.actor(), *filter,
                                               {page->page, page->page_size}),
                   request, [](const auto& records) { return dto::page_json(records, dto::audit_json); });
}

Response export_audit(const Request& request, Context& context) {
    auto filter = audit_filter(request);
    if (!filter) return error_response(filter.error(), request);
    std::ostringstream csv;
    csv << "\xEF\xBB\xBF序号,时间,用户,角色,单位代码,操作,对象,结果,客户端地址,请求编号,说明,哈希\r\n";
    auto status = context.services.audit.scan(
        context.actor(), *filter, [&](const audit::AuditRecord& r) -> Status {
            csv << r.seq << ',' << csv_cell(format_rfc3339(r.at)) << ',' << csv_cell(r.username)
                << ',' << csv_cell(r.role) << ',' << csv_cell(r.org_code) << ','
                << csv_cell(r.action) << ',' << csv_cell(r.object) << ','
                << audit::to_string(r.outcome) << ',' << csv_cell(r.client_addr) << ','
                << csv_cell(r.request_id) << ',' << csv_cell(r.detail) << ',' << r.hash << "\r\n";
            return ok();
        });
    if (!status) return error_response(status.error(), request);
    Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.set_header("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    response.body = csv.str();
    return response;
}

}  // namespace hx::http::handlers

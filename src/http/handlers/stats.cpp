// Coverage, the next round, plans and statistics (第二条, 第十条, 第十四条4), each as JSON, XLSX or
// CSV (?format=), and the public open data of the certifications (第十五条).
#include "http/dto/stats.hpp"

#include <charconv>

#include "http/dto/table_csv.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Response download(std::string body, const char* content_type, const std::string& file_name) {
    Response response;
    response.content_type = content_type;
    response.body = std::move(body);
    response.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    response.set_header("Cache-Control", "private, no-store");
    return response;
}

/// The report as JSON, or its tables as an XLSX workbook (every table a sheet) or as CSV (the
/// table named by ?table=, the first by default).
template <typename T, typename ToJson, typename ToTables>
Response report(const Request& request, Context& context, const dto::StatsQuery& query,
                const Result<T>& result, ToJson&& to_json, ToTables&& to_tables,
                const std::string& base_name) {
    if (!result) return error_response(result.error(), request);
    if (query.format == dto::ExportFormat::kJson) return json_response(to_json(*result));
    const std::vector<stats::Table> tables = to_tables(*result);
    if (query.format == dto::ExportFormat::kXlsx) {
        auto bytes = context.services.renderers.tables_workbook(tables);
        if (!bytes) return error_response(bytes.error(), request);
        return download(std::move(*bytes), kXlsxType, base_name + ".xlsx");
    }
    const stats::Table* chosen = tables.empty() ? nullptr : &tables.front();
    if (!query.table.empty()) {
        chosen = nullptr;
        std::string keys;
        for (const auto& table : tables) {
            if (table.key == query.table) chosen = &table;
            keys += (keys.empty() ? "" : "、") + table.key;
        }
        if (chosen == nullptr) {
            return error_response(
                Error::invalid("invalid_request", "查询条件有误", {{"table", "应为 " + keys}}),
                request);
        }
    }
    const auto suffix = chosen != &tables.front() ? "-" + chosen->key : std::string();
    return download(dto::to_csv(*chosen), "text/csv; charset=utf-8", base_name + suffix + ".csv");
}

Result<int> year_param(const Request& request) {
    const auto text = request.param("year");
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size()) {
        return fail(Error::invalid("invalid_request", "年度应为整数", {{"year", "应为整数"}}));
    }
    return year;
}

}  // namespace

Response stats_coverage(const Request& request, Context& context) {
    auto query = dto::stats_query(request);
    if (!query) return error_response(query.error(), request);
    return report(request, context, *query,
                  context.services.stats.coverage(context.actor(), query->district),
                  dto::coverage_json, dto::coverage_tables, "coverage");
}

Response stats_next_round(const Request& request, Context& context) {
    auto query = dto::stats_query(request);
    if (!query) return error_response(query.error(), request);
    return report(request, context, *query, context.services.stats.next_round(context.actor()),
                  dto::next_round_json, dto::next_round_tables, "next-round");
}

Response stats_summary(const Request& request, Context& context) {
    auto query = dto::stats_query(request);
    if (!query) return error_response(query.error(), request);
    return report(request, context, *query,
                  context.services.stats.summary(context.actor(), query->year, query->district),
                  dto::summary_json, dto::summary_tables, "certifications-summary");
}

Response stats_funnel(const Request& request, Context& context) {
    auto query = dto::stats_query(request);
    if (!query) return error_response(query.error(), request);
    return report(request, context, *query,
                  context.services.stats.funnel(context.actor(), query->round_id, query->year,
                                                query->district),
                  dto::funnel_json, dto::funnel_tables, "funnel");
}

Response stats_indicators(const Request& request, Context& context) {
    auto query = dto::stats_query(request);
    if (!query) return error_response(query.error(), request);
    if (!query->round_id) {
        return error_response(Error::invalid("invalid_request", "请指定批次", {{"round", "必填"}}),
                              request);
    }
    return report(
        request, context, *query,
        context.services.stats.indicators(context.actor(), *query->round_id, query->district),
        dto::indicators_json, dto::indicators_tables, "indicators");
}

Response list_plans(const Request& request, Context& context) {
    auto query = dto::stats_query(request);
    if (!query) return error_response(query.error(), request);
    return report(request, context, *query,
                  context.services.stats.plans(context.actor(), query->year, query->district),
                  dto::plans_json, dto::plans_tables, "plans");
}

Response put_plan(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    stats::PlanRequest plan;
    plan.district_code = request.param("district_code");
    plan.year = *year;
    plan.planned = body->required_int("planned");
    plan.note = body->optional_string("note").value_or("");
    if (auto status = body->finish("计划内容不完整"); !status)
        return error_response(status.error(), request);
    return respond(context.services.stats.put_plan(context.actor(), plan), request, dto::plan_json);
}

Response put_plan_target(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    stats::CityTarget target;
    target.communities = body->required_int("communities");
    target.year = static_cast<int>(body->required_int("year"));
    if (auto status = body->finish("目标内容不完整"); !status)
        return error_response(status.error(), request);
    return respond(context.services.stats.put_target(context.actor(), target), request,
                   dto::target_json);
}

Response open_data_json(const Request& request, Context& context) {
    return respond(context.services.stats.open_data(), request, dto::open_data_json);
}

Response open_data_csv(const Request& request, Context& context) {
    auto items = context.services.stats.open_data();
    if (!items) return error_response(items.error(), request);
    Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = dto::to_csv(dto::open_data_table(*items));
    response.set_header("Content-Disposition", "attachment; filename=\"certifications.csv\"");
    return response;
}

}  // namespace hx::http::handlers

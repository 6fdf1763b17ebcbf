// Daily management after naming (第十八–二十条): annual reports, rectification reports, the
// sanction ladder and the annual spot checks. Each handler parses, calls one service method and
// maps the result; the rules live in src/domain/supervision.
#include "http/dto/notice.hpp"
#include "http/dto/supervision.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/multipart.hpp"

namespace hx::http::handlers {

namespace {

Result<int> year_param(const Request& request) {
    auto year = id_param(request, "year");
    if (!year) return fail(year.error());
    if (*year < 2000 || *year > 2100) {
        return fail(Error::invalid("invalid_year", "年度 '" + request.param("year") + "' 无效", {{"year", "应为 2000–2100"}}));
    }
    return static_cast<int>(*year);
}

/// The one uploaded file of a multipart body (field `file`), or 400.
Result<std::pair<std::string, std::string>> uploaded_file(const Request& request) {
    const auto boundary = multipart_boundary(request.header("content-type"));
    if (!boundary) return fail(Error::invalid("invalid_multipart", "请以 multipart/form-data 上传文件（字段 file）"));
    ASSIGN_OR_RETURN(auto parts, parse_multipart(request.body, *boundary));
    for (auto& part : parts) {
        if (part.name == "file" && part.file_name) return std::make_pair(*part.file_name, std::move(part.data));
    }
    return fail(Error::invalid("invalid_request", "缺少上传的文件", {{"file", "缺少文件"}}));
}

/// `{decision: accept|return, opinion}`.
Result<std::pair<bool, std::string>> review_body(const Request& request) {
    ASSIGN_OR_RETURN(auto body, JsonBody::parse(request));
    const auto decision = body.required_string("decision");
    if (!decision.empty() && decision != "accept" && decision != "return") {
        body.problem("decision", "应为 accept（通过）或 return（退回）");
    }
    auto opinion = body.optional_string("opinion").value_or("");
    RETURN_IF_ERROR(body.finish("审核内容不完整"));
    return std::make_pair(decision == "accept", std::move(opinion));
}

}  // namespace

// ---- 第十八条 -----------------------------------------------------------------------------------

Response set_report_deadline(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto text = body->required_string("deadline");
    Timestamp deadline;
    if (!text.empty() && !parse_rfc3339(text, deadline)) body->problem("deadline", "时间应为 RFC 3339 格式");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.supervision.set_report_deadline(context.actor(), *year, deadline), request,
                   dto::campaign_json);
}

Response list_annual_reports(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    return respond(context.services.supervision.report_list(context.actor(), *year), request, dto::report_list_json);
}

Response get_my_report(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    return respond(context.services.supervision.my_report(context.actor(), *year), request, dto::report_view_json);
}

Response put_my_report(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    supervision::ReportRequest report;
    report.summary = body->optional_string("summary").value_or("");
    report.plan = body->optional_string("plan").value_or("");
    report.residents_served = body->optional_int("residents_served").value_or(0);
    report.services_online = body->optional_int("services_online").value_or(0);
    report.investment = body->optional_int("investment").value_or(0);
    if (auto status = body->finish("年度报告内容有误"); !status) return error_response(status.error(), request);
    return respond(context.services.supervision.save_report(context.actor(), *year, report), request,
                   dto::report_view_json);
}

Response submit_my_report(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    return respond(context.services.supervision.submit_report(context.actor(), *year), request, dto::report_view_json);
}

Response upload_report_attachment(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    auto file = uploaded_file(request);
    if (!file) return error_response(file.error(), request);
    return respond(context.services.supervision.add_report_attachment(context.actor(), *year, file->first, file->second),
                   request, dto::attachment_json, 201);
}

Response review_annual_report(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto review = review_body(request);
    if (!review) return error_response(review.error(), request);
    return respond(context.services.supervision.review_report(context.actor(), *id, review->first, review->second),
                   request, dto::annual_report_json);
}

Response download_report_attachment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto attachment_id = id_param(request, "attachment_id");
    if (!attachment_id) return error_response(attachment_id.error(), request);
    auto file = context.services.supervision.attachment_file(context.actor(), supervision::FileOwner::kAnnualReport, *id,
                                                             *attachment_id);
    if (!file) return error_response(file.error(), request);
    return attachment(file->first.content_type, std::move(file->second), "annual-report-" + std::to_string(*attachment_id));
}

// ---- 第二十条 -----------------------------------------------------------------------------------

Response file_rectification(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto content = body->required_string("content");
    if (auto status = body->finish("整改报告不完整"); !status) return error_response(status.error(), request);
    return respond(context.services.supervision.file_rectification(context.actor(), request.param("serial"), content),
                   request, dto::rectification_json, 201);
}

Response upload_rectification_attachment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto file = uploaded_file(request);
    if (!file) return error_response(file.error(), request);
    return respond(
        context.services.supervision.add_rectification_attachment(context.actor(), *id, file->first, file->second),
        request, dto::attachment_json, 201);
}

Response download_rectification_attachment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto attachment_id = id_param(request, "attachment_id");
    if (!attachment_id) return error_response(attachment_id.error(), request);
    auto file = context.services.supervision.attachment_file(context.actor(), supervision::FileOwner::kRectificationReport,
                                                             *id, *attachment_id);
    if (!file) return error_response(file.error(), request);
    return attachment(file->first.content_type, std::move(file->second), "rectification-" + std::to_string(*attachment_id));
}

Response review_rectification(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto review = review_body(request);
    if (!review) return error_response(review.error(), request);
    return respond(context.services.supervision.review_rectification(context.actor(), *id, review->first, review->second),
                   request, dto::rectification_json);
}

Response list_rectifications(const Request& request, Context& context) {
    return respond(context.services.supervision.rectifications(context.actor()), request,
                   [](const std::vector<supervision::RectificationCase>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& c : all) items.push_back(dto::rectification_case_json(c));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response get_sanction_policy(const Request& request, Context& context) {
    // 三员分立: the rules of dynamic management are business data, not the administrators'.
    if (identity::is_administrator(context.actor().role)) {
        return error_response(Error::forbidden("三员不能查看业务数据"), request);
    }
    return respond(context.services.certifications.policy(), request, dto::policy_json);
}

Response put_sanction_policy(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    certifications::SanctionPolicy policy;
    policy.enabled.clear();
    const auto& value = body->value();
    if (const auto it = value.find("enabled"); it != value.end() && it->is_array()) {
        for (const auto& word : *it) {
            const auto kind = word.is_string() ? certifications::parse_sanction_kind(word.get<std::string>()) : std::nullopt;
            if (kind) {
                policy.enabled.push_back(*kind);
            } else {
                body->problem("enabled", "应为 criticism、warning、rectification、revocation 的数组");
            }
        }
    } else {
        body->problem("enabled", "缺少必填字段");
    }
    policy.rectification_days = static_cast<int>(body->required_int("rectification_days"));
    policy.revocation_requires_rectification = body->optional_bool("revocation_requires_rectification").value_or(false);
    if (auto status = body->finish("处理规则有误"); !status) return error_response(status.error(), request);
    return respond(context.services.certifications.set_policy(context.actor(), policy), request, dto::policy_json);
}

// ---- 第十九条 -----------------------------------------------------------------------------------

Response commit_annual_check(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto digest = body->required_string("seed_sha256");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.supervision.commit_check(context.actor(), *year, digest), request,
                   dto::annual_check_json, 201);
}

Response draw_annual_check(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto draw = dto::read_draw_request(*body);
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.supervision.draw_check(context.actor(), *year, draw), request,
                   [](const std::vector<supervision::AnnualCheckItem>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& i : all) items.push_back(dto::check_item_json(i));
                       return nlohmann::json{{"items", std::move(items)}};
                   },
                   201);
}

Response list_annual_check(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    return respond(context.services.supervision.check_items(context.actor(), *year), request,
                   [](const std::vector<supervision::AnnualCheckItem>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& i : all) items.push_back(dto::check_item_json(i));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response record_annual_check(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    supervision::CheckResult result;
    const auto passed = body->optional_bool("passed");
    if (!passed) body->problem("passed", "缺少必填字段（true 通过，false 未通过）");
    result.findings = body->optional_string("findings").value_or("");
    if (const auto it = body->value().find("sanction"); it != body->value().end() && !it->is_null()) {
        result.sanction = dto::read_sanction(*body, *it, "sanction");
    }
    if (auto status = body->finish("抽查结果不完整"); !status) return error_response(status.error(), request);
    result.passed = *passed;
    return respond(context.services.supervision.record_check(context.actor(), *id, result), request,
                   dto::check_item_json);
}

Response publish_annual_check(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    return respond(context.services.supervision.publish_check(context.actor(), *year), request, dto::public_check_json);
}

Response public_annual_check_json(const Request& request, Context& context) {
    auto year = year_param(request);
    if (!year) return error_response(year.error(), request);
    return respond(context.services.supervision.public_check(*year), request, dto::public_check_json);
}

Response public_annual_checks_json(const Request& request, Context& context) {
    return respond(context.services.supervision.published_checks(), request,
                   [](const std::vector<supervision::AnnualCheck>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& c : all) items.push_back(dto::annual_check_json(c));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

}  // namespace hx::http::handlers

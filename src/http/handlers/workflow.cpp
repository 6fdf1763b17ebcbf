// Rounds and the application workflow (第十–十四条). Each handler parses, calls one service
// method and maps the result; the rules live in src/domain/applications.
#include <charconv>

#include "http/dto/workflow.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/multipart.hpp"

namespace hx::http::handlers {

namespace {

Response application_response(const Result<applications::ApplicationView>& view, const Request& request,
                              unsigned status = 200) {
    return respond(view, request, dto::application_json, status);
}

std::optional<Timestamp> time_field(JsonBody& body, const std::string& key) {
    const auto text = body.optional_string(key);
    if (!text) return std::nullopt;
    Timestamp at;
    if (!parse_rfc3339(*text, at)) {
        body.problem(key, "时间应为 RFC 3339 格式，如 2026-10-31T23:59:59+08:00");
        return std::nullopt;
    }
    return at;
}

std::vector<std::string> code_list(JsonBody& body, const std::string& key, bool required) {
    std::vector<std::string> codes;
    const auto& value = body.value();
    const auto it = value.find(key);
    if (it == value.end() || it->is_null()) {
        if (required) body.problem(key, "缺少必填字段");
        return codes;
    }
    if (!it->is_array()) {
        body.problem(key, "应为指标编号的数组");
        return codes;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& item = (*it)[i];
        if (item.is_string()) {
            codes.push_back(item.get<std::string>());
        } else if (item.is_number_integer()) {
            codes.push_back(std::to_string(item.get<std::int64_t>()));
        } else {
            body.problem(key + "[" + std::to_string(i) + "]", "应为指标编号");
        }
    }
    return codes;
}

}  // namespace

Response todo(const Request& request, Context& context) {
    return respond(context.services.applications.todo(context.actor()), request,
                   [](const std::vector<applications::TodoItem>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& t : all) {
                           items.push_back({{"application_id", t.application_id},
                                            {"round_id", t.round_id},
                                            {"round_name", t.round_name},
                                            {"community_code", t.community_code},
                                            {"community_name", t.community_name},
                                            {"state", applications::to_string(t.state)},
                                            {"state_label", applications::state_label(t.state)},
                                            {"action", applications::to_string(t.action)},
                                            {"action_label", applications::action_label(t.action)},
                                            {"due_at", format_rfc3339(t.due_at)},
                                            {"days_left", t.days_left},
                                            {"reminder", t.reminder}});
                       }
                       return nlohmann::json{{"total", all.size()}, {"items", std::move(items)}};
                   });
}

Response create_round(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    rounds::NewRound round;
    round.year = static_cast<int>(body->required_int("year"));
    round.kind = body->required_string("kind");
    round.standard_id = body->required_string("standard_id");
    if (auto revision = body->optional_int("standard_revision")) round.standard_revision = static_cast<int>(*revision);
    round.scope = body->optional_string("scope");
    round.community_deadline = time_field(*body, "community_deadline");
    round.district_deadline = time_field(*body, "district_deadline");
    if (auto days = body->optional_int("notice_days")) round.notice_days = static_cast<int>(*days);
    round.name = body->optional_string("name");
    if (auto status = body->finish("认定批次信息不完整"); !status) return error_response(status.error(), request);
    return respond(context.services.rounds.create(context.actor(), round), request, dto::round_json, 201);
}

Response list_rounds(const Request& request, Context& context) {
    return respond(context.services.rounds.list(context.actor()), request, [](const std::vector<rounds::Round>& all) {
        auto items = nlohmann::json::array();
        for (const auto& r : all) items.push_back(dto::round_json(r));
        return nlohmann::json{{"items", std::move(items)}};
    });
}

Response get_round(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.rounds.get(context.actor(), *id), request, dto::round_json);
}

Response open_round(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.rounds.open(context.actor(), *id), request, dto::round_json);
}

Response create_application(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto community = body->required_string("community_code");
    const auto target = body->required_int("target_star");
    if (auto status = body->finish("申报信息不完整"); !status) return error_response(status.error(), request);
    return application_response(
        context.services.applications.create(context.actor(), *id, community, static_cast<int>(target)), request, 201);
}

Response list_applications(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    std::optional<applications::State> state;
    if (const auto text = request.query_value("state"); text && !text->empty()) {
        state = applications::parse_state(*text);
        if (!state) {
            return error_response(Error::invalid("invalid_state", "未知的状态 '" + *text + "'", {{"state", "未知的状态"}}),
                                  request);
        }
    }
    return respond(context.services.applications.list(context.actor(), *id, state), request,
                   [](const std::vector<applications::Application>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& a : all) items.push_back(dto::application_summary_json(a));
                       return nlohmann::json{{"total", all.size()}, {"items", std::move(items)}};
                   });
}

Response get_application(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return application_response(context.services.applications.get(context.actor(), *id), request);
}

Response put_assessment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    applications::Assessment assessment;
    assessment.achieved = code_list(*body, "achieved", true);
    assessment.mechanism = body->optional_bool("mechanism").value_or(false);
    assessment.mechanism_note = body->optional_string("mechanism_note").value_or("");
    assessment.effective = body->optional_bool("effective").value_or(false);
    assessment.effectiveness_note = body->optional_string("effectiveness_note").value_or("");
    std::optional<int> target;
    if (auto t = body->optional_int("target_star")) target = static_cast<int>(*t);
    if (auto status = body->finish("自评内容有误"); !status) return error_response(status.error(), request);
    return application_response(
        context.services.applications.save_assessment(context.actor(), *id, assessment, target), request);
}

Response upload_evidence(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    const auto boundary = multipart_boundary(request.header("content-type"));
    if (!boundary) {
        return error_response(Error::invalid("invalid_multipart", "请以 multipart/form-data 上传文件（字段 file）"),
                              request);
    }
    auto parts = parse_multipart(request.body, *boundary);
    if (!parts) return error_response(parts.error(), request);
    applications::Upload upload;
    bool has_file = false;
    for (auto& part : *parts) {
        if (part.name == "file" && part.file_name) {
            upload.file_name = *part.file_name;
            upload.bytes = std::move(part.data);
            has_file = true;
        } else if (part.name == "indicator") {
            upload.indicator_code = part.data;
        }
    }
    if (!has_file) {
        return error_response(Error::invalid("invalid_request", "缺少上传的文件", {{"file", "缺少文件"}}), request);
    }
    return respond(context.services.applications.add_evidence(context.actor(), *id, upload), request,
                   dto::evidence_json, 201);
}

Response download_evidence(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto evidence_id = id_param(request, "evidence_id");
    if (!evidence_id) return error_response(evidence_id.error(), request);
    auto file = context.services.applications.evidence_file(context.actor(), *id, *evidence_id);
    if (!file) return error_response(file.error(), request);
    return attachment(file->first.content_type, std::move(file->second), "evidence-" + std::to_string(file->first.id));
}

Response submit_application(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return application_response(context.services.applications.submit(context.actor(), *id), request);
}

Response withdraw_application(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    std::string reason;
    if (!request.body.empty()) {
        auto body = JsonBody::parse(request);
        if (!body) return error_response(body.error(), request);
        reason = body->optional_string("reason").value_or("");
        if (auto status = body->finish(); !status) return error_response(status.error(), request);
    }
    return application_response(context.services.applications.withdraw(context.actor(), *id, reason), request);
}

namespace {
Result<applications::TransitionRequest> decision_body(const Request& request) {
    ASSIGN_OR_RETURN(auto body, JsonBody::parse(request));
    applications::TransitionRequest out;
    out.decision = body.required_string("decision");
    out.opinion = body.optional_string("opinion").value_or("");
    RETURN_IF_ERROR(body.finish());
    return out;
}
}  // namespace

Response street_review(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = decision_body(request);
    if (!body) return error_response(body.error(), request);
    return application_response(context.services.applications.street_review(context.actor(), *id, *body), request);
}

Response district_review(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = decision_body(request);
    if (!body) return error_response(body.error(), request);
    return application_response(context.services.applications.district_review(context.actor(), *id, *body), request);
}

Response district_return(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto opinion = body->required_string("opinion");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return application_response(context.services.applications.district_return(context.actor(), *id, opinion), request);
}

Response recommend_application(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto rank = body->required_int("rank");
    const auto opinion = body->optional_string("opinion").value_or("");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return application_response(
        context.services.applications.recommend(context.actor(), *id, static_cast<int>(rank), opinion), request);
}

Response assign_evaluator(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto username = body->required_string("username");
    const auto due = time_field(*body, "due_at");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return application_response(context.services.applications.assign_evaluator(context.actor(), *id, username, due),
                                request);
}

Response submit_evaluation(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    applications::EvaluationRequest evaluation;
    evaluation.effective = body->optional_bool("effective").value_or(false);
    evaluation.opinion = body->optional_string("opinion").value_or("");
    const auto& value = body->value();
    if (value.contains("checks")) {
        const auto& checks = value.at("checks");
        if (!checks.is_array()) body->problem("checks", "应为数组");
        for (std::size_t i = 0; checks.is_array() && i < checks.size(); ++i) {
            const auto& c = checks[i];
            if (!c.is_object() || !c.contains("code") || !c.contains("verified") || !c.at("verified").is_boolean()) {
                body->problem("checks[" + std::to_string(i) + "]", "应为 {code, verified, reason}");
                continue;
            }
            const auto& code = c.at("code");
            evaluation.checks.push_back({code.is_string() ? code.get<std::string>() : code.dump(),
                                         c.at("verified").get<bool>(),
                                         c.contains("reason") && c.at("reason").is_string() ? c.at("reason").get<std::string>() : ""});
        }
    } else {
        evaluation.verified = code_list(*body, "verified", true);
    }
    if (auto status = body->finish("评估内容有误"); !status) return error_response(status.error(), request);
    return application_response(context.services.applications.evaluate(context.actor(), *id, evaluation), request);
}

Response decide_application(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto star = body->required_int("star");
    const auto opinion = body->optional_string("opinion").value_or("");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return application_response(
        context.services.applications.decide(context.actor(), *id, static_cast<int>(star), opinion), request);
}

namespace {

nlohmann::json package_json(const applications::DistrictPackage& p) {
    auto items = nlohmann::json::array();
    for (const auto& a : p.applications) items.push_back(dto::application_summary_json(a));
    auto receipts = nlohmann::json::array();
    for (const auto& r : p.receipts) {
        receipts.push_back({{"role", identity::to_string(r.role)},
                            {"role_label", identity::role_label(r.role)},
                            {"username", r.username},
                            {"at", format_rfc3339(r.at)}});
    }
    return {{"district_code", p.district_code},
            {"district", p.district_name},
            {"applications", std::move(items)},
            {"receipts", std::move(receipts)},
            {"complete", p.receipts.size() == 3}};
}

}  // namespace

Response list_recommendations(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.applications.recommendations(context.actor(), *id), request,
                   [](const std::vector<applications::DistrictPackage>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& p : all) items.push_back(package_json(p));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response receive_recommendation(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.applications.receive(context.actor(), *id, request.param("district")), request,
                   package_json);
}

}  // namespace hx::http::handlers

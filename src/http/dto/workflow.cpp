#include "http/dto/workflow.hpp"

#include "http/dto/standards.hpp"

namespace hx::dto {

namespace {
nlohmann::json optional_time(const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}
template <typename T>
nlohmann::json optional_value(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json round_json(const rounds::Round& round) {
    return {
        {"id", round.id},
        {"year", round.year},
        {"name", round.name},
        {"kind", rounds::to_string(round.kind)},
        {"kind_label", rounds::round_kind_label(round.kind)},
        {"standard_id", round.standard_id},
        {"standard_revision", round.standard_revision},
        {"scope", rounds::to_string(round.scope)},
        {"status", rounds::to_string(round.status)},
        {"status_label", rounds::round_status_label(round.status)},
        {"max_star", round.max_star(standards::kMaxStar)},
        {"calendar",
         {{"community_deadline", format_rfc3339(round.calendar.community_deadline)},
          {"district_deadline", format_rfc3339(round.calendar.district_deadline)},
          {"notice_days", round.calendar.notice_days}}},
        {"created_at", format_rfc3339(round.created_at)},
        {"opened_at", optional_time(round.opened_at)},
    };
}

nlohmann::json application_summary_json(const applications::Application& a) {
    return {
        {"id", a.id},
        {"round_id", a.round_id},
        {"community_code", a.community_code},
        {"community_name", a.community_name},
        {"street_code", a.street_code},
        {"district_code", a.district_code},
        {"current_star", a.current_star},
        {"target_star", a.target_star},
        {"state", applications::to_string(a.state)},
        {"state_label", applications::state_label(a.state)},
        {"recommendation_rank", optional_value(a.recommendation_rank)},
        {"decided_star", optional_value(a.decided_star)},
        {"submitted_at", optional_time(a.submitted_at)},
        {"updated_at", format_rfc3339(a.updated_at)},
        {"version", a.version},
    };
}

nlohmann::json evidence_json(const applications::Evidence& e) {
    return {{"id", e.id},
            {"indicator", e.indicator_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.indicator_code)},
            {"sha256", e.sha256},
            {"size", e.size},
            {"content_type", e.content_type},
            {"file_name", e.file_name},
            {"uploaded_by", e.uploaded_by},
            {"uploaded_at", format_rfc3339(e.uploaded_at)},
            {"url", "/api/v1/applications/" + std::to_string(e.application_id) + "/evidence/" +
                        std::to_string(e.id)}};
}

nlohmann::json application_json(const applications::ApplicationView& view) {
    auto out = application_summary_json(view.application);
    const auto& assessment = view.application.assessment;
    out["assessment"] = {{"achieved", assessment.achieved},
                         {"mechanism", assessment.mechanism},
                         {"mechanism_note", assessment.mechanism_note},
                         {"effective", assessment.effective},
                         {"effectiveness_note", assessment.effectiveness_note}};
    out["rating"] = rating_result_json(view.rating);
    out["eligible_star"] = view.eligible_star;
    out["round"] = {{"id", view.round.id}, {"name", view.round.name}, {"standard_id", view.round.standard_id},
                    {"standard_revision", view.round.standard_revision}};
    out["sealed"] = view.sealed;
    auto events = nlohmann::json::array();
    for (const auto& e : view.events) {
        events.push_back({{"at", format_rfc3339(e.at)},
                          {"username", e.username},
                          {"role", identity::to_string(e.role)},
                          {"role_label", identity::role_label(e.role)},
                          {"action", applications::to_string(e.action)},
                          {"action_label", applications::action_label(e.action)},
                          {"from", applications::to_string(e.from)},
                          {"to", applications::to_string(e.to)},
                          {"decision", e.decision},
                          {"opinion", e.opinion}});
    }
    out["history"] = std::move(events);
    auto reviews = nlohmann::json::array();
    for (const auto& r : view.reviews) {
        reviews.push_back({{"role", identity::to_string(r.role)},
                           {"role_label", identity::role_label(r.role)},
                           {"decision", r.approved ? "approve" : "reject"},
                           {"opinion", r.opinion},
                           {"username", r.username},
                           {"at", format_rfc3339(r.at)}});
    }
    out["district_reviews"] = std::move(reviews);
    auto evidence = nlohmann::json::array();
    for (const auto& e : view.evidence) evidence.push_back(evidence_json(e));
    out["evidence"] = std::move(evidence);
    auto assignments = nlohmann::json::array();
    for (const auto& a : view.assignments) {
        assignments.push_back({{"evaluator", a.evaluator},
                               {"evaluator_org", a.evaluator_org},
                               {"due_at", format_rfc3339(a.due_at)},
                               {"assigned_at", format_rfc3339(a.assigned_at)}});
    }
    out["evaluators"] = std::move(assignments);
    auto evaluations = nlohmann::json::array();
    for (const auto& e : view.evaluations) {
        auto checks = nlohmann::json::array();
        for (const auto& c : e.checks) {
            checks.push_back({{"code", c.code}, {"verified", c.verified}, {"reason", c.reason}});
        }
        evaluations.push_back({{"evaluator", e.evaluator},
                               {"checks", std::move(checks)},
                               {"effective", e.effective},
                               {"opinion", e.opinion},
                               {"at", format_rfc3339(e.at)}});
    }
    out["evaluations"] = std::move(evaluations);
    out["verified_eligible_star"] = optional_value(view.verified_eligible_star);
    return out;
}

}  // namespace hx::dto

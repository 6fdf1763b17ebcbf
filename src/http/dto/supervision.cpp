#include "http/dto/supervision.hpp"

namespace hx::dto {

namespace {

nlohmann::json optional_time(const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json campaign_json(const supervision::ReportCampaign& c) {
    return {{"year", c.year}, {"deadline", format_rfc3339(c.deadline)}, {"set_by", c.set_by},
            {"set_at", format_rfc3339(c.set_at)}};
}

nlohmann::json annual_report_json(const supervision::AnnualReport& r) {
    return {{"id", r.id},
            {"year", r.year},
            {"community_code", r.community_code},
            {"serial", r.serial},
            {"summary", r.summary},
            {"plan", r.plan},
            {"residents_served", r.residents_served},
            {"services_online", r.services_online},
            {"investment", r.investment},
            {"state", supervision::to_string(r.state)},
            {"state_label", supervision::report_state_label(r.state)},
            {"submitted_at", optional_time(r.submitted_at)},
            {"reviewed_by", r.reviewed_by},
            {"reviewed_at", optional_time(r.reviewed_at)},
            {"review_opinion", r.review_opinion},
            {"updated_at", format_rfc3339(r.updated_at)}};
}

nlohmann::json attachment_json(const supervision::Attachment& a) {
    return {{"id", a.id},           {"sha256", a.sha256},           {"size", a.size},
            {"content_type", a.content_type}, {"file_name", a.file_name}, {"uploaded_by", a.uploaded_by},
            {"uploaded_at", format_rfc3339(a.uploaded_at)}};
}

nlohmann::json report_view_json(const supervision::ReportView& v) {
    auto attachments = nlohmann::json::array();
    for (const auto& a : v.attachments) attachments.push_back(attachment_json(a));
    return {{"campaign", v.campaign ? campaign_json(*v.campaign) : nlohmann::json(nullptr)},
            {"report", v.report ? annual_report_json(*v.report) : nlohmann::json(nullptr)},
            {"attachments", std::move(attachments)},
            {"serial", v.serial},
            {"overdue", v.overdue}};
}

nlohmann::json report_list_json(const supervision::ReportList& list) {
    auto items = nlohmann::json::array();
    for (const auto& r : list.rows) {
        items.push_back({{"community_code", r.community_code},
                         {"community_name", r.community_name},
                         {"district_code", r.district_code},
                         {"district", r.district},
                         {"serial", r.serial},
                         {"star", r.star},
                         {"report", r.report ? annual_report_json(*r.report) : nlohmann::json(nullptr)},
                         {"overdue", r.overdue}});
    }
    return {{"year", list.year},
            {"campaign", list.campaign ? campaign_json(*list.campaign) : nlohmann::json(nullptr)},
            {"total", list.rows.size()},
            {"submitted", list.submitted},
            {"accepted", list.accepted},
            {"overdue", list.overdue},
            {"items", std::move(items)}};
}

nlohmann::json rectification_json(const supervision::RectificationReport& r) {
    return {{"id", r.id},
            {"serial", r.serial},
            {"sanction_id", r.sanction_id},
            {"content", r.content},
            {"state", supervision::to_string(r.state)},
            {"state_label", supervision::report_state_label(r.state)},
            {"submitted_by", r.submitted_by},
            {"submitted_at", format_rfc3339(r.submitted_at)},
            {"reviewed_by", r.reviewed_by},
            {"reviewed_at", optional_time(r.reviewed_at)},
            {"review_opinion", r.review_opinion}};
}

nlohmann::json rectification_case_json(const supervision::RectificationCase& c) {
    auto reports = nlohmann::json::array();
    for (const auto& r : c.reports) {
        auto report = rectification_json(r);
        auto attachments = nlohmann::json::array();
        if (const auto it = c.attachments.find(r.id); it != c.attachments.end()) {
            for (const auto& a : it->second) attachments.push_back(attachment_json(a));
        }
        report["attachments"] = std::move(attachments);
        reports.push_back(std::move(report));
    }
    const auto& cert = c.certification;
    return {{"serial", cert.serial},
            {"community_code", cert.community_code},
            {"community_name", cert.full_name},
            {"district_code", cert.district_code},
            {"star", cert.star},
            {"reason", c.sanction.reason},
            {"deadline", optional_time(c.sanction.deadline)},
            {"sanctioned_at", format_rfc3339(c.sanction.created_at)},
            {"reports", std::move(reports)},
            {"overdue", c.overdue},
            {"revocation_proposed", c.revocation_proposed}};
}

nlohmann::json policy_json(const certifications::SanctionPolicy& p) {
    auto enabled = nlohmann::json::array();
    for (const auto kind : p.enabled) enabled.push_back(certifications::to_string(kind));
    return {{"enabled", std::move(enabled)},
            {"rectification_days", p.rectification_days},
            {"revocation_requires_rectification", p.revocation_requires_rectification}};
}

nlohmann::json check_item_json(const supervision::AnnualCheckItem& i) {
    return {{"id", i.id},
            {"year", i.year},
            {"serial", i.serial},
            {"community_code", i.community_code},
            {"community_name", i.community_name},
            {"district_code", i.district_code},
            {"inspectors", i.inspectors},
            {"passed", i.passed ? nlohmann::json(*i.passed) : nlohmann::json(nullptr)},
            {"findings", i.findings},
            {"action", i.action ? nlohmann::json(certifications::to_string(*i.action)) : nlohmann::json(nullptr)},
            {"action_label", i.action ? certifications::sanction_label(*i.action) : "无"},
            {"recorded_by", i.recorded_by},
            {"recorded_at", optional_time(i.recorded_at)}};
}

nlohmann::json annual_check_json(const supervision::AnnualCheck& c) {
    return {{"year", c.year},
            {"seed_sha256", c.draw.seed_sha256},
            {"committed_at", format_rfc3339(c.draw.committed_at)},
            {"seed", c.draw.seed ? nlohmann::json(*c.draw.seed) : nlohmann::json(nullptr)},
            {"drawn_at", optional_time(c.draw.drawn_at)},
            {"published_at", optional_time(c.published_at)}};
}

nlohmann::json public_check_json(const supervision::PublicCheck& p) {
    auto out = annual_check_json(p.check);
    auto items = nlohmann::json::array();
    std::int64_t failed = 0;
    for (const auto& i : p.items) {
        if (i.passed && !*i.passed) ++failed;
        items.push_back({{"serial", i.serial},
                         {"community_code", i.community_code},
                         {"community_name", i.community_name},
                         {"district_code", i.district_code},
                         {"passed", i.passed ? nlohmann::json(*i.passed) : nlohmann::json(nullptr)},
                         {"findings", i.findings},
                         {"action", i.action ? nlohmann::json(certifications::to_string(*i.action)) : nlohmann::json(nullptr)},
                         {"action_label", i.action ? certifications::sanction_label(*i.action) : "无"}});
    }
    out["checked"] = p.items.size();
    out["failed"] = failed;
    out["items"] = std::move(items);
    return out;
}

certifications::SanctionRequest read_sanction(http::JsonBody& body, const nlohmann::json& value, const std::string& prefix) {
    certifications::SanctionRequest out;
    if (!value.is_object()) {
        body.problem(prefix, "应为 {kind, reason, deadline?}");
        return out;
    }
    const auto kind = value.contains("kind") && value["kind"].is_string()
                          ? certifications::parse_sanction_kind(value["kind"].get<std::string>())
                          : std::nullopt;
    if (!kind) body.problem(prefix + ".kind", "应为 criticism、warning、rectification 或 revocation");
    out.kind = kind.value_or(certifications::SanctionKind::kCriticism);
    if (value.contains("reason") && value["reason"].is_string()) out.reason = value["reason"].get<std::string>();
    if (value.contains("deadline") && !value["deadline"].is_null()) {
        Timestamp at;
        if (value["deadline"].is_string() && parse_rfc3339(value["deadline"].get<std::string>(), at)) {
            out.deadline = at;
        } else {
            body.problem(prefix + ".deadline", "时间应为 RFC 3339 格式");
        }
    }
    return out;
}

}  // namespace hx::dto

#include "http/dto/notice.hpp"

#include <chrono>

namespace hx::dto {

namespace {

nlohmann::json optional_time(const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json notice_json(const notice::NoticeView& view) {
    auto items = nlohmann::json::array();
    for (const auto& i : view.items) {
        items.push_back({{"community_code", i.community_code},
                         {"community_name", i.community_name},
                         {"district_code", i.district_code},
                         {"district", i.district},
                         {"street", i.street},
                         {"star", i.star}});
    }
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(view.notice.ends_at - view.now).count();
    nlohmann::json out{{"round", {{"id", view.round.id}, {"name", view.round.name}, {"year", view.round.year}}},
                       {"starts_at", format_rfc3339(view.notice.starts_at)},
                       {"ends_at", format_rfc3339(view.notice.ends_at)},
                       {"status", notice::to_string(view.phase)},
                       {"status_label", notice::phase_label(view.phase)},
                       {"seconds_left", view.phase == notice::NoticePhase::kOpen ? left : 0},
                       {"items", std::move(items)},
                       {"spot_check", nullptr}};
    if (view.commitment) {
        auto checks = nlohmann::json::array();
        for (const auto& c : view.spot_checks) {
            checks.push_back({{"community_code", c.community_code},
                              {"community_name", c.community_name},
                              {"district_code", c.district_code},
                              {"passed", c.passed ? nlohmann::json(*c.passed) : nlohmann::json(nullptr)}});
        }
        const auto& c = *view.commitment;
        out["spot_check"] = {{"seed_sha256", c.seed_sha256},
                             {"committed_at", format_rfc3339(c.committed_at)},
                             {"seed", c.seed ? nlohmann::json(*c.seed) : nlohmann::json(nullptr)},
                             {"drawn_at", optional_time(c.drawn_at)},
                             {"checks", std::move(checks)}};
    }
    return out;
}

nlohmann::json comment_json(const notice::Comment& c) {
    return {{"id", c.id},
            {"round_id", c.round_id},
            {"application_id", c.application_id},
            {"community_code", c.community_code},
            {"community_name", c.community_name},
            {"content", c.content},
            {"name", c.name},
            {"phone", c.phone_masked},
            {"created_at", format_rfc3339(c.created_at)},
            {"moderation", notice::to_string(c.moderation)},
            {"disposition", c.disposition ? nlohmann::json(notice::to_string(*c.disposition)) : nlohmann::json(nullptr)},
            {"response", c.response},
            {"disposed_by", c.disposed_by},
            {"disposed_at", optional_time(c.disposed_at)}};
}

nlohmann::json commitment_json(const notice::Commitment& c) {
    return {{"round_id", c.round_id},
            {"seed_sha256", c.seed_sha256},
            {"committed_by", c.committed_by},
            {"committed_at", format_rfc3339(c.committed_at)},
            {"seed", c.seed ? nlohmann::json(*c.seed) : nlohmann::json(nullptr)},
            {"drawn_at", optional_time(c.drawn_at)}};
}

nlohmann::json spot_check_json(const notice::SpotCheck& c) {
    return {{"id", c.id},
            {"round_id", c.round_id},
            {"application_id", c.application_id},
            {"community_code", c.community_code},
            {"community_name", c.community_name},
            {"district_code", c.district_code},
            {"inspectors", c.inspectors},
            {"passed", c.passed ? nlohmann::json(*c.passed) : nlohmann::json(nullptr)},
            {"findings", c.findings},
            {"recorded_by", c.recorded_by},
            {"recorded_at", optional_time(c.recorded_at)}};
}

nlohmann::json photo_json(const notice::SpotCheckPhoto& p) {
    return {{"id", p.id},           {"spot_check_id", p.spot_check_id}, {"sha256", p.sha256},
            {"size", p.size},       {"content_type", p.content_type},   {"file_name", p.file_name},
            {"uploaded_by", p.uploaded_by}, {"uploaded_at", format_rfc3339(p.uploaded_at)}};
}

nlohmann::json certification_summary_json(const certifications::Certification& c) {
    return {{"serial", c.serial},
            {"community_code", c.community_code},
            {"community_name", c.community_name},
            {"full_name", c.full_name},
            {"district_code", c.district_code},
            {"district", c.district_name},
            {"street", c.street_name},
            {"star", c.star},
            {"title", certifications::title_of(c.star)},
            {"year", c.year},
            {"issued_at", format_rfc3339(c.issued_at)},
            {"status", certifications::to_string(c.status)},
            {"status_label", certifications::status_label(c.status)}};
}

nlohmann::json verification_json(const certifications::Verification& v) {
    auto out = certification_summary_json(v.certification);
    const auto& c = v.certification;
    out["status_changed_at"] = format_rfc3339(c.status_changed_at);
    out["superseded_by"] = c.superseded_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.superseded_by);
    out["issuers"] = certifications::issuers();
    out["signed"] = {{"payload", c.payload}, {"signature", c.signature}, {"key_id", c.key_id},
                     {"algorithm", "SM2-SM3"}};
    auto sanctions = nlohmann::json::array();
    for (const auto& s : v.sanctions) {
        sanctions.push_back({{"kind", certifications::to_string(s.kind)},
                             {"kind_label", certifications::sanction_label(s.kind)},
                             {"reason", s.reason},
                             {"deadline", optional_time(s.deadline)},
                             {"at", format_rfc3339(s.created_at)}});
    }
    out["sanctions"] = std::move(sanctions);
    return out;
}

Result<certifications::CertificationFilter> gallery_filter(const http::Request& request, regions::PageRequest& page) {
    certifications::CertificationFilter filter;
    std::vector<FieldError> problems;
    auto number = [&](const char* name, std::int64_t& out) {
        const auto text = request.query_value(name);
        if (!text || text->empty()) return false;
        try {
            std::size_t used = 0;
            out = std::stoll(*text, &used);
            if (used != text->size()) throw std::invalid_argument(name);
            return true;
        } catch (const std::exception&) {
            problems.push_back({name, "应为整数"});
            return false;
        }
    };
    std::int64_t value = 0;
    if (number("star", value)) filter.star = static_cast<int>(value);
    if (number("year", value)) filter.year = static_cast<int>(value);
    if (number("page", value)) page.page = value;
    if (number("page_size", value)) page.page_size = value;
    filter.district_code = request.query_value("district").value_or("");
    filter.query = request.query_value("q").value_or("");
    if (const auto status = request.query_value("status"); status && !status->empty()) {
        filter.status = certifications::parse_status(*status);
        if (!filter.status) problems.push_back({"status", "应为 valid、under_rectification、revoked 或 superseded"});
    }
    if (!problems.empty()) return fail(Error::invalid("invalid_request", "查询条件有误", problems));
    return filter;
}

notice::DrawRequest read_draw_request(http::JsonBody& body) {
    notice::DrawRequest draw;
    draw.seed = body.required_string("seed");
    draw.per_district = static_cast<int>(body.optional_int("per_district").value_or(0));
    if (const auto it = body.value().find("rate"); it != body.value().end() && !it->is_null()) {
        if (it->is_number()) {
            draw.rate = it->get<double>();
        } else {
            body.problem("rate", "应为 0 到 1 之间的小数");
        }
    }
    draw.inspectors_per_check = static_cast<int>(body.optional_int("inspectors_per_check").value_or(2));
    return draw;
}

}  // namespace hx::dto

#include "http/router.hpp"

#include "http/handlers/handlers.hpp"

namespace hx::http {

namespace h = handlers;

const std::vector<Route>& routes() {
    // Every route of the server, in one place. The authorization of each is the domain's
    // (services check role and scope); `access` here only says whether a session is needed.
    static const std::vector<Route> table = {
        {"GET", "/healthz", Access::kPublic, h::healthz},
        {"GET", "/metrics", Access::kPublic, h::metrics},
        {"GET", "/api/v1/openapi.json", Access::kPublic, h::openapi, Caching::kPublicShort},

        {"POST", "/api/v1/session", Access::kPublic, h::sign_in},
        {"DELETE", "/api/v1/session", Access::kUser, h::sign_out},
        {"GET", "/api/v1/me", Access::kUser, h::me},

        {"POST", "/api/v1/users", Access::kUser, h::create_user},
        {"GET", "/api/v1/users", Access::kUser, h::list_users},
        {"GET", "/api/v1/users/{id}", Access::kUser, h::get_user},
        {"POST", "/api/v1/users/{id}/disable", Access::kUser, h::disable_user},
        {"POST", "/api/v1/users/{id}/enable", Access::kUser, h::enable_user},
        {"POST", "/api/v1/users/{id}/password", Access::kUser, h::reset_password},
        {"POST", "/api/v1/users/{id}/unlock", Access::kUser, h::unlock_user},
        {"PUT", "/api/v1/users/{id}/email", Access::kUser, h::set_user_email},
        {"GET", "/api/v1/security/policy", Access::kUser, h::get_security_policy},
        {"PUT", "/api/v1/security/policy", Access::kUser, h::put_security_policy},

        {"GET", "/api/v1/regions", Access::kUser, h::list_districts, Caching::kScopedShort},
        {"GET", "/api/v1/regions/search", Access::kUser, h::search_regions, Caching::kScopedShort},
        {"GET", "/api/v1/regions/{code}", Access::kUser, h::get_region, Caching::kScopedShort},
        {"GET", "/api/v1/communities/{code}", Access::kUser, h::get_community, Caching::kScopedShort},
        {"PUT", "/api/v1/communities/{code}/pilot", Access::kUser, h::put_pilot},

        {"GET", "/api/v1/standards", Access::kPublic, h::list_standards, Caching::kPublicShort},
        {"POST", "/api/v1/standards", Access::kUser, h::import_standard},
        {"GET", "/api/v1/standards/{id}", Access::kPublic, h::get_standard, Caching::kPublicShort},
        {"GET", "/api/v1/standards/{id}/revisions", Access::kPublic, h::standard_revisions, Caching::kPublicShort},
        {"GET", "/api/v1/standards/{id}/workbook", Access::kPublic, h::standard_workbook},
        {"POST", "/api/v1/standards/{id}/simulate", Access::kUser, h::simulate_standard},
        {"POST", "/api/v1/rating/evaluate", Access::kPublic, h::evaluate_rating},

        {"GET", "/api/v1/todo", Access::kUser, h::todo},
        {"GET", "/api/v1/notifications", Access::kUser, h::list_notifications},
        {"POST", "/api/v1/notifications/read-all", Access::kUser, h::read_all_notifications},
        {"POST", "/api/v1/notifications/{id}/read", Access::kUser, h::read_notification},
        {"POST", "/api/v1/rounds", Access::kUser, h::create_round},
        {"GET", "/api/v1/rounds", Access::kUser, h::list_rounds},
        {"GET", "/api/v1/rounds/{id}", Access::kUser, h::get_round},
        {"POST", "/api/v1/rounds/{id}/open", Access::kUser, h::open_round},
        {"POST", "/api/v1/rounds/{id}/applications", Access::kUser, h::create_application},
        {"GET", "/api/v1/rounds/{id}/applications", Access::kUser, h::list_applications},
        {"GET", "/api/v1/applications/{id}", Access::kUser, h::get_application},
        {"PUT", "/api/v1/applications/{id}/assessment", Access::kUser, h::put_assessment},
        {"POST", "/api/v1/applications/{id}/evidence", Access::kUser, h::upload_evidence},
        {"GET", "/api/v1/applications/{id}/evidence/{evidence_id}", Access::kUser, h::download_evidence},
        {"POST", "/api/v1/applications/{id}/submit", Access::kUser, h::submit_application},
        {"POST", "/api/v1/applications/{id}/withdraw", Access::kUser, h::withdraw_application},
        {"POST", "/api/v1/applications/{id}/street-review", Access::kUser, h::street_review},
        {"POST", "/api/v1/applications/{id}/district-review", Access::kUser, h::district_review},
        {"POST", "/api/v1/applications/{id}/district-return", Access::kUser, h::district_return},
        {"POST", "/api/v1/applications/{id}/recommend", Access::kUser, h::recommend_application},
        {"POST", "/api/v1/applications/{id}/evaluators", Access::kUser, h::assign_evaluator},
        {"POST", "/api/v1/applications/{id}/evaluation", Access::kUser, h::submit_evaluation},
        {"POST", "/api/v1/applications/{id}/decision", Access::kUser, h::decide_application},

        {"GET", "/api/v1/rounds/{id}/recommendations", Access::kUser, h::list_recommendations},
        {"POST", "/api/v1/rounds/{id}/recommendations/{district}/receipt", Access::kUser, h::receive_recommendation},
        {"GET", "/api/v1/rounds/{id}/recommendations/{district}/list.pdf", Access::kUser, h::recommendation_list_pdf},
        {"GET", "/api/v1/rounds/{id}/recommendations/{district}/list.xlsx", Access::kUser, h::recommendation_list_xlsx},
        {"GET", "/api/v1/applications/{id}/form.pdf", Access::kUser, h::application_form_pdf},
        {"POST", "/api/v1/rounds/{id}/notice", Access::kUser, h::publish_notice},
        {"GET", "/api/v1/rounds/{id}/comments", Access::kUser, h::list_comments},
        {"POST", "/api/v1/comments/{id}/moderation", Access::kUser, h::moderate_comment},
        {"POST", "/api/v1/comments/{id}/disposition", Access::kUser, h::dispose_comment},
        {"POST", "/api/v1/rounds/{id}/spot-checks/commitment", Access::kUser, h::commit_spot_checks},
        {"POST", "/api/v1/rounds/{id}/spot-checks", Access::kUser, h::draw_spot_checks},
        {"GET", "/api/v1/rounds/{id}/spot-checks", Access::kUser, h::list_spot_checks},
        {"POST", "/api/v1/spot-checks/{id}/result", Access::kUser, h::record_spot_check},
        {"POST", "/api/v1/spot-checks/{id}/photos", Access::kUser, h::upload_spot_check_photo},
        {"GET", "/api/v1/spot-checks/{id}/photos", Access::kUser, h::list_spot_check_photos},
        {"GET", "/api/v1/spot-checks/{id}/photos/{photo_id}", Access::kUser, h::download_spot_check_photo},
        {"POST", "/api/v1/rounds/{id}/finalize", Access::kUser, h::finalize_round},
        {"POST", "/api/v1/certifications/{serial}/sanctions", Access::kUser, h::add_sanction},

        {"PUT", "/api/v1/annual-reports/{year}/deadline", Access::kUser, h::set_report_deadline},
        {"GET", "/api/v1/annual-reports/{year}", Access::kUser, h::list_annual_reports},
        {"GET", "/api/v1/annual-reports/{year}/mine", Access::kUser, h::get_my_report},
        {"PUT", "/api/v1/annual-reports/{year}/mine", Access::kUser, h::put_my_report},
        {"POST", "/api/v1/annual-reports/{year}/mine/submit", Access::kUser, h::submit_my_report},
        {"POST", "/api/v1/annual-reports/{year}/mine/attachments", Access::kUser, h::upload_report_attachment},
        {"POST", "/api/v1/reports/{id}/review", Access::kUser, h::review_annual_report},
        {"GET", "/api/v1/reports/{id}/attachments/{attachment_id}", Access::kUser, h::download_report_attachment},
        {"POST", "/api/v1/certifications/{serial}/rectification-reports", Access::kUser, h::file_rectification},
        {"POST", "/api/v1/rectification-reports/{id}/attachments", Access::kUser, h::upload_rectification_attachment},
        {"GET", "/api/v1/rectification-reports/{id}/attachments/{attachment_id}", Access::kUser,
         h::download_rectification_attachment},
        {"POST", "/api/v1/rectification-reports/{id}/review", Access::kUser, h::review_rectification},
        {"GET", "/api/v1/rectifications", Access::kUser, h::list_rectifications},
        {"GET", "/api/v1/sanctions/policy", Access::kUser, h::get_sanction_policy},
        {"PUT", "/api/v1/sanctions/policy", Access::kUser, h::put_sanction_policy},
        {"POST", "/api/v1/annual-checks/{year}/commitment", Access::kUser, h::commit_annual_check},
        {"POST", "/api/v1/annual-checks/{year}/draw", Access::kUser, h::draw_annual_check},
        {"GET", "/api/v1/annual-checks/{year}", Access::kUser, h::list_annual_check},
        {"POST", "/api/v1/annual-check-items/{id}/result", Access::kUser, h::record_annual_check},
        {"POST", "/api/v1/annual-checks/{year}/publish", Access::kUser, h::publish_annual_check},
        {"GET", "/api/v1/public/annual-checks", Access::kPublic, h::public_annual_checks_json, Caching::kPublicShort},
        {"GET", "/api/v1/public/annual-checks/{year}", Access::kPublic, h::public_annual_check_json, Caching::kPublicShort},

        {"GET", "/api/v1/public/notices", Access::kPublic, h::public_notices_json, Caching::kPublicShort},
        {"GET", "/api/v1/public/notices/{id}", Access::kPublic, h::public_notice_json, Caching::kPublicShort},
        {"POST", "/api/v1/public/phone-codes", Access::kPublic, h::send_phone_code},
        {"POST", "/api/v1/public/notices/{id}/comments", Access::kPublic, h::post_comment},
        {"GET", "/api/v1/public/verify/{serial}", Access::kPublic, h::verify_json, Caching::kPublicShort},
        {"GET", "/api/v1/public/keys", Access::kPublic, h::public_keys, Caching::kPublicShort},
        {"GET", "/api/v1/public/certifications", Access::kPublic, h::public_certifications, Caching::kPublicShort},

        {"GET", "/api/v1/stats/coverage", Access::kUser, h::stats_coverage},
        {"GET", "/api/v1/stats/next-round", Access::kUser, h::stats_next_round},
        {"GET", "/api/v1/stats/summary", Access::kUser, h::stats_summary},
        {"GET", "/api/v1/stats/funnel", Access::kUser, h::stats_funnel},
        {"GET", "/api/v1/stats/indicators", Access::kUser, h::stats_indicators},
        {"GET", "/api/v1/plans", Access::kUser, h::list_plans},
        {"PUT", "/api/v1/plans/target", Access::kUser, h::put_plan_target},
        {"PUT", "/api/v1/plans/{district_code}/{year}", Access::kUser, h::put_plan},
        {"GET", "/api/v1/public/open-data/certifications.json", Access::kPublic, h::open_data_json, Caching::kPublicShort},
        {"GET", "/api/v1/public/open-data/certifications.csv", Access::kPublic, h::open_data_csv, Caching::kPublicShort},

        {"GET", "/api/v1/audit", Access::kUser, h::list_audit},
        {"GET", "/api/v1/audit/export", Access::kUser, h::export_audit},

        {"GET", "/api/v1/system/clock", Access::kPublic, h::get_clock},
        {"PUT", "/api/v1/system/clock", Access::kUser, h::put_clock},

        {"GET", "/", Access::kPublic, h::public_home, Caching::kPublicShort},
        {"GET", "/public/site.css", Access::kPublic, h::public_home, Caching::kPublicShort},
        {"GET", "/public/standards", Access::kPublic, h::public_standards, Caching::kPublicShort},
        {"GET", "/public/standards/{id}", Access::kPublic, h::public_standard, Caching::kPublicShort},
        {"GET", "/public/notices", Access::kPublic, h::public_notices_page, Caching::kPublicShort},
        {"GET", "/public/notices.atom", Access::kPublic, h::public_notices_atom, Caching::kPublicShort},
        {"GET", "/public/notices/{id}", Access::kPublic, h::public_notice_page, Caching::kPublicShort},
        {"POST", "/public/notices/{id}/phone-code", Access::kPublic, h::public_notice_phone_code},
        {"POST", "/public/notices/{id}/comment", Access::kPublic, h::public_notice_comment},
        {"GET", "/public/notices/{id}/embed", Access::kPublic, h::public_notice_embed, Caching::kPublicShort},
        {"GET", "/public/notices/{id}/commendation.pdf", Access::kPublic, h::public_commendation_pdf,
         Caching::kPublicShort},
        {"GET", "/public/annual-checks/{year}/bulletin.pdf", Access::kPublic, h::public_bulletin_pdf,
         Caching::kPublicShort},
        {"GET", "/public/annual-checks/{year}", Access::kPublic, h::public_annual_check_page, Caching::kPublicShort},
        {"GET", "/public/verify", Access::kPublic, h::public_verify_page, Caching::kPublicShort},
        {"GET", "/public/verify/{serial}", Access::kPublic, h::public_verify_page, Caching::kPublicShort},
        {"GET", "/public/certifications", Access::kPublic, h::public_gallery_page, Caching::kPublicShort},
        {"GET", "/public/communities/{code}", Access::kPublic, h::public_community_page, Caching::kPublicShort},
        {"GET", "/public/badges/{file}", Access::kPublic, h::public_badge, Caching::kPublicShort},
        {"GET", "/public/plaques/{file}", Access::kPublic, h::public_plaque, Caching::kPublicShort},
        {"GET", "/console", Access::kPublic, h::console_redirect},
        {"GET", "/console/*", Access::kPublic, h::console},
    };
    return table;
}

namespace {

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params) {
    std::map<std::string, std::string> found;
    std::size_t p = 0;
    std::size_t q = 0;
    while (p < pattern.size() && q <= path.size()) {
        if (pattern.substr(p) == "*") {
            found["*"] = std::string(path.substr(q));
            params = std::move(found);
            return true;
        }
        if (pattern[p] == '{') {
            const auto close = pattern.find('}', p);
            const auto name = pattern.substr(p + 1, close - p - 1);
            auto end = path.find('/', q);
            if (end == std::string_view::npos) end = path.size();
            if (end == q) return false;  // an empty segment never matches a parameter
            found[std::string(name)] = std::string(path.substr(q, end - q));
            p = close + 1;
            q = end;
            continue;
        }
        if (q >= path.size() || pattern[p] != path[q]) return false;
        ++p;
        ++q;
    }
    if (p != pattern.size() || q != path.size()) return false;
    params = std::move(found);
    return true;
}

}  // namespace

Match match_route(const std::string& method, const std::string& path,
                  std::map<std::string, std::string>& params) {
    Match match;
    // Literal segments win over parameters (`/regions/search` before `/regions/{code}`): the
    // table lists literal routes first where both could match.
    for (const auto& route : routes()) {
        std::map<std::string, std::string> candidate;
        if (!match_pattern(route.pattern, path, candidate)) continue;
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            params = std::move(candidate);
            match.route = &route;
            return match;
        }
        match.path_matched = true;
    }
    return match;
}

}  // namespace hx::http

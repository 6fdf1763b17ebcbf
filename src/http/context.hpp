#pragma once
/// What a handler may reach: the services (built by the composition root) and the caller.
#include <functional>
#include <optional>

#include "core/clock.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_service.hpp"
#include "domain/regions/region_service.hpp"
#include "domain/standards/standard_service.hpp"
#include "domain/rounds/round_service.hpp"
#include "domain/applications/application_service.hpp"
#include "domain/certifications/certification_service.hpp"
#include "domain/notice/notice_service.hpp"
#include "domain/supervision/supervision_service.hpp"
#include "domain/stats/stats_service.hpp"
#include "domain/stats/table.hpp"
#include "domain/reminders/reminder_service.hpp"
#include "http/request.hpp"

namespace hx::http {

class StaticFiles;
class Metrics;
class ResponseCache;

/// Renderers the composition root hands in (http may not link render; cli joins them).
struct Renderers {
    std::function<Result<std::string>(const standards::Standard&)> standard_workbook;
    /// A plaque as svg, png or pdf, its QR code pointing at `verify_url`.
    std::function<Result<std::string>(const certifications::Certification&, const std::string& format,
                                      const std::string& verify_url)>
        plaque;
    /// Statistics tables as one XLSX workbook, one sheet per table.
    std::function<Result<std::string>(const std::vector<stats::Table>&)> tables_workbook;
    /// 第十五条 通报表彰 of a named round, and 第十九条 the annual check's bulletin, as PDF.
    std::function<Result<std::string>(const rounds::Round&, const notice::Notice&,
                                      const std::vector<certifications::Certification>&, const std::string&)>
        commendation;
    std::function<Result<std::string>(const supervision::PublicCheck&)> bulletin;
    /// 第十四条2 the application form (申报表, three copies) as PDF, and a district's
    /// recommendation list as "pdf" or "xlsx".
    std::function<Result<std::string>(const applications::FormData&)> application_form;
    std::function<Result<std::string>(const applications::RecommendationListData&, const std::string&)>
        recommendation_list;
};

struct Services {
    const Clock& clock;
    /// Set only under `serve --test-clock`; PUT /api/v1/system/clock answers 404 otherwise.
    SettableClock* test_clock = nullptr;
    Store& store;
    identity::IdentityService& identity;
    regions::RegionService& regions;
    audit::AuditQueries& audit;
    standards::StandardService& standards;
    rounds::RoundService& rounds;
    applications::ApplicationService& applications;
    notice::NoticeService& notice;
    certifications::CertificationService& certifications;
    supervision::SupervisionService& supervision;
    stats::StatsService& stats;
    const StaticFiles& web;
    const Renderers& renderers;
    Metrics& metrics;
    ResponseCache& cache;
    /// Where the public reaches this site (QR codes, the Atom feed, embed snippets).
    std::string public_url;
    /// The reminders (docs/workflow.md); the notification routes answer 503 without them. Run
    /// again right after the test clock is set, so tests see the reminders of the new time.
    reminders::ReminderService* reminders = nullptr;
};

struct Context {
    Services& services;
    std::optional<identity::Authenticated> auth;

    [[nodiscard]] const identity::Actor& actor() const { return auth->actor; }
};

using Handler = Response (*)(const Request&, Context&);

}  // namespace hx::http

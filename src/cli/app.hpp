#pragma once
/// The composition root: opens the database, builds the services, wires the server.
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
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
#include "domain/reminders/reminder_service.hpp"
#include "cli/secrets.hpp"
#include "storage/store_factory.hpp"

namespace hx::cli {

/// Everything a subcommand needs, in dependency order.
class App {
public:
    /// `files_dir` holds evidence by content hash; empty: beside the SQLite file (PATH.files).
    /// `secrets` holds the plaque seal's key and the phone key; empty: beside a SQLite file
    /// (PATH.secrets), or $HUIXING_SECRETS.
    static Result<std::unique_ptr<App>> open(const std::string& db_url, int pool_size,
                                             bool test_clock, const std::string& files_dir = "",
                                             const std::string& secrets = "");

    Store& store() { return *database_; }
    const Clock& clock() const { return *clock_; }
    SettableClock* test_clock() { return test_clock_; }
    identity::IdentityService& identity() { return *identity_; }
    regions::RegionService& regions() { return *regions_; }
    audit::AuditQueries& audit() { return *audit_; }
    standards::StandardService& standards() { return *standards_; }
    rounds::RoundService& rounds() { return *rounds_; }
    applications::ApplicationService& applications() { return *applications_; }
    notice::NoticeService& notice() { return *notice_; }
    certifications::CertificationService& certifications() { return *certifications_; }
    supervision::SupervisionService& supervision() { return *supervision_; }
    stats::StatsService& stats() { return *stats_; }
    reminders::ReminderService& reminders() { return *reminders_; }

private:
    App() = default;
    std::unique_ptr<Clock> clock_;
    SettableClock* test_clock_ = nullptr;
    std::unique_ptr<Store> database_;
    std::unique_ptr<identity::IdentityService> identity_;
    std::unique_ptr<regions::RegionService> regions_;
    std::unique_ptr<audit::AuditQueries> audit_;
    std::unique_ptr<standards::StandardService> standards_;
    std::unique_ptr<applications::FileStore> files_;
    std::unique_ptr<rounds::RoundService> rounds_;
    std::unique_ptr<applications::ApplicationService> applications_;
    std::unique_ptr<certifications::Sealer> sealer_;
    std::unique_ptr<notice::PhoneProtector> phones_;
    LogSmsSender sms_;
    std::unique_ptr<notice::NoticeService> notice_;
    std::unique_ptr<certifications::CertificationService> certifications_;
    std::unique_ptr<supervision::SupervisionService> supervision_;
    std::unique_ptr<stats::StatsService> stats_;
    std::unique_ptr<reminders::ReminderService> reminders_;
};

/// Prints an error for a person at a terminal: the Chinese message and each field problem.
void print_error(const Error& error);

}  // namespace hx::cli

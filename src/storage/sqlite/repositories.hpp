#pragma once
#include "domain/store.hpp"
#include "storage/sqlite/application_repository.hpp"
#include "storage/sqlite/audit_repository.hpp"
#include "storage/sqlite/certification_repository.hpp"
#include "storage/sqlite/mail_outbox_repository.hpp"
#include "storage/sqlite/notice_repository.hpp"
#include "storage/sqlite/notification_repository.hpp"
#include "storage/sqlite/idempotency_repository.hpp"
#include "storage/sqlite/region_repository.hpp"
#include "storage/sqlite/round_repository.hpp"
#include "storage/sqlite/session_repository.hpp"
#include "storage/sqlite/settings_repository.hpp"
#include "storage/sqlite/standard_repository.hpp"
#include "storage/sqlite/supervision_repository.hpp"
#include "storage/sqlite/stats_repository.hpp"
#include "storage/sqlite/throttle_repository.hpp"
#include "storage/sqlite/user_repository.hpp"

namespace hx::storage::sqlite {

/// Every repository, bound to one connection. SqliteStore keeps one per pooled connection and
/// hands it to the work of the transaction running on that connection.
class SqliteRepositories final : public Repositories {
public:
    explicit SqliteRepositories(sql::Connection& connection)
        : regions_(connection),
          users_(connection),
          sessions_(connection),
          throttle_(connection),
          settings_(connection),
          audit_(connection),
          standards_(connection),
          rounds_(connection),
          applications_(connection),
          notices_(connection),
          certifications_(connection),
          supervision_(connection),
          idempotency_(connection),
          stats_(connection),
          notifications_(connection),
          mail_outbox_(connection) {}

    regions::RegionRepository& regions() override { return regions_; }
    identity::UserRepository& users() override { return users_; }
    identity::SessionRepository& sessions() override { return sessions_; }
    identity::ThrottleRepository& throttle() override { return throttle_; }
    identity::SettingsRepository& settings() override { return settings_; }
    audit::AuditRepository& audit() override { return audit_; }
    standards::StandardRepository& standards() override { return standards_; }
    rounds::RoundRepository& rounds() override { return rounds_; }
    applications::ApplicationRepository& applications() override { return applications_; }
    notice::NoticeRepository& notices() override { return notices_; }
    certifications::CertificationRepository& certifications() override { return certifications_; }
    supervision::SupervisionRepository& supervision() override { return supervision_; }
    idempotency::IdempotencyRepository& idempotency() override { return idempotency_; }
    stats::StatsRepository& stats() override { return stats_; }
    reminders::NotificationRepository& notifications() override { return notifications_; }
    reminders::MailOutboxRepository& mail_outbox() override { return mail_outbox_; }

private:
    SqliteRegionRepository regions_;
    SqliteUserRepository users_;
    SqliteSessionRepository sessions_;
    SqliteThrottleRepository throttle_;
    SqliteSettingsRepository settings_;
    SqliteAuditRepository audit_;
    SqliteStandardRepository standards_;
    SqliteRoundRepository rounds_;
    SqliteApplicationRepository applications_;
    SqliteNoticeRepository notices_;
    SqliteCertificationRepository certifications_;
    SqliteSupervisionRepository supervision_;
    SqliteIdempotencyRepository idempotency_;
    SqliteStatsRepository stats_;
    SqliteNotificationRepository notifications_;
    SqliteMailOutboxRepository mail_outbox_;
};

}  // namespace hx::storage::sqlite

#pragma once
/// The unit of work: every use case runs in one transaction, its audit record inside it.
#include <functional>

#include "core/result.hpp"

namespace hx {

namespace regions { class RegionRepository; }
namespace identity {
class UserRepository;
class SessionRepository;
class ThrottleRepository;
class SettingsRepository;
}  // namespace identity
namespace audit { class AuditRepository; }
namespace standards { class StandardRepository; }
namespace rounds { class RoundRepository; }
namespace applications { class ApplicationRepository; }
namespace notice { class NoticeRepository; }
namespace certifications { class CertificationRepository; }
namespace supervision { class SupervisionRepository; }
namespace idempotency { class IdempotencyRepository; }
namespace stats { class StatsRepository; }
namespace reminders {
class NotificationRepository;
class MailOutboxRepository;
}  // namespace reminders

/// The repositories of one transaction. Valid only inside Store::read/write.
class Repositories {
public:
    virtual ~Repositories() = default;
    virtual regions::RegionRepository& regions() = 0;
    virtual identity::UserRepository& users() = 0;
    virtual identity::SessionRepository& sessions() = 0;
    virtual identity::ThrottleRepository& throttle() = 0;
    virtual identity::SettingsRepository& settings() = 0;
    virtual audit::AuditRepository& audit() = 0;
    virtual standards::StandardRepository& standards() = 0;
    virtual rounds::RoundRepository& rounds() = 0;
    virtual applications::ApplicationRepository& applications() = 0;
    virtual notice::NoticeRepository& notices() = 0;
    virtual certifications::CertificationRepository& certifications() = 0;
    virtual supervision::SupervisionRepository& supervision() = 0;
    virtual idempotency::IdempotencyRepository& idempotency() = 0;
    virtual stats::StatsRepository& stats() = 0;
    virtual reminders::NotificationRepository& notifications() = 0;
    virtual reminders::MailOutboxRepository& mail_outbox() = 0;
};

using Work = std::function<Status(Repositories&)>;

class Store {
public:
    virtual ~Store() = default;
    /// A read-only transaction with a consistent snapshot.
    virtual Status read(const Work& work) = 0;
    /// A write transaction: committed when `work` succeeds, rolled back otherwise. Writers are
    /// serialised (SQLite: BEGIN IMMEDIATE with a busy timeout). The commit is durable on return.
    virtual Status write(const Work& work) = 0;
    /// A write transaction that encloses whole use cases: every read() and write() this thread
    /// makes inside `work` joins it instead of opening its own (each as a savepoint, so one that
    /// fails is rolled back alone, as it would have been on its own), and nothing commits before
    /// `work` returns success. The HTTP layer runs a request with an `Idempotency-Key` in one, so
    /// the stored answer commits together with the write it acknowledges (docs/reliability.md).
    virtual Status write_enclosing(const Work& work) = 0;
};

}  // namespace hx

#pragma once
#include "domain/reminders/mail.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The `mail_outbox` table (migration 0012): reminders waiting to be e-mailed.
class SqliteMailOutboxRepository final : public reminders::MailOutboxRepository {
public:
    explicit SqliteMailOutboxRepository(sql::Connection& connection) : connection_(connection) {}

    Result<bool> enqueue(const reminders::Notification& notification, Timestamp at) override;
    Result<std::vector<reminders::OutboxItem>> due(Timestamp now, int limit) override;
    Result<bool> claim(std::int64_t id, Timestamp seen_next_attempt, Timestamp lease_until) override;
    Status mark_sent(std::int64_t id, Timestamp at) override;
    Status mark_failed(std::int64_t id, int attempts, Timestamp next_attempt,
                       const std::string& error) override;
    Status give_up(std::int64_t id, int attempts, Timestamp at, const std::string& error) override;
    Result<reminders::OutboxCounts> counts() override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

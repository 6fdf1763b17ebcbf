#pragma once
#include "domain/reminders/reminder.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The `notifications` table (migration 0011): each user's reminders.
class SqliteNotificationRepository final : public reminders::NotificationRepository {
public:
    explicit SqliteNotificationRepository(sql::Connection& connection) : connection_(connection) {}

    Result<bool> insert(const reminders::Notification& notification) override;
    Result<regions::Page<reminders::Notification>> list(std::int64_t user_id,
                                                        const regions::PageRequest& page) override;
    Result<std::int64_t> unread(std::int64_t user_id) override;
    Result<std::optional<reminders::Notification>> find(std::int64_t id, std::int64_t user_id) override;
    Status mark_read(std::int64_t id, std::int64_t user_id, Timestamp at) override;
    Result<std::int64_t> mark_all_read(std::int64_t user_id, Timestamp at) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

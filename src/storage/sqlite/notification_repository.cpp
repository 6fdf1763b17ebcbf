#include "storage/sqlite/notification_repository.hpp"

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

namespace {
constexpr std::string_view kList = R"sql(
SELECT id, user_id, subject, deadline, days_before, title, body, link, created_at, read_at, emailed_at
FROM notifications WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3)sql";
constexpr std::string_view kFind = R"sql(
SELECT id, user_id, subject, deadline, days_before, title, body, link, created_at, read_at, emailed_at
FROM notifications WHERE id = ?1 AND user_id = ?2)sql";
constexpr std::string_view kInsert = R"sql(
INSERT INTO notifications (user_id, subject, deadline, days_before, title, body, link, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (user_id, subject, deadline, days_before) DO NOTHING)sql";
constexpr std::string_view kCount = "SELECT count(*) FROM notifications WHERE user_id = ?1";
constexpr std::string_view kUnread = "SELECT count(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at = ?3 WHERE id = ?1 AND user_id = ?2 AND read_at IS NULL";
constexpr std::string_view kMarkAllRead =
    "UPDATE notifications SET read_at = ?2 WHERE user_id = ?1 AND read_at IS NULL";

reminders::Notification read_row(const Statement& row) {
    reminders::Notification n;
    n.id = row.column_int64(0);
    n.user_id = row.column_int64(1);
    n.subject = row.column_text(2);
    n.deadline = from_unix_ms(row.column_int64(3));
    n.days_before = static_cast<int>(row.column_int64(4));
    n.title = row.column_text(5);
    n.body = row.column_text(6);
    n.link = row.column_text(7);
    n.created_at = from_unix_ms(row.column_int64(8));
    n.read_at = optional_time(row, 9);
    n.emailed_at = optional_time(row, 10);
    return n;
}

}  // namespace

Result<bool> SqliteNotificationRepository::insert(const reminders::Notification& n) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    statement.bind_int64(1, n.user_id)
        .bind_text(2, n.subject)
        .bind_int64(3, to_unix_ms(n.deadline))
        .bind_int64(4, n.days_before)
        .bind_text(5, n.title)
        .bind_text(6, n.body)
        .bind_text(7, n.link)
        .bind_int64(8, to_unix_ms(n.created_at));
    RETURN_IF_ERROR(statement.run());
    return connection_.changes() > 0;
}

Result<regions::Page<reminders::Notification>> SqliteNotificationRepository::list(std::int64_t user_id,
                                                                                  const regions::PageRequest& page) {
    RETURN_IF_ERROR(check_page(page));
    regions::Page<reminders::Notification> out;
    ASSIGN_OR_RETURN(auto count, connection_.prepare(kCount));
    count.bind_int64(1, user_id);
    ASSIGN_OR_RETURN(out.total, read_count(count));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kList));
    query.bind_int64(1, user_id).bind_int64(2, page.page_size).bind_int64(3, page.offset());
    ASSIGN_OR_RETURN(out.items, read_all<reminders::Notification>(query, read_row));
    return out;
}

Result<std::int64_t> SqliteNotificationRepository::unread(std::int64_t user_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kUnread));
    query.bind_int64(1, user_id);
    return read_count(query);
}

Result<std::optional<reminders::Notification>> SqliteNotificationRepository::find(std::int64_t id,
                                                                                 std::int64_t user_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFind));
    query.bind_int64(1, id).bind_int64(2, user_id);
    return read_one<reminders::Notification>(query, read_row);
}

Status SqliteNotificationRepository::mark_read(std::int64_t id, std::int64_t user_id, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kMarkRead));
    statement.bind_int64(1, id).bind_int64(2, user_id).bind_int64(3, to_unix_ms(at));
    return statement.run();
}

Result<std::int64_t> SqliteNotificationRepository::mark_all_read(std::int64_t user_id, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kMarkAllRead));
    statement.bind_int64(1, user_id).bind_int64(2, to_unix_ms(at));
    RETURN_IF_ERROR(statement.run());
    return connection_.changes();
}

}  // namespace hx::storage::sqlite

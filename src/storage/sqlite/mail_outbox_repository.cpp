#include "storage/sqlite/mail_outbox_repository.hpp"

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

namespace {

// The reminder by its unique key; only for an active user with an address. (SQLite needs the
// WHERE for INSERT … SELECT … ON CONFLICT to parse.)
constexpr std::string_view kEnqueue = R"sql(
INSERT INTO mail_outbox (notification_id, attempts, next_attempt_at, created_at)
SELECT n.id, 0, ?5, ?5
  FROM notifications n JOIN users u ON u.id = n.user_id
 WHERE n.user_id = ?1 AND n.subject = ?2 AND n.deadline = ?3 AND n.days_before = ?4
   AND u.email <> '' AND u.disabled = 0
ON CONFLICT (notification_id) DO NOTHING)sql";

// The recipient as it is now: a cleared address or a disabled account reads as ''.
constexpr std::string_view kDue = R"sql(
SELECT o.id, o.attempts, o.next_attempt_at, CASE WHEN u.disabled = 0 THEN u.email ELSE '' END,
       u.name, n.id, n.user_id, n.subject, n.deadline, n.days_before, n.title, n.body, n.link,
       n.created_at
  FROM mail_outbox o
  JOIN notifications n ON n.id = o.notification_id
  JOIN users u ON u.id = n.user_id
 WHERE o.sent_at IS NULL AND o.gave_up_at IS NULL AND o.next_attempt_at <= ?1
 ORDER BY o.next_attempt_at, o.id
 LIMIT ?2)sql";

constexpr std::string_view kClaim = R"sql(
UPDATE mail_outbox SET next_attempt_at = ?3
 WHERE id = ?1 AND next_attempt_at = ?2 AND sent_at IS NULL AND gave_up_at IS NULL)sql";
constexpr std::string_view kMarkSent =
    "UPDATE mail_outbox SET sent_at = ?2, attempts = attempts + 1 WHERE id = ?1 AND sent_at IS NULL";
constexpr std::string_view kMarkEmailed = R"sql(
UPDATE notifications SET emailed_at = ?2
 WHERE id = (SELECT notification_id FROM mail_outbox WHERE id = ?1))sql";
constexpr std::string_view kMarkFailed =
    "UPDATE mail_outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 WHERE id = ?1";
constexpr std::string_view kGiveUp =
    "UPDATE mail_outbox SET attempts = ?2, gave_up_at = ?3, last_error = ?4 WHERE id = ?1";
constexpr std::string_view kCounts = R"sql(
SELECT count(CASE WHEN sent_at IS NULL AND gave_up_at IS NULL THEN 1 END), count(sent_at),
       count(gave_up_at)
  FROM mail_outbox)sql";

reminders::OutboxItem read_item(const Statement& row) {
    reminders::OutboxItem item;
    item.id = row.column_int64(0);
    item.attempts = static_cast<int>(row.column_int64(1));
    item.next_attempt_at = from_unix_ms(row.column_int64(2));
    item.to = row.column_text(3);
    item.name = row.column_text(4);
    auto& n = item.notification;
    n.id = row.column_int64(5);
    n.user_id = row.column_int64(6);
    n.subject = row.column_text(7);
    n.deadline = from_unix_ms(row.column_int64(8));
    n.days_before = static_cast<int>(row.column_int64(9));
    n.title = row.column_text(10);
    n.body = row.column_text(11);
    n.link = row.column_text(12);
    n.created_at = from_unix_ms(row.column_int64(13));
    return item;
}

}  // namespace

Result<bool> SqliteMailOutboxRepository::enqueue(const reminders::Notification& n, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kEnqueue));
    statement.bind_int64(1, n.user_id)
        .bind_text(2, n.subject)
        .bind_int64(3, to_unix_ms(n.deadline))
        .bind_int64(4, n.days_before)
        .bind_int64(5, to_unix_ms(at));
    RETURN_IF_ERROR(statement.run());
    return connection_.changes() > 0;
}

Result<std::vector<reminders::OutboxItem>> SqliteMailOutboxRepository::due(Timestamp now, int limit) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kDue));
    query.bind_int64(1, to_unix_ms(now)).bind_int64(2, limit);
    return read_all<reminders::OutboxItem>(query, read_item);
}

Result<bool> SqliteMailOutboxRepository::claim(std::int64_t id, Timestamp seen_next_attempt,
                                               Timestamp lease_until) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kClaim));
    statement.bind_int64(1, id).bind_int64(2, to_unix_ms(seen_next_attempt)).bind_int64(3, to_unix_ms(lease_until));
    RETURN_IF_ERROR(statement.run());
    return connection_.changes() > 0;
}

Status SqliteMailOutboxRepository::mark_sent(std::int64_t id, Timestamp at) {
    ASSIGN_OR_RETURN(auto sent, connection_.prepare(kMarkSent));
    sent.bind_int64(1, id).bind_int64(2, to_unix_ms(at));
    RETURN_IF_ERROR(sent.run());
    ASSIGN_OR_RETURN(auto emailed, connection_.prepare(kMarkEmailed));
    emailed.bind_int64(1, id).bind_int64(2, to_unix_ms(at));
    return emailed.run();
}

Status SqliteMailOutboxRepository::mark_failed(std::int64_t id, int attempts, Timestamp next_attempt,
                                               const std::string& error) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kMarkFailed));
    statement.bind_int64(1, id).bind_int64(2, attempts).bind_int64(3, to_unix_ms(next_attempt)).bind_text(4, error);
    return statement.run();
}

Status SqliteMailOutboxRepository::give_up(std::int64_t id, int attempts, Timestamp at,
                                           const std::string& error) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kGiveUp));
    statement.bind_int64(1, id).bind_int64(2, attempts).bind_int64(3, to_unix_ms(at)).bind_text(4, error);
    return statement.run();
}

Result<reminders::OutboxCounts> SqliteMailOutboxRepository::counts() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kCounts));
    ASSIGN_OR_RETURN(const bool row, query.step());
    reminders::OutboxCounts out;
    if (!row) return out;
    out.pending = query.column_int64(0);
    out.sent = query.column_int64(1);
    out.given_up = query.column_int64(2);
    return out;
}

}  // namespace hx::storage::sqlite

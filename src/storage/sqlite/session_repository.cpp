#include "storage/sqlite/session_repository.hpp"

namespace hx::storage::sqlite {

using identity::Session;

namespace {

constexpr std::string_view kInsert = R"sql(
INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, revoked)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

constexpr std::string_view kFind = R"sql(
SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, revoked
  FROM sessions
 WHERE token_hash = ?1)sql";

constexpr std::string_view kTouch = "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1";
constexpr std::string_view kRevoke = "UPDATE sessions SET revoked = 1 WHERE token_hash = ?1";
constexpr std::string_view kRevokeAll =
    "UPDATE sessions SET revoked = 1 WHERE user_id = ?1 AND revoked = 0";

Status require_one_row(sql::Connection& connection) {
    if (connection.changes() == 0) return fail(Error::not_found("会话不存在"));
    return ok();
}

}  // namespace

Status SqliteSessionRepository::insert(const Session& session) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    statement.bind_text(1, session.token_hash).bind_int64(2, session.user_id);
    statement.bind_text(3, session.csrf_token).bind_int64(4, to_unix_ms(session.created_at));
    statement.bind_int64(5, to_unix_ms(session.last_seen_at));
    statement.bind_int64(6, session.revoked ? 1 : 0);
    auto inserted = statement.run();
    if (inserted) return ok();
    if (inserted.error().code() == ErrorCode::kFailedPrecondition) {
        return fail(Error::not_found("用户 #" + std::to_string(session.user_id) + " 不存在"));
    }
    return inserted;
}

Result<std::optional<Session>> SqliteSessionRepository::find(const std::string& token_hash) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFind));
    query.bind_text(1, token_hash);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Session>();
    Session session;
    session.token_hash = query.column_text(0);
    session.user_id = query.column_int64(1);
    session.csrf_token = query.column_text(2);
    session.created_at = from_unix_ms(query.column_int64(3));
    session.last_seen_at = from_unix_ms(query.column_int64(4));
    session.revoked = query.column_bool(5);
    return std::optional<Session>(std::move(session));
}

Status SqliteSessionRepository::touch(const std::string& token_hash, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kTouch));
    statement.bind_text(1, token_hash).bind_int64(2, to_unix_ms(at));
    RETURN_IF_ERROR(statement.run());
    return require_one_row(connection_);
}

Status SqliteSessionRepository::revoke(const std::string& token_hash) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kRevoke));
    statement.bind_text(1, token_hash);
    RETURN_IF_ERROR(statement.run());
    return require_one_row(connection_);
}

Status SqliteSessionRepository::revoke_all(std::int64_t user_id) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kRevokeAll));
    statement.bind_int64(1, user_id);
    return statement.run();
}

}  // namespace hx::storage::sqlite

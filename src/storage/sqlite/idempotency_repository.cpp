#include "storage/sqlite/idempotency_repository.hpp"

namespace hx::storage::sqlite {

namespace {
constexpr std::string_view kFind = R"sql(
SELECT method, path, request_hash, status, content_type, body, created_at
FROM idempotency_keys WHERE user_id = ?1 AND key = ?2)sql";
constexpr std::string_view kInsert = R"sql(
INSERT INTO idempotency_keys
    (user_id, key, method, path, request_hash, status, content_type, body, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql";
constexpr std::string_view kForget = "DELETE FROM idempotency_keys WHERE created_at < ?1";
}  // namespace

Result<std::optional<idempotency::Record>> SqliteIdempotencyRepository::find(
    std::int64_t user_id, const std::string& key) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFind));
    query.bind_int64(1, user_id).bind_text(2, key);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<idempotency::Record>();
    idempotency::Record record;
    record.user_id = user_id;
    record.key = key;
    record.method = query.column_text(0);
    record.path = query.column_text(1);
    record.request_hash = query.column_text(2);
    record.status = static_cast<int>(query.column_int64(3));
    record.content_type = query.column_text(4);
    record.body = query.column_text(5);
    record.created_at = from_unix_ms(query.column_int64(6));
    return std::optional<idempotency::Record>(std::move(record));
}

Status SqliteIdempotencyRepository::insert(const idempotency::Record& record) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    statement.bind_int64(1, record.user_id)
        .bind_text(2, record.key)
        .bind_text(3, record.method)
        .bind_text(4, record.path)
        .bind_text(5, record.request_hash)
        .bind_int64(6, record.status)
        .bind_text(7, record.content_type)
        .bind_text(8, record.body)
        .bind_int64(9, to_unix_ms(record.created_at));
    return statement.run();
}

Status SqliteIdempotencyRepository::forget_before(Timestamp before) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kForget));
    statement.bind_int64(1, to_unix_ms(before));
    return statement.run();
}

}  // namespace hx::storage::sqlite

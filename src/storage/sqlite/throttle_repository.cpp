#include "storage/sqlite/throttle_repository.hpp"

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

namespace {
constexpr std::string_view kRecord = "INSERT INTO login_failures (client_addr, at) VALUES (?1, ?2)";
constexpr std::string_view kCountSince =
    "SELECT count(*) FROM login_failures WHERE client_addr = ?1 AND at >= ?2";
constexpr std::string_view kForgetBefore = "DELETE FROM login_failures WHERE at < ?1";
}  // namespace

Status SqliteThrottleRepository::record_failure(const std::string& client_addr, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kRecord));
    statement.bind_text(1, client_addr).bind_int64(2, to_unix_ms(at));
    return statement.run();
}

Result<std::int64_t> SqliteThrottleRepository::failures_since(const std::string& client_addr,
                                                              Timestamp since) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kCountSince));
    query.bind_text(1, client_addr).bind_int64(2, to_unix_ms(since));
    return read_count(query);
}

Status SqliteThrottleRepository::forget_before(Timestamp before) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kForgetBefore));
    statement.bind_int64(1, to_unix_ms(before));
    return statement.run();
}

}  // namespace hx::storage::sqlite

#pragma once
#include "domain/identity/identity_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Failed sign-ins per client address in `login_failures`, one row per failure.
class SqliteThrottleRepository final : public identity::ThrottleRepository {
public:
    explicit SqliteThrottleRepository(sql::Connection& connection) : connection_(connection) {}

    Status record_failure(const std::string& client_addr, Timestamp at) override;
    /// Failures at or after `since`.
    Result<std::int64_t> failures_since(const std::string& client_addr, Timestamp since) override;
    /// Removes failures strictly before `before`.
    Status forget_before(Timestamp before) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

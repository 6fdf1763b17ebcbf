#pragma once
#include "domain/identity/identity_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Accounts in the `users` table. Usernames are unique without regard to ASCII case; reads fill
/// org_name from the regions table.
class SqliteUserRepository final : public identity::UserRepository {
public:
    explicit SqliteUserRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::optional<identity::User>> find_by_username(const std::string& username) override;
    Result<std::optional<identity::User>> find_by_id(std::int64_t id) override;
    Result<std::int64_t> insert(const identity::User& user) override;
    Status update_login_state(std::int64_t id, std::int64_t failed_attempts,
                              std::optional<Timestamp> first_failure_at,
                              std::optional<Timestamp> locked_until) override;
    Status set_password_hash(std::int64_t id, const std::string& hash) override;
    Status set_disabled(std::int64_t id, bool disabled) override;
    Status set_totp_secret(std::int64_t id, const std::string& secret) override;
    Status set_email(std::int64_t id, const std::string& email) override;
    /// Filtered by a fragment of the username or the name and by role, ordered by id.
    Result<regions::Page<identity::User>> list(const identity::UserFilter& filter,
                                               const regions::PageRequest& page) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

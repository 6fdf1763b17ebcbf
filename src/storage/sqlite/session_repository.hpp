#pragma once
#include "domain/identity/identity_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Sessions by the SHA-256 of their token. touch() and revoke() answer kNotFound for an unknown
/// token; revoking a revoked session is not an error.
class SqliteSessionRepository final : public identity::SessionRepository {
public:
    explicit SqliteSessionRepository(sql::Connection& connection) : connection_(connection) {}

    Status insert(const identity::Session& session) override;
    Result<std::optional<identity::Session>> find(const std::string& token_hash) override;
    Status touch(const std::string& token_hash, Timestamp at) override;
    Status revoke(const std::string& token_hash) override;
    Status revoke_all(std::int64_t user_id) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

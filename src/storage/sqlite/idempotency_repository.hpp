#pragma once
#include "domain/idempotency/idempotency_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The `idempotency_keys` table (migration 0010), one row per caller and key.
class SqliteIdempotencyRepository final : public idempotency::IdempotencyRepository {
public:
    explicit SqliteIdempotencyRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::optional<idempotency::Record>> find(std::int64_t user_id,
                                                    const std::string& key) override;
    Status insert(const idempotency::Record& record) override;
    Status forget_before(Timestamp before) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

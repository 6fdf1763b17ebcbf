#pragma once
#include "domain/rounds/round.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Rounds in the `rounds` table of migration 0003. insert() and update() answer kAlreadyExists
/// (`round_exists`) when another round has the same year and kind, and kInvalidArgument
/// (`unknown_standard`) for a standard revision that does not exist; update() answers kNotFound
/// for an absent round. A stored word no mapping of the model knows is kInternal, naming the row.
class SqliteRoundRepository final : public rounds::RoundRepository {
public:
    explicit SqliteRoundRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::int64_t> insert(const rounds::Round& round) override;
    Result<std::optional<rounds::Round>> find(std::int64_t id) override;
    /// Newest year first; rounds of one year in the order they were made.
    Result<std::vector<rounds::Round>> list() override;
    Status update(const rounds::Round& round) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

#pragma once
/// Applies the numbered schema migrations (src/storage/migrations/NNNN_name.sql) in order, each
/// in its own transaction, and records them in `schema_migrations(number, name, applied_at)`.
#include <vector>

#include "core/result.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Applies the migrations this binary knows (storage::migrations()) that the database lacks.
/// Returns how many were applied (0 when up to date). Refuses with kFailedPrecondition
/// (`schema_too_new`) when the database holds a migration this binary does not know, i.e. it
/// was written by a newer release. Safe to run from several processes at once.
Result<int> migrate(Connection& connection);

/// The same with an explicit list (ascending, unique, positive numbers), for tests.
Result<int> migrate(Connection& connection, const std::vector<Migration>& known);

}  // namespace hx::storage::sqlite

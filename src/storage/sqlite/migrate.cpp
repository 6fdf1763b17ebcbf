#include "storage/sqlite/migrate.hpp"

#include <map>
#include <string>

#include "storage/migration_checks.hpp"

namespace hx::storage::sqlite {

namespace {

constexpr const char* kCreateLedger = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    number     INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
))sql";

// The database's own clock: the ledger records when the schema changed on this machine, which
// an injected test clock has no say in.
constexpr std::string_view kRecord = R"sql(
INSERT INTO schema_migrations (number, name, applied_at)
VALUES (?1, ?2, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)))sql";

constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE number = ?1";

Result<std::map<int, std::string>> applied_migrations(Connection& connection) {
    std::map<int, std::string> applied;
    ASSIGN_OR_RETURN(auto query, connection.prepare("SELECT number, name FROM schema_migrations"));
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        applied.emplace(static_cast<int>(query.column_int64(0)), query.column_text(1));
    }
    return applied;
}

void rollback_quietly(Connection& connection) {
    // The original error is what matters; a failed rollback leaves nothing to add to it.
    if (connection.in_transaction()) static_cast<void>(connection.execute("ROLLBACK"));
}

/// Inside an open write transaction: applies the migration unless another process did first.
Result<bool> apply_in_transaction(Connection& connection, const Migration& migration) {
    {
        ASSIGN_OR_RETURN(auto check, connection.prepare(kIsApplied));
        check.bind_int64(1, migration.number);
        ASSIGN_OR_RETURN(const bool already, check.step());
        if (already) return false;
    }
    const auto applied = connection.execute(migration.sql);
    if (!applied) {
        return fail(Error::internal("migration " + std::to_string(migration.number) + " '" +
                                    migration.name + "' failed: " + applied.error().message()));
    }
    ASSIGN_OR_RETURN(auto record, connection.prepare(kRecord));
    record.bind_int64(1, migration.number).bind_text(2, migration.name);
    RETURN_IF_ERROR(record.run());
    return true;
}

}  // namespace

Result<int> migrate(Connection& connection) {
    return migrate(connection, storage::migrations());
}

Result<int> migrate(Connection& connection, const std::vector<Migration>& known) {
    RETURN_IF_ERROR(check_known(known));
    if (connection.in_transaction()) {
        return fail(Error::internal("migrate() called inside a transaction"));
    }
    RETURN_IF_ERROR(connection.execute(kCreateLedger));
    ASSIGN_OR_RETURN(const auto applied, applied_migrations(connection));
    RETURN_IF_ERROR(check_not_newer(applied, known));

    int count = 0;
    for (const auto& migration : known) {
        if (applied.count(migration.number) != 0) continue;
        RETURN_IF_ERROR(connection.execute("BEGIN IMMEDIATE"));
        auto result = apply_in_transaction(connection, migration);
        if (!result) {
            rollback_quietly(connection);
            return fail(std::move(result).error());
        }
        const auto committed = connection.execute("COMMIT");
        if (!committed) {
            rollback_quietly(connection);
            return fail(committed.error());
        }
        if (*result) ++count;
    }
    return count;
}

}  // namespace hx::storage::sqlite

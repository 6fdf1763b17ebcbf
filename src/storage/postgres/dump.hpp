#pragma once
/// Backup and restore of a PostgreSQL deployment with pg_dump and pg_restore (custom format).
#include <string>

#include "core/result.hpp"

namespace hx::storage::postgres {

class PostgresStore;

/// Dumps the store's schema (the first of its search path: tables, collation, triggers and
/// data, no ownership) with `pg_dump --format=custom` into a new file at `path`: written beside
/// it, listed with `pg_restore --list` as a check, and renamed into place only when complete.
/// Never overwrites (kInvalidArgument `backup_exists`). The tools are run without a shell, from
/// HUIXING_PG_BIN when set, else from PATH; a password belongs in ~/.pgpass, not in the URL (the
/// URL is on their command line).
Status dump_to(PostgresStore& store, const std::string& path);

/// Restores a dump made by dump_to() into the database at `url` with `pg_restore
/// --single-transaction --exit-on-error`: all or nothing. The schema must not exist there yet
/// (a lost or a new database): kFailedPrecondition `schema_exists` otherwise.
Status restore_from(const std::string& url, const std::string& path);

}  // namespace hx::storage::postgres

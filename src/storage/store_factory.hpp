#pragma once
/// Opens the Store named by a database URL (`--db URL`).
#include <chrono>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "domain/applications/application.hpp"
#include "domain/store.hpp"

namespace hx::storage {

/// `sqlite:PATH` (also `sqlite://PATH`; `sqlite:///abs/path` is an absolute path) opens a pool of
/// `pool_size` connections (one per worker thread) to that file, creating it when absent. It does
/// not migrate: call migrate_store(). `postgresql://…` (or `postgres://…`, any libpq URL)
/// opens a PostgresStore with a pool of up to `pool_size` connections. Anything else is refused
/// with kInvalidArgument.
Result<std::unique_ptr<Store>> open_store(const std::string& url, int pool_size);

/// The administrative operations of the command line on a store opened by open_store():
/// apply the known migrations (returns how many were applied; kFailedPrecondition
/// `schema_too_new` for a database of a newer release) and back it up (`huixing backup FILE`).
/// kInvalidArgument for a store of another kind.
Result<int> migrate_store(Store& store);
/// SQLite: the online backup API into a new file. PostgreSQL: pg_dump of the store's schema
/// (postgres/dump.hpp). Never overwrites.
Status backup_store(Store& store, const std::string& path);
/// TEST ONLY: acknowledge writes before they are durable (SqliteStore::defer_commits_unsafely),
/// the negative control of the crash test. The store must have a pool of one connection.
Status defer_commits_unsafely(Store& store, std::chrono::milliseconds window);
/// `init --demo` builds years of history through the services; while `enabled`, commits are
/// not synced (SqliteStore::set_bulk_load). Turned off again before init ends.
Status set_bulk_load(Store& store, bool enabled);
/// `huixing restore`: puts a backup made by backup_store() in place of a lost database —
/// SQLite: a new database file at the URL's path (kFailedPrecondition `database_exists` when
/// there is one); PostgreSQL: pg_restore into a database without the schema.
Status restore_store(const std::string& url, const std::string& backup);

/// The evidence file store rooted at `directory` (DirectoryFileStore: files by content hash,
/// directories 0700 and files 0600), making the directory when absent. The directory must lie
/// outside anything a web server serves. kInvalidArgument for an empty path or a non-directory.
Result<std::unique_ptr<applications::FileStore>> open_file_store(const std::string& directory);

/// The evidence file store of a deployment (`--files DIR`): `files_dir` when given (a
/// directory every instance shares); otherwise, for `sqlite:PATH`, the directory `PATH.files`
/// beside the database, and for PostgreSQL the database itself (postgres::DatabaseFileStore),
/// so that several instances need no shared file system. `store` must be the store opened
/// from `db_url` and outlive the file store.
Result<std::unique_ptr<applications::FileStore>> open_deployment_file_store(
    Store& store, const std::string& db_url, const std::string& files_dir);

}  // namespace hx::storage

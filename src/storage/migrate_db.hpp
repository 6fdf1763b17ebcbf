#pragma once
/// `huixing migrate-db`: moves a deployment from SQLite to PostgreSQL.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hx::storage {

struct TableCopy {
    std::string table;
    std::int64_t source_rows = 0;
    std::int64_t target_rows = 0;
};

/// Copies every table of the SQLite database at `from_url` (which must be migrated to this
/// release's schema; it is only read) into the PostgreSQL database at `to_url` (migrated here),
/// in one transaction: rows in the source's order (parents before children), the append-only
/// and frozen-revision triggers paused for the copy, identity sequences moved past the copied
/// keys, then the row count of every table compared. Any difference rolls everything back
/// (kInternal naming the table). The target must hold no accounts and no audit records yet
/// (kFailedPrecondition `target_not_empty`); no server may write to either meanwhile.
/// When `copy_files` is set, the evidence files of the source's `PATH.files` directory are
/// copied into the target database (DatabaseFileStore) too.
Result<std::vector<TableCopy>> copy_sqlite_to_postgres(const std::string& from_url,
                                                       const std::string& to_url, bool copy_files);

}  // namespace hx::storage

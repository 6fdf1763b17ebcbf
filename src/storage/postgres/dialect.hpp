#pragma once
/// Translation of the SQLite-flavoured SQL the repositories and migrations are written in into
/// PostgreSQL's, so both engines run from one text. The rules (and what is not translated) are
/// in src/storage/migrations/README.md; every rule here is one of them.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hx::storage::postgres {

/// One repository statement: `?N` → `$N` (a bare `?` takes the next number), `instr(` →
/// `strpos(`, `LIKE p` → `ILIKE p COLLATE "C"` (SQLite's LIKE ignores ASCII case; LIKE is not
/// allowed in a nondeterministic collation), `x [NOT] GLOB 'p'` →
/// `x [!]~ 'regex'`. Text in quotes and comments is left alone. `parameters`, when given,
/// receives the highest parameter number.
std::string translate_query(std::string_view sql, int* parameters = nullptr);

/// One migration script (several statements): column types by SQLite's affinity rules
/// (`INTEGER` → `BIGINT`, `INTEGER PRIMARY KEY` → an identity column, `TEXT` → `TEXT COLLATE
/// "C"` (byte order, as SQLite's BINARY), `COLLATE NOCASE` → `COLLATE hx_nocase` (a case-insensitive ICU
/// collation the migration runner creates), `REAL` → `DOUBLE
/// PRECISION`, `BLOB` → `BYTEA`), `WITHOUT ROWID` and `STRICT` dropped, `PRAGMA` statements
/// dropped, `CREATE TRIGGER … BEGIN … END` → a PL/pgSQL function and its trigger, and the
/// expression rules of translate_query(). kInvalidArgument naming the statement for a construct
/// it cannot translate.
Result<std::string> translate_migration(std::string_view sql);

}  // namespace hx::storage::postgres

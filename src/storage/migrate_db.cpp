#include "storage/migrate_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "storage/files/file_store.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/database_file_store.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store_factory.hpp"

namespace hx::storage {

namespace {

/// Table and column names come from the source's schema, never from a user; they are still
/// checked to be plain identifiers before they are quoted into SQL.
bool plain_identifier(const std::string& name) {
    if (name.empty() || name.size() > 63) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }) && !(name[0] >= '0' && name[0] <= '9');
}

Error bad_identifier(const std::string& name) {
    return Error::internal("migrate-db: unexpected identifier '" + name + "' in the source schema");
}

/// A read-only statement on the source, finalized on scope exit.
class SourceQuery {
public:
    SourceQuery(sqlite3* db, const std::string& sql) {
        rc_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr);
        if (rc_ != SQLITE_OK) message_ = sqlite3_errmsg(db);
    }
    ~SourceQuery() { sqlite3_finalize(statement_); }
    SourceQuery(const SourceQuery&) = delete;
    SourceQuery& operator=(const SourceQuery&) = delete;

    Status ready() const {
        if (rc_ == SQLITE_OK) return ok();
        return fail(sqlite::error_from_sqlite(rc_, message_, "migrate-db source"));
    }
    Result<bool> step() {
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        return fail(sqlite::error_from_sqlite(rc, sqlite3_errstr(rc), "migrate-db source"));
    }
    [[nodiscard]] sqlite3_stmt* handle() const { return statement_; }
    [[nodiscard]] std::string text(int column) const {
        const auto* value = sqlite3_column_text(statement_, column);
        if (value == nullptr) return {};
        return {reinterpret_cast<const char*>(value),
                static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
    }

private:
    sqlite3_stmt* statement_ = nullptr;
    int rc_ = SQLITE_OK;
    std::string message_;
};

struct SourceTable {
    std::string name;
    bool has_rowid = true;
};

Result<std::vector<SourceTable>> source_tables(sqlite3* db) {
    SourceQuery query(db,
                      "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' "
                      "ORDER BY rowid");
    RETURN_IF_ERROR(query.ready());
    std::vector<SourceTable> tables;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        SourceTable table{query.text(0), true};
        if (!plain_identifier(table.name)) return fail(bad_identifier(table.name));
        std::string sql = query.text(1);
        std::transform(sql.begin(), sql.end(), sql.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        table.has_rowid = sql.find("WITHOUT ROWID") == std::string::npos;
        tables.push_back(std::move(table));
    }
    return tables;
}

Result<std::int64_t> source_count(sqlite3* db, const std::string& table) {
    SourceQuery query(db, "SELECT count(*) FROM \"" + table + "\"");
    RETURN_IF_ERROR(query.ready());
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return fail(Error::internal("count(*) returned no row"));
    return static_cast<std::int64_t>(sqlite3_column_int64(query.handle(), 0));
}

Result<std::int64_t> target_count(sql::Connection& target, const std::string& table) {
    ASSIGN_OR_RETURN(auto query, target.prepare("SELECT count(*) FROM \"" + table + "\""));
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return fail(Error::internal("count(*) returned no row"));
    return query.column_int64(0);
}

Status require_up_to_date(sqlite3* db) {
    SourceQuery query(db, "SELECT count(*) FROM schema_migrations");
    RETURN_IF_ERROR(query.ready());
    ASSIGN_OR_RETURN(const bool row, query.step());
    const auto applied = row ? sqlite3_column_int64(query.handle(), 0) : 0;
    if (applied != static_cast<std::int64_t>(migrations().size())) {
        return fail(Error::conflict("source_not_migrated",
                                    "源数据库的结构不是本版本的（已应用 " + std::to_string(applied) +
                                        " 个迁移，本版本有 " + std::to_string(migrations().size()) +
                                        " 个）：请先对它运行 huixing migrate"));
    }
    return ok();
}

/// Copies one table's rows, in the source's order, with one prepared INSERT.
Status copy_rows(sqlite3* db, sql::Connection& target, const SourceTable& table) {
    SourceQuery query(db, "SELECT * FROM \"" + table.name + "\"" +
                              (table.has_rowid ? " ORDER BY rowid" : ""));
    RETURN_IF_ERROR(query.ready());
    const int columns = sqlite3_column_count(query.handle());
    std::string names;
    std::string values;
    for (int i = 0; i < columns; ++i) {
        const std::string name = sqlite3_column_name(query.handle(), i);
        if (!plain_identifier(name)) return fail(bad_identifier(name));
        names += (i > 0 ? ", \"" : "\"") + name + "\"";
        values += (i > 0 ? ", ?" : "?") + std::to_string(i + 1);
    }
    const std::string insert =
        "INSERT INTO \"" + table.name + "\" (" + names + ") VALUES (" + values + ")";
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        ASSIGN_OR_RETURN(auto statement, target.prepare(insert));
        for (int i = 0; i < columns; ++i) {
            switch (sqlite3_column_type(query.handle(), i)) {
                case SQLITE_INTEGER:
                    statement.bind_int64(i + 1, sqlite3_column_int64(query.handle(), i));
                    break;
                case SQLITE_NULL: statement.bind_null(i + 1); break;
                case SQLITE_TEXT: statement.bind_text(i + 1, query.text(i)); break;
                default:
                    return fail(Error::internal("migrate-db: column " + std::to_string(i) +
                                                " of table " + table.name +
                                                " holds a value that is neither integer nor text"));
            }
        }
        RETURN_IF_ERROR(statement.run());
    }
    return ok();
}

/// Moves every identity sequence of the table past the copied keys.
Status advance_identities(sql::Connection& target, const std::string& table) {
    std::vector<std::string> columns;
    {
        ASSIGN_OR_RETURN(auto query,
                         target.prepare("SELECT column_name FROM information_schema.columns "
                                        "WHERE table_schema = current_schema() AND table_name = ?1 "
                                        "AND is_identity = 'YES'"));
        query.bind_text(1, table);
        while (true) {
            ASSIGN_OR_RETURN(const bool row, query.step());
            if (!row) break;
            columns.push_back(query.column_text(0));
        }
    }
    for (const auto& column : columns) {
        if (!plain_identifier(column)) return fail(bad_identifier(column));
        ASSIGN_OR_RETURN(auto advance,
                         target.prepare("SELECT setval(pg_get_serial_sequence(?1, ?2), "
                                        "(SELECT coalesce(max(\"" + column + "\"), 0) + 1 FROM \"" +
                                        table + "\"), false)"));
        advance.bind_text(1, table).bind_text(2, column);
        RETURN_IF_ERROR(advance.run());
    }
    return ok();
}

Status copy_files_of(const std::string& source_path, postgres::PostgresStore& target,
                     sqlite3* db) {
    ASSIGN_OR_RETURN(auto source_files, files::DirectoryFileStore::create(source_path + ".files"));
    ASSIGN_OR_RETURN(auto target_files, postgres::DatabaseFileStore::create(target));
    SourceQuery query(db, "SELECT DISTINCT sha256 FROM evidence ORDER BY sha256");
    RETURN_IF_ERROR(query.ready());
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        ASSIGN_OR_RETURN(auto bytes, source_files->get(query.text(0)));
        ASSIGN_OR_RETURN(const auto copied, target_files->put(bytes));
        if (copied != query.text(0)) return fail(Error::internal("file copy changed " + copied));
    }
    return ok();
}

}  // namespace

Result<std::vector<TableCopy>> copy_sqlite_to_postgres(const std::string& from_url,
                                                       const std::string& to_url, bool copy_files) {
    ASSIGN_OR_RETURN(auto from_store, open_store(from_url, 1));
    auto* source_store = dynamic_cast<sqlite::SqliteStore*>(from_store.get());
    ASSIGN_OR_RETURN(auto to_store, open_store(to_url, 1));
    auto* target_store = dynamic_cast<postgres::PostgresStore*>(to_store.get());
    if (source_store == nullptr || target_store == nullptr) {
        return fail(Error::invalid("invalid_db_url",
                                   "migrate-db 从 sqlite:PATH 迁往 postgresql://…（--from 与 --to）"));
    }
    const std::string source_path = source_store->path();
    from_store.reset();  // only the read-only connection below touches the source
    ASSIGN_OR_RETURN(auto source, sqlite::Connection::open(source_path, sqlite::OpenMode::kReadOnly));
    sqlite3* db = source->handle();
    RETURN_IF_ERROR(require_up_to_date(db));
    RETURN_IF_ERROR(target_store->migrate());
    ASSIGN_OR_RETURN(const auto tables, source_tables(db));

    RETURN_IF_ERROR(source->execute("BEGIN"));  // one snapshot of the source
    std::vector<TableCopy> report;
    Status copied = target_store->transact([&](postgres::Connection& target) -> Status {
        report.clear();
        for (const char* table : {"users", "audit_log"}) {
            ASSIGN_OR_RETURN(const auto rows, target_count(target, table));
            if (rows > 0) {
                return fail(Error::conflict("target_not_empty",
                                            std::string("目标数据库的 ") + table + " 表已有 " +
                                                std::to_string(rows) + " 行：只能迁往新建的空库"));
            }
        }
        // What the migrations inserted themselves (the city's root region) is replaced by the
        // source's rows: children first, so no reference dangles meanwhile.
        for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
            RETURN_IF_ERROR(target.execute("ALTER TABLE \"" + it->name + "\" DISABLE TRIGGER USER"));
            RETURN_IF_ERROR(target.execute("DELETE FROM \"" + it->name + "\""));
        }
        for (const auto& table : tables) {
            RETURN_IF_ERROR(copy_rows(db, target, table));
            RETURN_IF_ERROR(target.execute("ALTER TABLE \"" + table.name + "\" ENABLE TRIGGER USER"));
            RETURN_IF_ERROR(advance_identities(target, table.name));
            TableCopy count{table.name, 0, 0};
            ASSIGN_OR_RETURN(count.source_rows, source_count(db, table.name));
            ASSIGN_OR_RETURN(count.target_rows, target_count(target, table.name));
            if (count.source_rows != count.target_rows) {
                return fail(Error::internal("migrate-db: table " + table.name + " has " +
                                            std::to_string(count.source_rows) + " rows in the source but " +
                                            std::to_string(count.target_rows) + " in the target"));
            }
            report.push_back(count);
        }
        return ok();
    });
    static_cast<void>(source->execute("COMMIT"));
    RETURN_IF_ERROR(copied);
    if (copy_files) RETURN_IF_ERROR(copy_files_of(source_path, *target_store, db));
    return report;
}

}  // namespace hx::storage

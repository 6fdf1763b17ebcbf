#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <climits>
#include <utility>

namespace hx::storage::sqlite {

namespace {

/// The first line of a statement is enough to find it in the source.
std::string_view shorten(std::string_view sql) {
    constexpr std::size_t kMax = 120;
    while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
    return sql.substr(0, kMax);
}

bool only_whitespace(std::string_view text) {
    for (const char c : text) {
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != ';') return false;
    }
    return true;
}

}  // namespace

Error error_from_sqlite(int result_code, std::string_view sqlite_message,
                        std::string_view context) {
    std::string detail = "sqlite: ";
    detail += sqlite3_errstr(result_code);
    detail += " (";
    detail += std::to_string(result_code);
    detail += "): ";
    detail += sqlite_message;
    if (!context.empty()) {
        detail += " [";
        detail += shorten(context);
        detail += "]";
    }
    const int primary = result_code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return {ErrorCode::kUnavailable, "database_busy", "数据库繁忙，请稍后重试。" + detail};
    }
    if (result_code == SQLITE_CONSTRAINT_UNIQUE || result_code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return {ErrorCode::kAlreadyExists, "already_exists", "记录已存在，不能重复创建"};
    }
    if (result_code == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return {ErrorCode::kFailedPrecondition, "reference", "引用的记录不存在，或记录仍被引用"};
    }
    return Error::internal(std::move(detail));
}

// --- Statement --------------------------------------------------------------------------------

/// One prepared sqlite3_stmt. A cached one lives in its connection's cache and is lent out by
/// prepare() (in_use_); an uncached one (a nested use of a statement already lent out) belongs
/// to its handle and is finalized when the handle lets go of it.
class SqliteStatement final : public sql::StatementBackend {
public:
    SqliteStatement(Connection& connection, sqlite3_stmt* statement, bool cached)
        : connection_(&connection), statement_(statement), cached_(cached) {}
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement() override { sqlite3_finalize(statement_); }

    void bind_int64(int index, std::int64_t value) override {
        remember_bind_error(sqlite3_bind_int64(statement_, index, value), index);
    }
    void bind_text(int index, std::string_view value) override {
        // SQLITE_TRANSIENT: SQLite copies the text, so a temporary argument is safe.
        bind_text_with(index, value, SQLITE_TRANSIENT);
    }
    void bind_text_kept(int index, std::string_view value) override {
        // SQLITE_STATIC: no copy (a malloc and a free per value in a bulk load); the caller keeps
        // the text until the next bind, reset or release (which clears the bindings).
        bind_text_with(index, value, SQLITE_STATIC);
    }
    void bind_text_with(int index, std::string_view value, sqlite3_destructor_type lifetime) {
        if (value.size() > static_cast<std::size_t>(INT_MAX)) {
            remember_bind_error(SQLITE_TOOBIG, index);
            return;
        }
        remember_bind_error(sqlite3_bind_text(statement_, index, value.data(),
                                              static_cast<int>(value.size()), lifetime),
                            index);
    }
    void bind_null(int index, sql::NullOf /*kind*/) override {
        remember_bind_error(sqlite3_bind_null(statement_, index), index);
    }

    Result<bool> step() override {
        if (bind_error_) return fail(*bind_error_);
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        return fail(connection_->error(rc, sqlite3_sql(statement_)));
    }
    void reset() override { sqlite3_reset(statement_); }

    std::int64_t column_int64(int index) const override {
        return sqlite3_column_int64(statement_, index);
    }
    std::string column_text(int index) const override {
        const auto* text = sqlite3_column_text(statement_, index);
        if (text == nullptr) return {};
        const int size = sqlite3_column_bytes(statement_, index);
        return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
    }
    bool column_is_null(int index) const override {
        return sqlite3_column_type(statement_, index) == SQLITE_NULL;
    }

    void release() noexcept override {
        if (!cached_) {
            delete this;
            return;
        }
        // Back to the cache: reset so it holds no read snapshot, clear so no value lingers.
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
        bind_error_.reset();
        in_use_ = false;
    }

    [[nodiscard]] sqlite3_stmt* handle() const { return statement_; }
    [[nodiscard]] bool in_use() const { return in_use_; }
    void set_in_use(bool in_use) { in_use_ = in_use; }

private:
    void remember_bind_error(int result_code, int index) {
        if (result_code == SQLITE_OK || bind_error_) return;
        bind_error_ = connection_->error(
            result_code, "bind ?" + std::to_string(index) + " of " + sqlite3_sql(statement_));
    }

    Connection* connection_;
    sqlite3_stmt* statement_;
    bool cached_;
    bool in_use_ = false;
    std::optional<Error> bind_error_;
};

// --- Connection -------------------------------------------------------------------------------

Connection::Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

Connection::~Connection() {
    cache_.clear();
    // Every statement is finalized above, so close cannot report SQLITE_BUSY.
    sqlite3_close(db_);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, OpenMode mode) {
    if (path.empty()) return fail(Error::invalid("invalid_db_path", "数据库文件路径为空"));
    int flags = SQLITE_OPEN_NOMUTEX;  // one thread at a time: the pool lends connections out
    switch (mode) {
        case OpenMode::kCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case OpenMode::kExisting: flags |= SQLITE_OPEN_READWRITE; break;
        case OpenMode::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    }
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        // A handle is returned even on most failures; it carries the message and must be closed.
        std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return fail(error_from_sqlite(rc, message, "open " + path));
    }
    std::unique_ptr<Connection> connection(new Connection(db, path));
    sqlite3_extended_result_codes(db, 1);
    RETURN_IF_ERROR(connection->apply_pragmas(mode));
    return connection;
}

Status Connection::apply_pragmas(OpenMode mode) {
    // The busy timeout first: switching to WAL needs a lock another process may hold.
    const int rc = sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    if (rc != SQLITE_OK) return fail(error(rc, "busy_timeout"));
    RETURN_IF_ERROR(execute("PRAGMA foreign_keys = ON"));
    if (mode == OpenMode::kReadOnly) return ok();
    {
        ASSIGN_OR_RETURN(auto pragma, prepare("PRAGMA journal_mode = WAL"));
        ASSIGN_OR_RETURN(const bool row, pragma.step());
        const std::string journal_mode = row ? pragma.column_text(0) : std::string();
        if (journal_mode != "wal") {
            return fail(Error::internal("sqlite: cannot use WAL for '" + path_ +
                                        "' (journal_mode is '" + journal_mode + "')"));
        }
    }
    // FULL: in WAL mode the log is synced on every commit, so a commit is durable on return.
    return execute("PRAGMA synchronous = FULL");
}

Status Connection::execute(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return ok();
    std::string text = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return fail(error_from_sqlite(rc, text, sql));
}

Result<Statement> Connection::prepare(std::string_view sql) {
    auto found = cache_.find(sql);
    if (found != cache_.end() && !found->second->in_use()) {
        if (read_only_ && sqlite3_stmt_readonly(found->second->handle()) == 0) {
            return fail(Error::internal("sqlite: a write inside a read transaction: " + std::string(shorten(sql))));
        }
        found->second->set_in_use(true);
        return Statement(found->second.get());
    }
    if (sql.size() > static_cast<std::size_t>(INT_MAX)) {
        return fail(Error::internal("sqlite: statement too long"));
    }
    const bool cache_it = found == cache_.end();
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      cache_it ? SQLITE_PREPARE_PERSISTENT : 0, &statement, &tail);
    if (rc != SQLITE_OK) return fail(error(rc, sql));
    if (statement == nullptr) return fail(Error::internal("sqlite: empty statement"));
    const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (!only_whitespace(rest)) {
        sqlite3_finalize(statement);
        return fail(
            Error::internal("sqlite: prepare() takes one statement: " + std::string(shorten(sql))));
    }
    const bool writes = sqlite3_stmt_readonly(statement) == 0;
    if (!cache_it) {
        if (read_only_ && writes) {
            sqlite3_finalize(statement);
            return fail(Error::internal("sqlite: a write inside a read transaction: " + std::string(shorten(sql))));
        }
        return Statement(new SqliteStatement(*this, statement, false));
    }
    auto& slot = cache_.emplace(std::string(sql), std::make_unique<SqliteStatement>(*this, statement, true))
                     .first->second;
    if (read_only_ && writes) {
        return fail(Error::internal("sqlite: a write inside a read transaction: " + std::string(shorten(sql))));
    }
    slot->set_in_use(true);
    return Statement(slot.get());
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(db_);
}

std::int64_t Connection::last_insert_rowid() {
    return sqlite3_last_insert_rowid(db_);
}

bool Connection::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

Error Connection::error(int result_code, std::string_view context) const {
    return error_from_sqlite(result_code, sqlite3_errmsg(db_), context);
}

}  // namespace hx::storage::sqlite

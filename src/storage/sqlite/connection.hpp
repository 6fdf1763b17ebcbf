#pragma once
/// A thin RAII layer over the SQLite C API: Connection owns one sqlite3*, Statement one prepared
/// statement. Every failure becomes an hx::Error; nothing here throws.
///
/// A Connection is used by one thread at a time (SqliteStore lends each one out exclusively);
/// it is never shared across threads concurrently.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hx::storage::sqlite {

enum class OpenMode {
    kCreate,    // read-write, creating the file when absent
    kExisting,  // read-write, the file must exist
    kReadOnly,  // read-only, the file must exist
};

/// How long a writer waits for another connection's write lock before giving up (kUnavailable).
inline constexpr int kBusyTimeoutMs = 5000;

class Connection;

/// A prepared statement. Parameters are bound 1-based (?1, ?2, … as in the SQL text), columns
/// are read 0-based (as in the SQLite API). A bind failure is kept and reported by the next
/// step(), so binds can be chained. When the statement came from the connection's cache it is
/// reset and returned to the cache on destruction; otherwise it is finalized.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind_int64(int index, std::int64_t value);
    Statement& bind_text(int index, std::string_view value);
    Statement& bind_null(int index);
    Statement& bind_optional_int64(int index, const std::optional<std::int64_t>& value);
    Statement& bind_optional_text(int index, const std::optional<std::string>& value);

    /// Advances the statement: true when a row is ready, false when it has run to completion.
    [[nodiscard]] Result<bool> step();
    /// Runs a statement that returns no rows (or whose rows are not wanted) to completion.
    [[nodiscard]] Status run();
    /// Makes the statement ready to run again. Bindings are kept until rebound.
    void reset();

    [[nodiscard]] std::int64_t column_int64(int index) const;
    [[nodiscard]] bool column_bool(int index) const;
    /// The text of a column; empty for NULL.
    [[nodiscard]] std::string column_text(int index) const;
    [[nodiscard]] bool column_is_null(int index) const;
    [[nodiscard]] std::optional<std::int64_t> column_optional_int64(int index) const;

private:
    friend class Connection;
    Statement(Connection& connection, sqlite3_stmt* statement, bool* in_use);
    void remember_bind_error(int result_code, int index);

    Connection* connection_;
    sqlite3_stmt* statement_;
    bool* in_use_;  // the cache slot's flag; null when this object owns (and finalizes) the handle
    std::optional<Error> bind_error_;
};

class Connection {
public:
    /// Opens the database file and applies the pragmas every connection needs:
    /// busy_timeout=5000, journal_mode=WAL, synchronous=FULL, foreign_keys=ON.
    static Result<std::unique_ptr<Connection>> open(const std::string& path, OpenMode mode);

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    /// Runs SQL text without parameters: pragmas, transaction control, a migration's script of
    /// several statements.
    Status execute(const std::string& sql);
    /// A prepared statement for `sql`, prepared once per connection and reused from then on.
    /// A statement already in use (a nested query of the same text) gets a fresh, uncached one.
    Result<Statement> prepare(std::string_view sql);

    /// While set, prepare() refuses any statement that would write (a read transaction's
    /// guarantee). Cheaper than PRAGMA query_only, whose every change makes SQLite re-prepare
    /// all cached statements of the connection (measured: 38 % of a small read's CPU).
    void set_read_only(bool read_only) { read_only_ = read_only; }
    [[nodiscard]] bool read_only() const { return read_only_; }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    [[nodiscard]] std::int64_t changes() const;
    [[nodiscard]] std::int64_t last_insert_rowid() const;
    /// Whether a transaction is open on this connection.
    [[nodiscard]] bool in_transaction() const;
    [[nodiscard]] const std::string& path() const { return path_; }
    /// The raw handle, for the online backup API.
    [[nodiscard]] sqlite3* handle() const { return db_; }

    /// Turns a failed result code into an Error, reading SQLite's message now (it is only valid
    /// until the next call). `context` (usually the SQL text) goes into the log detail only.
    [[nodiscard]] Error error(int result_code, std::string_view context) const;

private:
    Connection(sqlite3* db, std::string path);
    Status apply_pragmas(OpenMode mode);

    struct CachedStatement {
        sqlite3_stmt* statement = nullptr;
        bool in_use = false;
    };
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const {
            return std::hash<std::string_view>{}(sql);
        }
    };

    sqlite3* db_;
    std::string path_;
    bool read_only_ = false;
    // Node-based: the address of a slot (and its in_use flag) is stable while the map grows.
    std::unordered_map<std::string, CachedStatement, SqlHash, std::equal_to<>> cache_;
};

/// The Error for a SQLite result code:
///  - SQLITE_BUSY / SQLITE_LOCKED (after the busy timeout) → kUnavailable;
///  - a UNIQUE or PRIMARY KEY constraint → kAlreadyExists;
///  - a FOREIGN KEY constraint → kFailedPrecondition (`reference`);
///  - anything else → kInternal, whose message (SQLite's text and the context) is for the log.
Error error_from_sqlite(int result_code, std::string_view sqlite_message, std::string_view context);

}  // namespace hx::storage::sqlite

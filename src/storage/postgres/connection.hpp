#pragma once
/// A thin layer over libpq: Connection owns one PGconn and implements sql::Connection, so the
/// repositories run on it unchanged. Statements are translated from the repositories' SQLite
/// flavour (dialect.hpp), prepared once per connection (PQprepare, parameter types left to the
/// server to infer, as SQLite's are untyped) and run with bound parameters only: no value is
/// ever spliced into SQL text. Every failure becomes an hx::Error; nothing here throws.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

struct pg_conn;
struct pg_result;

namespace hx::storage::postgres {

class PgStatement;

/// The Error for a failed libpq call, by SQLSTATE:
///  - 23505 unique violation → kAlreadyExists; 23503 foreign key → kFailedPrecondition
///    (`reference`), as the SQLite store answers;
///  - 40001 serialization failure, 40P01 deadlock, 55P03 lock timeout, 57014 cancelled,
///    class 08 (connection), 53 (resources), 57P0x (shutdown) → kUnavailable;
///  - anything else → kInternal, whose message (the server's text and the context) is for the
///    log only.
Error error_from_postgres(std::string_view sqlstate, std::string_view message,
                          std::string_view context);

/// Whether SQLSTATE asks the client to run the transaction again (40001, 40P01).
bool is_retryable(std::string_view sqlstate);

class Connection final : public sql::Connection {
public:
    /// Connects with a libpq URL (`postgresql://user@host:port/db?…`) and checks what a
    /// durable commit needs: fsync and synchronous_commit must be on (kFailedPrecondition
    /// otherwise). Sets lock_timeout and a UTF-8 client encoding.
    static Result<std::unique_ptr<Connection>> open(const std::string& url);

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() override;

    [[nodiscard]] sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
    /// Runs SQL text as is (no translation; several statements allowed).
    Status execute(const std::string& sql) override;
    Result<sql::Statement> prepare(std::string_view sql) override;
    /// A read transaction of its own is READ ONLY in PostgreSQL; a read joining an enclosing
    /// write (PostgresStore::write_enclosing) is guarded here: prepare() refuses statements that
    /// write while it is set.
    void set_read_only(bool read_only) override { read_only_ = read_only; }
    [[nodiscard]] std::int64_t changes() const override { return changes_; }
    [[nodiscard]] std::int64_t last_insert_rowid() override;
    [[nodiscard]] bool in_transaction() const override;

    /// Whether the server connection is still usable.
    [[nodiscard]] bool healthy() const;
    /// Reconnects a broken connection; its prepared statements are gone with it.
    Status reconnect();
    /// Set when a statement failed with 40001 or 40P01 since the last clear: the transaction
    /// is worth running again, whatever the repository made of the error.
    [[nodiscard]] bool retryable_failure() const { return retryable_failure_; }
    void clear_retryable_failure() { retryable_failure_ = false; }

private:
    bool read_only_ = false;
    friend class PgStatement;
    Connection(pg_conn* connection, std::string url);
    Status configure();
    /// Turns a result into an Error unless it succeeded; clears the result.
    Error error_from_result(pg_result* result, std::string_view context);
    void note_command(pg_result* result);
    std::string next_statement_name() { return "hx" + std::to_string(++statement_counter_); }

    pg_conn* connection_;
    std::string url_;
    std::int64_t changes_ = 0;
    bool retryable_failure_ = false;
    std::uint64_t statement_counter_ = 0;
    std::uint64_t generation_ = 1;  // bumped by reconnect(): prepared statements are gone
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const {
            return std::hash<std::string_view>{}(sql);
        }
    };
    std::unordered_map<std::string, std::unique_ptr<PgStatement>, SqlHash, std::equal_to<>> cache_;
};

}  // namespace hx::storage::postgres

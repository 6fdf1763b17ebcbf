#pragma once
/// The engine-neutral face of a database connection that the repositories are written against.
/// `sqlite::Connection` and `postgres::Connection` implement it, so one repository (one SQL
/// text per query, SQLite-flavoured, `?N` parameters) serves both engines; the PostgreSQL
/// connection translates the few constructs that differ when it prepares a statement
/// (src/storage/migrations/README.md lists them).
///
/// A Connection is used by one thread at a time (the stores lend each one out exclusively).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hx::storage::sql {

enum class Dialect { kSqlite, kPostgres };

/// What a NULL stands in for: SQLite does not care, PostgreSQL must know a parameter's type
/// when it prepares the statement (`?1 IS NULL OR at >= ?1` cannot be typed from the SQL).
enum class NullOf { kUnknown, kInteger, kText };

/// One engine's prepared statement. Bind failures are kept and reported by the next step().
class StatementBackend {
public:
    virtual ~StatementBackend() = default;
    virtual void bind_int64(int index, std::int64_t value) = 0;
    virtual void bind_text(int index, std::string_view value) = 0;
    /// bind_text for text that stays valid until the statement is bound again, reset or
    /// released; an engine may then skip its copy (SQLite: SQLITE_STATIC). Copies by default.
    virtual void bind_text_kept(int index, std::string_view value) { bind_text(index, value); }
    virtual void bind_null(int index, NullOf kind) = 0;
    [[nodiscard]] virtual Result<bool> step() = 0;
    virtual void reset() = 0;
    [[nodiscard]] virtual std::int64_t column_int64(int index) const = 0;
    [[nodiscard]] virtual std::string column_text(int index) const = 0;
    [[nodiscard]] virtual bool column_is_null(int index) const = 0;
    /// Called once when the Statement handle is done with it: a cached statement goes back to
    /// its connection's cache (reset, bindings cleared), an uncached one deletes itself.
    virtual void release() noexcept = 0;
};

/// A prepared statement handle. Parameters are bound 1-based (?1, ?2, … as in the SQL text),
/// columns are read 0-based. Binds can be chained; a bind failure is reported by step().
class Statement {
public:
    explicit Statement(StatementBackend* backend) : backend_(backend) {}
    Statement(Statement&& other) noexcept : backend_(other.backend_) { other.backend_ = nullptr; }
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() {
        if (backend_ != nullptr) backend_->release();
    }

    Statement& bind_int64(int index, std::int64_t value) {
        backend_->bind_int64(index, value);
        return *this;
    }
    Statement& bind_text(int index, std::string_view value) {
        backend_->bind_text(index, value);
        return *this;
    }
    /// For a bulk load: `value` must outlive the next step() (StatementBackend::bind_text_kept).
    Statement& bind_text_kept(int index, std::string_view value) {
        backend_->bind_text_kept(index, value);
        return *this;
    }
    Statement& bind_null(int index, NullOf kind = NullOf::kUnknown) {
        backend_->bind_null(index, kind);
        return *this;
    }
    Statement& bind_optional_int64(int index, const std::optional<std::int64_t>& value) {
        return value ? bind_int64(index, *value) : bind_null(index, NullOf::kInteger);
    }
    Statement& bind_optional_text(int index, const std::optional<std::string>& value) {
        return value ? bind_text(index, *value) : bind_null(index, NullOf::kText);
    }

    /// Advances the statement: true when a row is ready, false when it has run to completion.
    [[nodiscard]] Result<bool> step() { return backend_->step(); }
    /// Runs a statement that returns no rows (or whose rows are not wanted) to completion.
    [[nodiscard]] Status run();
    /// Makes the statement ready to run again. Bindings are kept until rebound.
    void reset() { backend_->reset(); }

    [[nodiscard]] std::int64_t column_int64(int index) const {
        return backend_->column_int64(index);
    }
    [[nodiscard]] bool column_bool(int index) const { return column_int64(index) != 0; }
    /// The text of a column; empty for NULL.
    [[nodiscard]] std::string column_text(int index) const {
        return backend_->column_text(index);
    }
    [[nodiscard]] bool column_is_null(int index) const { return backend_->column_is_null(index); }
    [[nodiscard]] std::optional<std::int64_t> column_optional_int64(int index) const {
        if (column_is_null(index)) return std::nullopt;
        return column_int64(index);
    }

private:
    StatementBackend* backend_;
};

class Connection {
public:
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    virtual ~Connection() = default;

    [[nodiscard]] virtual Dialect dialect() const = 0;
    /// Runs SQL text without parameters: transaction control, a script of several statements.
    virtual Status execute(const std::string& sql) = 0;
    /// A prepared statement for `sql` (one statement, SQLite-flavoured, `?N` parameters),
    /// prepared once per connection and reused from then on.
    virtual Result<Statement> prepare(std::string_view sql) = 0;
    /// While set, prepare() refuses (or the engine refuses) any statement that would write.
    virtual void set_read_only(bool read_only) = 0;
    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    [[nodiscard]] virtual std::int64_t changes() const = 0;
    /// The key the most recent INSERT gave an `INTEGER PRIMARY KEY` column that it left out.
    [[nodiscard]] virtual std::int64_t last_insert_rowid() = 0;
    /// Whether a transaction is open on this connection.
    [[nodiscard]] virtual bool in_transaction() const = 0;
};

}  // namespace hx::storage::sql

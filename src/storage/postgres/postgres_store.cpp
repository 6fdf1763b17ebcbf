#include "storage/postgres/postgres_store.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <map>
#include <random>
#include <thread>

#include "storage/migration_checks.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/dialect.hpp"
#include "storage/sqlite/repositories.hpp"

namespace hx::storage::postgres {

namespace {

constexpr int kMaxPoolSize = 64;
constexpr auto kBorrowTimeout = std::chrono::seconds(30);

// The writers' lock: one advisory lock per schema (classid 'hx', objid the schema's hash), so
// stores on different schemas of one database (the tests' case) do not wait for each other.
constexpr const char* kLockWriters =
    "SELECT pg_advisory_lock(26744, hashtext(current_schema()))";
constexpr const char* kUnlockWriters =
    "SELECT pg_advisory_unlock(26744, hashtext(current_schema()))";

constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr const char* kBeginWrite = "BEGIN ISOLATION LEVEL SERIALIZABLE";

constexpr std::string_view kCreateLedger = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    number     BIGINT NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    applied_at BIGINT NOT NULL
))sql";
constexpr std::string_view kRecord = R"sql(
INSERT INTO schema_migrations (number, name, applied_at)
VALUES (?1, ?2, (extract(epoch FROM clock_timestamp()) * 1000)::bigint))sql";
constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE number = ?1";

thread_local std::vector<const PostgresStore*> t_open_transactions;

bool transaction_open_on_this_thread(const PostgresStore* store) {
    return std::find(t_open_transactions.begin(), t_open_transactions.end(), store) !=
           t_open_transactions.end();
}

class OpenTransactionMark {
public:
    explicit OpenTransactionMark(const PostgresStore* store) { t_open_transactions.push_back(store); }
    ~OpenTransactionMark() { t_open_transactions.pop_back(); }
    OpenTransactionMark(const OpenTransactionMark&) = delete;
    OpenTransactionMark& operator=(const OpenTransactionMark&) = delete;
};

/// The enclosing write open on this thread (write_enclosing): its store and the repositories of
/// its connection, which the use cases run inside it join as savepoints.
struct Enclosing {
    const PostgresStore* store = nullptr;
    Connection* connection = nullptr;
    Repositories* repositories = nullptr;
};
thread_local Enclosing t_enclosing;

Error nested_transaction() {
    return Error::internal(
        "postgresql: a transaction was opened inside another one on the same thread "
        "(Store::read/write/migrate called from inside a Work)");
}

void rollback_quietly(Connection& connection) {
    // The error that caused the rollback is the one worth reporting.
    if (connection.in_transaction()) static_cast<void>(connection.execute("ROLLBACK"));
}

Status run_work(const Work& work, Repositories& repositories) {
    try {
        return work(repositories);
    } catch (const std::exception& e) {
        return fail(Error::internal(std::string("exception in a transaction: ") + e.what()));
    } catch (...) {
        return fail(Error::internal("unknown exception in a transaction"));
    }
}

Error internal_from_exception(const char* where) {
    try {
        throw;
    } catch (const std::exception& e) {
        return Error::internal(std::string("postgresql store ") + where + ": " + e.what());
    } catch (...) {
        return Error::internal(std::string("postgresql store ") + where + ": unknown exception");
    }
}

/// A short randomised pause before running a failed transaction again.
void back_off(int attempt) {
    thread_local std::minstd_rand random(std::random_device{}());
    const int base_ms = 2 << std::min(attempt, 5);
    std::uniform_int_distribution<int> jitter(0, base_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(base_ms + jitter(random)));
}

Status execute_in(Connection& connection, std::string_view sql) {
    ASSIGN_OR_RETURN(auto statement, connection.prepare(sql));
    return statement.run();
}

}  // namespace

struct PostgresStore::Slot {
    std::unique_ptr<Connection> connection;
    // Bound to *connection; the repositories are the engine-neutral ones of storage/sqlite.
    std::unique_ptr<sqlite::SqliteRepositories> repositories;
};

class PostgresStore::Lease {
public:
    Lease(PostgresStore& store, Slot& slot) : store_(&store), slot_(&slot) {}
    Lease(Lease&& other) noexcept
        : store_(other.store_), slot_(std::exchange(other.slot_, nullptr)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
        if (slot_ != nullptr) store_->give_back(slot_);
    }
    Slot& slot() { return *slot_; }

private:
    PostgresStore* store_;
    Slot* slot_;
};

PostgresStore::PostgresStore(std::string url, std::vector<std::unique_ptr<Slot>> slots)
    : url_(std::move(url)), slots_(std::move(slots)) {
    for (auto& slot : slots_) idle_.push_back(slot.get());
}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url,
                                                           int pool_size) {
    if (pool_size < 1 || pool_size > kMaxPoolSize) {
        return fail(Error::invalid(
            "invalid_pool_size", "数据库连接数 " + std::to_string(pool_size) + " 无效：应在 1 到 " +
                                     std::to_string(kMaxPoolSize) + " 之间"));
    }
    try {
        std::vector<std::unique_ptr<Slot>> slots;
        for (int i = 0; i < pool_size; ++i) slots.push_back(std::make_unique<Slot>());
        std::unique_ptr<PostgresStore> store(new PostgresStore(url, std::move(slots)));
        RETURN_IF_ERROR(store->ready(*store->slots_.front()));
        return store;
    } catch (...) {
        return fail(internal_from_exception("open"));
    }
}

Result<PostgresStore::Lease> PostgresStore::borrow() {
    std::unique_lock<std::mutex> lock(pool_mutex_);
    if (!slot_returned_.wait_for(lock, kBorrowTimeout, [this] { return !idle_.empty(); })) {
        return fail(Error(ErrorCode::kUnavailable, "database_busy",
                          "数据库连接全部占用，请稍后重试（等待超过 30 秒）"));
    }
    // The most recently returned slot first: it is the likeliest to be connected already.
    Slot* slot = idle_.back();
    idle_.pop_back();
    return Lease(*this, *slot);
}

void PostgresStore::give_back(Slot* slot) {
    {
        const std::lock_guard<std::mutex> lock(pool_mutex_);
        idle_.push_back(slot);
    }
    slot_returned_.notify_one();
}

Status PostgresStore::ready(Slot& slot) {
    if (slot.connection == nullptr) {
        ASSIGN_OR_RETURN(slot.connection, Connection::open(url_));
        slot.repositories = std::make_unique<sqlite::SqliteRepositories>(*slot.connection);
        return ok();
    }
    if (!slot.connection->healthy()) return slot.connection->reconnect();
    return ok();
}

Status PostgresStore::read(const Work& work) {
    try {
        return run(work, Mode::kRead);
    } catch (...) {
        return fail(internal_from_exception("read"));
    }
}

Status PostgresStore::write(const Work& work) {
    try {
        return run(work, Mode::kWrite);
    } catch (...) {
        return fail(internal_from_exception("write"));
    }
}

Status PostgresStore::write_enclosing(const Work& work) {
    try {
        if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
        const std::unique_lock<std::mutex> writer(writer_mutex_);
        ASSIGN_OR_RETURN(auto lease, borrow());
        const OpenTransactionMark mark(this);
        for (int attempt = 1;; ++attempt) {
            bool retry = false;
            auto& slot = lease.slot();
            const Work enclosing = [&](Repositories& repositories) -> Status {
                t_enclosing = {this, slot.connection.get(), &repositories};
                Status result = run_work(work, repositories);
                t_enclosing = {};
                return result;
            };
            Status result = this->attempt(slot, enclosing, Mode::kWrite, &retry);
            t_enclosing = {};
            if (result || !retry || attempt >= kMaxAttempts) return result;
            back_off(attempt);
        }
    } catch (...) {
        t_enclosing = {};
        return fail(internal_from_exception("write_enclosing"));
    }
}

Status PostgresStore::run(const Work& work, Mode mode) {
    if (t_enclosing.store == this) {
        // Inside an enclosing write: this use case is a savepoint of it, rolled back alone.
        Connection& connection = *t_enclosing.connection;
        RETURN_IF_ERROR(connection.execute("SAVEPOINT hx_unit"));
        // A read keeps its guarantee: nothing it prepares may write.
        connection.set_read_only(mode == Mode::kRead);
        Status result = run_work(work, *t_enclosing.repositories);
        connection.set_read_only(false);
        if (result) {
            RETURN_IF_ERROR(connection.execute("RELEASE SAVEPOINT hx_unit"));
            return result;
        }
        static_cast<void>(connection.execute("ROLLBACK TO SAVEPOINT hx_unit"));
        static_cast<void>(connection.execute("RELEASE SAVEPOINT hx_unit"));
        return result;
    }
    if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
    std::unique_lock<std::mutex> writer(writer_mutex_, std::defer_lock);
    if (mode == Mode::kWrite) writer.lock();
    ASSIGN_OR_RETURN(auto lease, borrow());
    const OpenTransactionMark mark(this);
    for (int attempt = 1;; ++attempt) {
        bool retry = false;
        Status result = this->attempt(lease.slot(), work, mode, &retry);
        if (result || !retry || attempt >= kMaxAttempts) return result;
        back_off(attempt);
    }
}

Status PostgresStore::attempt(Slot& slot, const Work& work, Mode mode, bool* retry) {
    RETURN_IF_ERROR(ready(slot));
    Connection& connection = *slot.connection;
    rollback_quietly(connection);  // nothing left open by an earlier failure
    connection.clear_retryable_failure();
    bool locked = false;
    bool commit_sent = false;
    Status result = ok();
    if (mode == Mode::kWrite) {
        result = connection.execute(kLockWriters);
        locked = static_cast<bool>(result);
    }
    if (result) result = connection.execute(mode == Mode::kWrite ? kBeginWrite : kBeginRead);
    if (result) result = run_work(work, *slot.repositories);
    if (result) {
        commit_sent = true;
        result = connection.execute("COMMIT");
    }
    if (!result) rollback_quietly(connection);
    if (locked && connection.healthy()) static_cast<void>(connection.execute(kUnlockWriters));
    if (!result) {
        // Run again after a serialization failure or deadlock, or when the connection was lost
        // before COMMIT was sent (the server rolled back; nothing was applied). A connection
        // lost during COMMIT leaves the outcome unknown: that is reported, never retried.
        const bool lost = !connection.healthy();
        *retry = connection.retryable_failure() || (lost && !commit_sent);
    }
    return result;
}

Status PostgresStore::execute(const std::string& sql) {
    return transact([&](Connection& connection) { return connection.execute(sql); });
}

Status PostgresStore::transact(const std::function<Status(Connection&)>& work) {
    try {
        if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
        ASSIGN_OR_RETURN(auto lease, borrow());
        const OpenTransactionMark mark(this);
        for (int attempt = 1;; ++attempt) {
            RETURN_IF_ERROR(ready(lease.slot()));
            Connection& connection = *lease.slot().connection;
            rollback_quietly(connection);
            bool commit_sent = false;
            Status result = connection.execute("BEGIN");
            if (result) result = work(connection);
            if (result) {
                commit_sent = true;
                result = connection.execute("COMMIT");
            }
            if (result) return result;
            rollback_quietly(connection);
            const bool lost = !connection.healthy();
            if (!(lost && !commit_sent) || attempt >= kMaxAttempts) return result;
            back_off(attempt);
        }
    } catch (...) {
        return fail(internal_from_exception("transact"));
    }
}

Result<int> PostgresStore::migrate() {
    return migrate(storage::migrations());
}

namespace {

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

/// What the translated migrations rely on, in the schema they create their tables in: the
/// collation SQLite's COLLATE NOCASE becomes (case-insensitive, so `=`, UNIQUE and indexes
/// ignore case as SQLite's do for ASCII).
constexpr const char* kPrelude =
    "CREATE COLLATION IF NOT EXISTS hx_nocase "
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)";

/// Inside an open transaction: applies the migration unless another process did first.
Result<bool> apply_in_transaction(Connection& connection, const Migration& migration) {
    {
        ASSIGN_OR_RETURN(auto check, connection.prepare(kIsApplied));
        check.bind_int64(1, migration.number);
        ASSIGN_OR_RETURN(const bool already, check.step());
        if (already) return false;
    }
    ASSIGN_OR_RETURN(const std::string translated, translate_migration(migration.sql));
    const auto applied = connection.execute(translated);
    if (!applied) {
        return fail(Error::internal("migration " + std::to_string(migration.number) + " '" +
                                    migration.name + "' failed: " + applied.error().message()));
    }
    ASSIGN_OR_RETURN(auto record, connection.prepare(kRecord));
    record.bind_int64(1, migration.number).bind_text(2, migration.name);
    RETURN_IF_ERROR(record.run());
    return true;
}

Result<int> migrate_locked(Connection& connection, const std::vector<Migration>& known) {
    RETURN_IF_ERROR(connection.execute(kPrelude));
    RETURN_IF_ERROR(execute_in(connection, kCreateLedger));
    ASSIGN_OR_RETURN(const auto applied, applied_migrations(connection));
    RETURN_IF_ERROR(check_not_newer(applied, known));
    int count = 0;
    for (const auto& migration : known) {
        if (applied.count(migration.number) != 0) continue;
        RETURN_IF_ERROR(connection.execute("BEGIN"));
        auto result = apply_in_transaction(connection, migration);
        if (result) {
            const auto committed = connection.execute("COMMIT");
            if (!committed) result = fail(committed.error());
        }
        if (!result) {
            rollback_quietly(connection);
            return fail(std::move(result).error());
        }
        if (*result) ++count;
    }
    return count;
}

}  // namespace

Result<int> PostgresStore::migrate(const std::vector<Migration>& known) {
    try {
        RETURN_IF_ERROR(check_known(known));
        if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
        const std::lock_guard<std::mutex> writer(writer_mutex_);
        ASSIGN_OR_RETURN(auto lease, borrow());
        const OpenTransactionMark mark(this);
        RETURN_IF_ERROR(ready(lease.slot()));
        Connection& connection = *lease.slot().connection;
        rollback_quietly(connection);
        RETURN_IF_ERROR(connection.execute(kLockWriters));
        auto result = migrate_locked(connection, known);
        if (connection.healthy()) static_cast<void>(connection.execute(kUnlockWriters));
        return result;
    } catch (...) {
        return fail(internal_from_exception("migrate"));
    }
}

}  // namespace hx::storage::postgres

#include "storage/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <optional>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/repositories.hpp"

namespace hx::storage::sqlite {

namespace {

constexpr int kMaxPoolSize = 64;
// A transaction that waits this long for a connection is better answered with 503 than left
// hanging; a healthy pool returns connections in milliseconds.
constexpr auto kBorrowTimeout = std::chrono::seconds(30);

// The transactions open on this thread: a nested read/write would wait for a second connection
// (and deadlock a pool of one), so it is refused — unless the open one is an enclosing write,
// whose connection the nested one then joins as a savepoint.
struct OpenTransaction {
    const SqliteStore* store;
    Connection* connection;
    Repositories* repositories;
    bool enclosing;
};
thread_local std::vector<OpenTransaction> t_open_transactions;

const OpenTransaction* open_transaction_on_this_thread(const SqliteStore* store) {
    const auto found =
        std::find_if(t_open_transactions.rbegin(), t_open_transactions.rend(),
                     [store](const OpenTransaction& open) { return open.store == store; });
    return found == t_open_transactions.rend() ? nullptr : &*found;
}

bool transaction_open_on_this_thread(const SqliteStore* store) {
    return open_transaction_on_this_thread(store) != nullptr;
}

class OpenTransactionMark {
public:
    explicit OpenTransactionMark(OpenTransaction open) { t_open_transactions.push_back(open); }
    ~OpenTransactionMark() { t_open_transactions.pop_back(); }
    OpenTransactionMark(const OpenTransactionMark&) = delete;
    OpenTransactionMark& operator=(const OpenTransactionMark&) = delete;
};

Error nested_transaction() {
    return Error::internal(
        "sqlite: a transaction was opened inside another one on the same thread "
        "(Store::read/write/migrate/backup_to called from inside a Work)");
}

Status execute_cached(Connection& connection, std::string_view sql) {
    ASSIGN_OR_RETURN(auto statement, connection.prepare(sql));
    return statement.run();
}

void rollback_quietly(Connection& connection) {
    // The error that caused the rollback is the one worth reporting. SQLite may already have
    // rolled back by itself (an I/O error, a full disk); then there is nothing to do.
    if (connection.in_transaction()) static_cast<void>(execute_cached(connection, "ROLLBACK"));
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

/// `work` as a savepoint of the transaction open on `connection`: rolled back alone when it
/// fails, released (not yet committed) when it succeeds.
Status run_savepoint(Connection& connection, Repositories& repositories, const Work& work) {
    RETURN_IF_ERROR(execute_cached(connection, "SAVEPOINT hx_unit"));
    Status result = run_work(work, repositories);
    if (!result) static_cast<void>(execute_cached(connection, "ROLLBACK TO hx_unit"));
    Status released = execute_cached(connection, "RELEASE hx_unit");
    if (result && !released) return released;
    return result;
}

Error internal_from_exception(const char* where) {
    try {
        throw;
    } catch (const std::exception& e) {
        return Error::internal(std::string("sqlite store ") + where + ": " + e.what());
    } catch (...) {
        return Error::internal(std::string("sqlite store ") + where + ": unknown exception");
    }
}

}  // namespace

struct SqliteStore::Slot {
    explicit Slot(std::unique_ptr<Connection> opened)
        : connection(std::move(opened)), repositories(*connection) {}
    std::unique_ptr<Connection> connection;
    SqliteRepositories repositories;  // bound to *connection
};

/// A borrowed slot, given back to the pool on destruction.
class SqliteStore::Lease {
public:
    Lease(SqliteStore& store, Slot& slot) : store_(&store), slot_(&slot) {}
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
    SqliteStore* store_;
    Slot* slot_;
};

/// The open group transaction: a borrowed connection inside BEGIN IMMEDIATE, and the outcome
/// of its COMMIT that the writers whose works it holds wait for.
struct SqliteStore::Batch {
    explicit Batch(Lease held) : lease(std::move(held)) {}
    std::optional<Lease> lease;  // given back once the batch is committed or rolled back
    std::chrono::steady_clock::time_point began = std::chrono::steady_clock::now();
    int works = 0;
    std::optional<Error> broken;  // a work ended the transaction itself (SQLite rolled it back)
    bool done = false;            // under group_mutex_
    Status outcome = ok();        // under group_mutex_, once done
};

/// A writer's turn: tickets are served in the order they were taken. Holds group_mutex_ (through
/// lock()) except where the holder unlocks it to use the connection; the destructor passes the
/// turn on if pass() was not called.
class SqliteStore::Turn {
public:
    explicit Turn(SqliteStore& store) : store_(store), lock_(store.group_mutex_) {
        const std::uint64_t ticket = store_.next_ticket_++;
        store_.group_changed_.wait(lock_, [&] { return store_.serving_ticket_ == ticket; });
    }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    ~Turn() {
        if (!held_) return;
        if (!lock_.owns_lock()) lock_.lock();
        pass();
    }
    std::unique_lock<std::mutex>& lock() { return lock_; }
    /// Whether other writers have taken a ticket since this one (under the lock).
    [[nodiscard]] bool others_waiting() const {
        return store_.next_ticket_ - store_.serving_ticket_ > 1;
    }
    /// Hands the turn to the next ticket (under the lock).
    void pass() {
        held_ = false;
        ++store_.serving_ticket_;
        store_.group_changed_.notify_all();
    }

private:
    SqliteStore& store_;
    std::unique_lock<std::mutex> lock_;
    bool held_ = true;
};

SqliteStore::SqliteStore(std::string path, std::vector<std::unique_ptr<Slot>> slots)
    : path_(std::move(path)), slots_(std::move(slots)) {
    for (auto& slot : slots_) idle_.push_back(slot.get());
}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, int pool_size) {
    if (pool_size < 1 || pool_size > kMaxPoolSize) {
        return fail(Error::invalid(
            "invalid_pool_size", "数据库连接数 " + std::to_string(pool_size) + " 无效：应在 1 到 " +
                                     std::to_string(kMaxPoolSize) + " 之间"));
    }
    try {
        std::vector<std::unique_ptr<Slot>> slots;
        for (int i = 0; i < pool_size; ++i) {
            ASSIGN_OR_RETURN(auto connection, Connection::open(path, i == 0 ? OpenMode::kCreate
                                                                            : OpenMode::kExisting));
            slots.push_back(std::make_unique<Slot>(std::move(connection)));
        }
        return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(slots)));
    } catch (...) {
        return fail(internal_from_exception("open"));
    }
}

Result<SqliteStore::Lease> SqliteStore::borrow() {
    std::unique_lock<std::mutex> lock(pool_mutex_);
    if (!slot_returned_.wait_for(lock, kBorrowTimeout, [this] { return !idle_.empty(); })) {
        return fail(Error(ErrorCode::kUnavailable, "database_busy",
                          "数据库连接全部占用，请稍后重试（等待超过 30 秒）"));
    }
    Slot* slot = idle_.back();
    idle_.pop_back();
    return Lease(*this, *slot);
}

void SqliteStore::give_back(Slot* slot) {
    {
        const std::lock_guard<std::mutex> lock(pool_mutex_);
        idle_.push_back(slot);
    }
    slot_returned_.notify_one();
}

Status SqliteStore::read(const Work& work) {
    try {
        return run(work, Mode::kRead);
    } catch (...) {
        return fail(internal_from_exception("read"));
    }
}

Status SqliteStore::write(const Work& work) {
    try {
        return run(work, Mode::kWrite);
    } catch (...) {
        return fail(internal_from_exception("write"));
    }
}

Status SqliteStore::write_enclosing(const Work& work) {
    try {
        return run(work, Mode::kEnclosing);
    } catch (...) {
        return fail(internal_from_exception("write_enclosing"));
    }
}

Status SqliteStore::defer_commits_unsafely(std::chrono::milliseconds window) {
    if (slots_.size() != 1) {
        return fail(Error::invalid("invalid_pool_size", "延迟提交的测试模式只能使用一个数据库连接"));
    }
    deferred_window_ = window;
    return ok();
}

Status SqliteStore::run(const Work& work, Mode mode) {
    if (const auto* open = open_transaction_on_this_thread(this)) {
        if (!open->enclosing || mode == Mode::kEnclosing) return fail(nested_transaction());
        Connection& connection = *open->connection;
        // A read inside the enclosing write keeps the guarantee of a read transaction.
        const bool was_read_only = connection.read_only();
        connection.set_read_only(was_read_only || mode == Mode::kRead);
        Status result = run_savepoint(connection, *open->repositories, work);
        connection.set_read_only(was_read_only);
        return result;
    }
    if (mode == Mode::kRead) {
        ASSIGN_OR_RETURN(auto lease, borrow());
        Slot& slot = lease.slot();
        const OpenTransactionMark mark({this, slot.connection.get(), &slot.repositories, false});
        if (deferred_window_.count() > 0) return run_deferred(slot, work);
        return run_on(slot, work, mode);
    }
    if (deferred_window_.count() == 0) return run_grouped(work, mode);
    Turn turn(*this);
    turn.lock().unlock();
    ASSIGN_OR_RETURN(auto lease, borrow());
    Slot& slot = lease.slot();
    const OpenTransactionMark mark(
        {this, slot.connection.get(), &slot.repositories, mode == Mode::kEnclosing});
    return run_deferred(slot, work);
}

Status SqliteStore::run_grouped(const Work& work, Mode mode) {
    Turn turn(*this);
    std::unique_lock<std::mutex>& lock = turn.lock();
    if (!batch_) {
        // Borrowing may wait for a reader's connection; the turn keeps other writers out.
        lock.unlock();
        ASSIGN_OR_RETURN(auto lease, borrow());
        Connection& connection = *lease.slot().connection;
        // A transaction left open by an earlier failure must not swallow this batch.
        rollback_quietly(connection);
        connection.set_read_only(false);
        Status begun = execute_cached(connection, "BEGIN IMMEDIATE");
        if (!begun) {
            rollback_quietly(connection);
            return begun;
        }
        batch_ = std::make_shared<Batch>(std::move(lease));
        lock.lock();
    }
    const std::shared_ptr<Batch> batch = batch_;
    Slot& slot = batch->lease->slot();
    lock.unlock();
    Status result = ok();
    {
        const OpenTransactionMark mark(
            {this, slot.connection.get(), &slot.repositories, mode == Mode::kEnclosing});
        result = run_savepoint(*slot.connection, slot.repositories, work);
    }
    if (!slot.connection->in_transaction() && !batch->broken) {
        // SQLite rolled the whole transaction back (an I/O error, a full disk): the works
        // before this one in the batch are lost too, and must not be acknowledged.
        batch->broken = Error::internal(
            "sqlite: the group transaction ended inside a write" +
            (result ? std::string() : ": " + result.error().message()));
    }
    lock.lock();
    ++batch->works;
    ++counts_.works;
    const bool full = batch->works >= kMaxBatchJobs ||
                      std::chrono::steady_clock::now() - batch->began >= kMaxBatchOpen;
    if (batch->broken || full || !turn.others_waiting()) commit_batch(lock);
    turn.pass();
    // Answer only once the COMMIT holding this work has returned, failed works included: they
    // may have read what the batch's earlier works wrote.
    group_changed_.wait(lock, [&] { return batch->done; });
    if (!batch->outcome) return batch->outcome;
    return result;
}

void SqliteStore::commit_batch(std::unique_lock<std::mutex>& lock) {
    if (!batch_) return;
    const std::shared_ptr<Batch> batch = std::move(batch_);
    batch_.reset();
    lock.unlock();
    Connection& connection = *batch->lease->slot().connection;
    Status outcome = batch->broken ? fail(*batch->broken) : execute_cached(connection, "COMMIT");
    if (!outcome) rollback_quietly(connection);
    batch->lease.reset();  // the connection back to the pool
    lock.lock();
    ++counts_.batches;
    batch->outcome = std::move(outcome);
    batch->done = true;
    group_changed_.notify_all();
}

SqliteStore::GroupCommitCounts SqliteStore::group_commit_counts() {
    const std::lock_guard<std::mutex> lock(group_mutex_);
    return counts_;
}

Status SqliteStore::run_deferred(Slot& slot, const Work& work) {
    // The pool has one connection, so the borrow above serialises every transaction here.
    Connection& connection = *slot.connection;
    if (!connection.in_transaction()) {
        RETURN_IF_ERROR(execute_cached(connection, "BEGIN IMMEDIATE"));
        deferred_since_ = std::chrono::steady_clock::now();
    }
    Status result = run_savepoint(connection, slot.repositories, work);
    if (std::chrono::steady_clock::now() - deferred_since_ >= deferred_window_) {
        Status committed = execute_cached(connection, "COMMIT");
        if (!committed) rollback_quietly(connection);
        if (result && !committed) return committed;
    }
    return result;
}

Status SqliteStore::run_on(Slot& slot, const Work& work, Mode mode) {
    Connection& connection = *slot.connection;
    // A transaction left open by an earlier failure must not swallow this one.
    rollback_quietly(connection);
    // A read transaction that tries to write fails instead of writing outside BEGIN IMMEDIATE.
    connection.set_read_only(mode == Mode::kRead);
    Status result = execute_cached(connection, mode == Mode::kRead ? "BEGIN" : "BEGIN IMMEDIATE");
    if (result) result = run_work(work, slot.repositories);
    if (result) result = execute_cached(connection, "COMMIT");
    if (!result) rollback_quietly(connection);
    connection.set_read_only(false);
    return result;
}

Result<int> SqliteStore::migrate() {
    return migrate(storage::migrations());
}

Result<int> SqliteStore::migrate(const std::vector<Migration>& known) {
    try {
        if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
        Turn turn(*this);
        commit_batch(turn.lock());
        turn.lock().unlock();
        ASSIGN_OR_RETURN(auto lease, borrow());
        const OpenTransactionMark mark({this, lease.slot().connection.get(), nullptr, false});
        return hx::storage::sqlite::migrate(*lease.slot().connection, known);
    } catch (...) {
        return fail(internal_from_exception("migrate"));
    }
}

Status SqliteStore::set_bulk_load(bool enabled) {
    try {
        if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
        Turn turn(*this);
        commit_batch(turn.lock());
        turn.lock().unlock();
        // Borrow every connection: none may be inside a transaction while its pragma changes.
        std::vector<Lease> leases;
        leases.reserve(slots_.size());
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            ASSIGN_OR_RETURN(auto lease, borrow());
            leases.push_back(std::move(lease));
        }
        const OpenTransactionMark mark({this, nullptr, nullptr, false});
        for (auto& lease : leases) {
            RETURN_IF_ERROR(lease.slot().connection->execute(enabled ? "PRAGMA synchronous = OFF"
                                                                     : "PRAGMA synchronous = FULL"));
        }
        return ok();
    } catch (...) {
        return fail(internal_from_exception("set_bulk_load"));
    }
}

namespace {

/// `PRAGMA quick_check` on a freshly written copy: "ok" or the first problem.
Status check_copy(sqlite3* copy, const std::string& path) {
    std::string verdict;
    char* message = nullptr;
    const int rc = sqlite3_exec(
        copy, "PRAGMA quick_check",
        [](void* out, int columns, char** values, char**) {
            if (columns > 0 && values[0] != nullptr && static_cast<std::string*>(out)->empty()) {
                *static_cast<std::string*>(out) = values[0];
            }
            return 0;
        },
        &verdict, &message);
    if (rc != SQLITE_OK) {
        std::string text = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return fail(error_from_sqlite(rc, text, "quick_check of " + path));
    }
    if (verdict != "ok") {
        return fail(Error::internal("backup '" + path + "' failed quick_check: " + verdict));
    }
    return ok();
}

/// Copies `source` into a new database file at `path`.
Status copy_database(sqlite3* source, const std::string& path) {
    sqlite3* copy = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = copy != nullptr ? sqlite3_errmsg(copy) : sqlite3_errstr(rc);
        sqlite3_close(copy);
        return fail(error_from_sqlite(rc, message, "open backup " + path));
    }
    Status result = ok();
    sqlite3_backup* backup = sqlite3_backup_init(copy, "main", source, "main");
    if (backup == nullptr) {
        result = fail(
            error_from_sqlite(sqlite3_errcode(copy), sqlite3_errmsg(copy), "backup_init " + path));
    } else {
        // -1: every page in one step, so the copy is one consistent snapshot of the source.
        rc = sqlite3_backup_step(backup, -1);
        const int finished = sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            result = fail(error_from_sqlite(rc, sqlite3_errstr(rc), "backup_step " + path));
        } else if (finished != SQLITE_OK) {
            result = fail(error_from_sqlite(finished, sqlite3_errmsg(copy), "backup " + path));
        }
    }
    if (result) result = check_copy(copy, path);
    rc = sqlite3_close(copy);
    if (result && rc != SQLITE_OK) {
        result = fail(error_from_sqlite(rc, sqlite3_errstr(rc), "close backup " + path));
    }
    return result;
}

void remove_quietly(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix, ignored);
    }
}

}  // namespace

Status SqliteStore::backup_to(const std::string& path) {
    try {
        namespace fs = std::filesystem;
        if (path.empty()) return fail(Error::invalid("invalid_backup_path", "备份文件路径为空"));
        std::error_code error;
        if (fs::exists(path, error)) {
            return fail(
                Error::invalid("backup_exists", "备份文件 '" + path + "' 已存在，不会覆盖它"));
        }
        if (transaction_open_on_this_thread(this)) return fail(nested_transaction());
        const std::string partial = path + ".partial";
        remove_quietly(partial);
        {
            ASSIGN_OR_RETURN(auto lease, borrow());
            const OpenTransactionMark mark({this, lease.slot().connection.get(), nullptr, false});
            auto copied = copy_database(lease.slot().connection->handle(), partial);
            if (!copied) {
                remove_quietly(partial);
                return copied;
            }
        }
        fs::rename(partial, path, error);
        if (error) {
            remove_quietly(partial);
            return fail(Error::internal("backup: cannot rename '" + partial + "' to '" + path +
                                        "': " + error.message()));
        }
        return ok();
    } catch (...) {
        return fail(internal_from_exception("backup"));
    }
}

}  // namespace hx::storage::sqlite

#pragma once
/// The SQLite Store: a pool of connections to one database file in WAL mode.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/store.hpp"
#include "storage/migrations.hpp"

namespace hx::storage::sqlite {

class Connection;
class SqliteRepositories;

/// Each transaction borrows one connection of the pool exclusively, so no sqlite3* is ever used
/// by two threads at once. read() runs BEGIN (deferred) … COMMIT with the connection set
/// query_only.
///
/// Writes are group-committed. The writers of this process take turns in arrival order (a
/// ticket queue, not the busy handler's polling); each runs its work on the calling thread as a
/// SAVEPOINT of one shared BEGIN IMMEDIATE transaction (the batch), so a work that returns an
/// error or throws (an exception becomes kInternal) rolls back only itself. A writer that finds
/// others queued behind it hands the turn on without committing; the last one in line (or the
/// one that fills the batch: kMaxBatchJobs works or kMaxBatchOpen since BEGIN) commits, and one
/// fsync of the log makes the whole batch durable. Every write() returns only after the COMMIT
/// of its batch has returned (WAL, synchronous=FULL), so an acknowledged write is durable, and
/// a work that failed is answered after that COMMIT too (it may have read the batch's earlier,
/// not yet durable, works). When the batch cannot commit, every work in it gets that error.
/// Writers of other processes wait up to the busy timeout, then get kUnavailable.
///
/// A transaction must not open another one on the same thread (read inside write, …): that is
/// refused with kInternal instead of deadlocking on the pool. The one exception is
/// write_enclosing(): the transactions opened inside it run on its connection as savepoints.
class SqliteStore final : public Store {
public:
    /// Opens `pool_size` (1…64) connections to the database file at `path`, creating the file
    /// when absent. Does not migrate: call migrate() (`huixing migrate`, `init`, `serve`).
    static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, int pool_size);

    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;
    ~SqliteStore() override;

    Status read(const Work& work) override;
    Status write(const Work& work) override;
    Status write_enclosing(const Work& work) override;

    /// TEST ONLY (`serve --unsafe-deferred-commit-ms`), the negative control of the crash test
    /// (docs/reliability.md): every transaction joins one long transaction that commits only
    /// when it has been open for `window`, so a write is acknowledged before it is durable and a
    /// SIGKILL loses the last window's acknowledged writes. Needs a pool of one connection
    /// (kInvalidArgument otherwise). Never use it on data that matters.
    Status defer_commits_unsafely(std::chrono::milliseconds window);

    /// Applies the migrations this binary knows; returns how many were applied. kFailedPrecondition
    /// (`schema_too_new`) when the database comes from a newer release.
    Result<int> migrate();
    /// The same with an explicit list, for tests.
    Result<int> migrate(const std::vector<Migration>& known);

    /// Copies the whole database, as one consistent snapshot, into a new file at `path` with the
    /// SQLite online backup API; writers carry on meanwhile. Refuses to overwrite an existing
    /// file (kInvalidArgument `backup_exists`). The copy is written next to `path` and renamed
    /// into place only once complete and checked, so `path` never holds a partial backup.
    Status backup_to(const std::string& path);

    /// Bulk loading for `init --demo` only: with `enabled`, every connection of the pool runs
    /// `synchronous=OFF` (commits are not synced; a crash may lose them, and the database is
    /// new anyway); without, `synchronous=FULL` again, so the next commit syncs the whole log.
    /// Call it with no transaction open (the pool is drained while the pragma changes).
    Status set_bulk_load(bool enabled);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] int pool_size() const { return static_cast<int>(slots_.size()); }

    /// What the group commit has done since open(), for tests and benchmarks.
    struct GroupCommitCounts {
        std::int64_t batches = 0;  // COMMITs (or failed attempts) of a batch
        std::int64_t works = 0;    // writes that ran in a batch
    };
    [[nodiscard]] GroupCommitCounts group_commit_counts();

    /// A batch commits once it holds this many works, even with writers still queued…
    static constexpr int kMaxBatchJobs = 64;
    /// …or once it has been open this long, so a steady stream of writers cannot hold the
    /// first one's answer back without bound.
    static constexpr std::chrono::milliseconds kMaxBatchOpen{25};

private:
    struct Slot;
    class Lease;
    struct Batch;
    class Turn;
    enum class Mode { kRead, kWrite, kEnclosing };

    SqliteStore(std::string path, std::vector<std::unique_ptr<Slot>> slots);
    Result<Lease> borrow();
    void give_back(Slot* slot);
    Status run(const Work& work, Mode mode);
    Status run_on(Slot& slot, const Work& work, Mode mode);
    Status run_deferred(Slot& slot, const Work& work);
    Status run_grouped(const Work& work, Mode mode);
    /// Commits the open batch (if any) on the thread that holds the turn; called with
    /// group_mutex_ held through `lock`, which it releases during the COMMIT.
    void commit_batch(std::unique_lock<std::mutex>& lock);

    std::string path_;
    std::vector<std::unique_ptr<Slot>> slots_;
    std::vector<Slot*> idle_;
    std::mutex pool_mutex_;
    std::condition_variable slot_returned_;
    // The writers' turn (see the class comment): tickets served in order, under group_mutex_.
    // Writers of this process wait here rather than polling SQLite's lock in the busy handler.
    std::mutex group_mutex_;
    std::condition_variable group_changed_;
    std::uint64_t next_ticket_ = 0;
    std::uint64_t serving_ticket_ = 0;
    std::shared_ptr<Batch> batch_;  // the open batch; only the turn's holder touches its connection
    GroupCommitCounts counts_;
    // The unsafe test mode of defer_commits_unsafely(); zero: every transaction commits itself.
    std::chrono::milliseconds deferred_window_{0};
    std::chrono::steady_clock::time_point deferred_since_;
};

}  // namespace hx::storage::sqlite

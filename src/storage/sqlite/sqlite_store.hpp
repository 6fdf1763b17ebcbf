#pragma once
/// The SQLite Store: a pool of connections to one database file in WAL mode.
#include <chrono>
#include <condition_variable>
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
/// query_only; write() runs BEGIN IMMEDIATE … COMMIT (writers of this process queue on a mutex;
/// writers of other processes wait up to the busy timeout, then get kUnavailable) and rolls back
/// when the work returns an error or throws (an exception becomes kInternal). A committed write
/// is durable on return (WAL, synchronous=FULL).
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

private:
    struct Slot;
    class Lease;
    enum class Mode { kRead, kWrite, kEnclosing };

    SqliteStore(std::string path, std::vector<std::unique_ptr<Slot>> slots);
    Result<Lease> borrow();
    void give_back(Slot* slot);
    Status run(const Work& work, Mode mode);
    Status run_on(Slot& slot, const Work& work, Mode mode);
    Status run_deferred(Slot& slot, const Work& work);

    std::string path_;
    std::vector<std::unique_ptr<Slot>> slots_;
    std::vector<Slot*> idle_;
    std::mutex pool_mutex_;
    std::condition_variable slot_returned_;
    // Writers of this process wait here rather than polling SQLite's lock in the busy handler.
    std::mutex writer_mutex_;
    // The unsafe test mode of defer_commits_unsafely(); zero: every transaction commits itself.
    std::chrono::milliseconds deferred_window_{0};
    std::chrono::steady_clock::time_point deferred_since_;
};

}  // namespace hx::storage::sqlite

#pragma once
/// The PostgreSQL Store: a pool of libpq connections to one database, serving the same
/// repositories as the SQLite store (they are written against sql::Connection).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/store.hpp"
#include "storage/migrations.hpp"

namespace hx::storage::postgres {

class Connection;

/// Each transaction borrows one connection exclusively. read() runs REPEATABLE READ READ ONLY
/// (one snapshot for the whole use case). write() runs SERIALIZABLE, after taking the writers'
/// advisory lock of the schema: every use case appends to the one hash-chained audit log, so
/// concurrent writers would conflict on its head anyway; queueing them before their snapshot is
/// taken turns certain serialization failures into a short wait, as BEGIN IMMEDIATE does for
/// SQLite, across every server process. A transaction that still fails with 40001 or 40P01
/// (or whose connection was lost before COMMIT was sent) is run again, at most kMaxAttempts
/// times: a Work must therefore be repeatable, i.e. only read and write through the
/// repositories and assign its results (never append to something outside itself).
///
/// Connections are opened on first use and reopened when the server dropped them. fsync and
/// synchronous_commit must be on (checked when a connection opens), so a committed write is
/// durable on return.
class PostgresStore final : public Store {
public:
    static constexpr int kMaxAttempts = 5;

    /// Connects once (to check the URL, the server and durability); the other `pool_size - 1`
    /// connections (1…64 in all) open on demand. Does not migrate: call migrate().
    static Result<std::unique_ptr<PostgresStore>> open(const std::string& url, int pool_size);

    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;
    ~PostgresStore() override;

    Status read(const Work& work) override;
    Status write(const Work& work) override;
    /// One write transaction for a whole request (Idempotency-Key): the reads and writes of the
    /// use cases inside join it as savepoints (docs/reliability.md).
    Status write_enclosing(const Work& work) override;

    /// Applies the migrations this binary knows, translated to PostgreSQL (dialect.hpp), each
    /// in its own transaction under the writers' lock; returns how many were applied. Creates
    /// the collation hx_nocase first when missing. kFailedPrecondition (`schema_too_new`) when the
    /// database comes from a newer release. Safe to run from several processes at once.
    Result<int> migrate();
    Result<int> migrate(const std::vector<Migration>& known);

    /// Runs SQL text outside the repositories, in its own transaction (tests, administration).
    Status execute(const std::string& sql);
    /// Runs `work` on a pooled connection in a READ COMMITTED transaction of its own, without
    /// the writers' lock: for storage that is not part of a use case's unit of work (the
    /// evidence bytes of DatabaseFileStore, written before the use case that references them).
    Status transact(const std::function<Status(Connection&)>& work);

    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] int pool_size() const { return static_cast<int>(slots_.size()); }

private:
    struct Slot;
    class Lease;
    enum class Mode { kRead, kWrite };

    PostgresStore(std::string url, std::vector<std::unique_ptr<Slot>> slots);
    Result<Lease> borrow();
    void give_back(Slot* slot);
    Status run(const Work& work, Mode mode);
    Status ready(Slot& slot);
    Status attempt(Slot& slot, const Work& work, Mode mode, bool* retry);

    std::string url_;
    std::vector<std::unique_ptr<Slot>> slots_;
    std::vector<Slot*> idle_;
    std::mutex pool_mutex_;
    std::condition_variable slot_returned_;
    // Writers of this process queue here before they queue on the server's advisory lock, so
    // waiting writers do not hold every pooled connection.
    std::mutex writer_mutex_;
};

}  // namespace hx::storage::postgres

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/identity/identity_repository.hpp"
#include "domain/regions/region_repository.hpp"
#include "storage/store_factory.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using regions::Level;
using test_support::node;
using test_support::TempDir;

Status put(Repositories& r, const std::string& key, const std::string& value) {
    return r.settings().put(key, value);
}

std::optional<std::string> get(Store& store, const std::string& key) {
    std::optional<std::string> value;
    const auto status = store.read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(value, r.settings().get(key));
        return ok();
    });
    EXPECT_TRUE(status) << status.error().message();
    return value;
}

/// The unit of work's guarantees, on both engines.
class StoreTest : public test_support::StoreTest {};

/// What only the SQLite store offers: a store on a file in a temporary directory.
class SqliteStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::open(db_path(), 4);
        ASSERT_TRUE(opened) << opened.error().message();
        store_ = std::move(*opened);
        auto migrated = store_->migrate();
        ASSERT_TRUE(migrated) << migrated.error().message();
    }
    [[nodiscard]] std::string db_path() const { return dir_.file("huixing.db"); }

    TempDir dir_;
    std::unique_ptr<sqlite::SqliteStore> store_;
};

TEST_P(StoreTest, WriteCommitsAndIsVisibleToANewStore) {
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "k", "v"); }));
    auto other = storage::open_store(database_->url(), 1);
    ASSERT_TRUE(other) << other.error().message();
    EXPECT_EQ(get(**other, "k"), "v");
}

TEST_P(StoreTest, WriteRollsBackWhenTheWorkFails) {
    const auto status = store_->write([](Repositories& r) -> Status {
        RETURN_IF_ERROR(put(r, "half", "done"));
        return fail(Error::rule("deadline_passed", "已过截止时间"));
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kRuleViolation);  // the work's own error
    EXPECT_EQ(status.error().reason(), "deadline_passed");
    EXPECT_FALSE(get(*store_, "half"));
}

TEST_P(StoreTest, WriteRollsBackWhenTheWorkThrows) {
    const auto status = store_->write([](Repositories& r) -> Status {
        RETURN_IF_ERROR(put(r, "thrown", "yes"));
        throw std::runtime_error("boom");
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
    EXPECT_NE(status.error().message().find("boom"), std::string::npos);
    EXPECT_FALSE(get(*store_, "thrown"));
    // The connection is fine afterwards.
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "after", "ok"); }));
    EXPECT_EQ(get(*store_, "after"), "ok");
}

TEST_P(StoreTest, ReadRefusesToWrite) {
    const auto status = store_->read([](Repositories& r) { return put(r, "sneaky", "x"); });
    ASSERT_FALSE(status);
    EXPECT_FALSE(get(*store_, "sneaky"));
    // Every connection still writes in write().
    for (int i = 0; i < pool_size() + 1; ++i) {
        HX_ASSERT_OK(
            store_->write([&](Repositories& r) { return put(r, "w", std::to_string(i)); }));
    }
}

TEST_P(StoreTest, NestedTransactionsAreRefused) {
    const auto status = store_->write(
        [&](Repositories&) -> Status { return store_->read([](Repositories&) { return ok(); }); });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
}

TEST_P(StoreTest, ConcurrentWritersAllSucceed) {
    constexpr int kThreads = 4;
    constexpr int kWritesEach = 50;
    std::vector<std::future<int>> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.push_back(std::async(std::launch::async, [this, t] {
            int failures = 0;
            for (int i = 0; i < kWritesEach; ++i) {
                const auto status = store_->write([&](Repositories& r) {
                    return put(r, "t" + std::to_string(t) + "-" + std::to_string(i), "x");
                });
                if (!status) ++failures;
            }
            return failures;
        }));
    }
    for (auto& writer : writers) EXPECT_EQ(writer.get(), 0);
    for (int t = 0; t < kThreads; ++t) {
        EXPECT_TRUE(get(*store_, "t" + std::to_string(t) + "-" + std::to_string(kWritesEach - 1)));
    }
}

TEST_P(StoreTest, WritersOfTwoStoresOnOneFileBothSucceed) {
    // Two stores stand for two processes: they meet only in the database's lock (SQLite:
    // BEGIN IMMEDIATE with the busy timeout; PostgreSQL: the writers' advisory lock), not in
    // this process's writer mutex.
    auto second = storage::open_store(database_->url(), 2);
    ASSERT_TRUE(second) << second.error().message();
    Store* stores[] = {store_.get(), second->get()};
    std::vector<std::future<int>> writers;
    for (int s = 0; s < 2; ++s) {
        writers.push_back(std::async(std::launch::async, [&stores, s] {
            int failures = 0;
            for (int i = 0; i < 50; ++i) {
                const auto status = stores[s]->write([&](Repositories& r) {
                    return put(r, "s" + std::to_string(s) + "-" + std::to_string(i), "x");
                });
                if (!status) ++failures;
            }
            return failures;
        }));
    }
    for (auto& writer : writers) EXPECT_EQ(writer.get(), 0);
    EXPECT_TRUE(get(*store_, "s1-49"));
    EXPECT_TRUE(get(**second, "s0-49"));
}

TEST_P(StoreTest, ReadRunsWhileAWriteIsOpenAndSeesTheLastCommit) {
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "k", "old"); }));
    std::promise<void> write_open;
    std::promise<void> read_done;
    auto writer = std::async(std::launch::async, [&] {
        return store_->write([&](Repositories& r) -> Status {
            RETURN_IF_ERROR(put(r, "k", "new"));
            write_open.set_value();
            // Hold the write transaction open until the reader is through (bounded, so a
            // broken store fails the test instead of hanging it).
            if (read_done.get_future().wait_for(std::chrono::seconds(10)) !=
                std::future_status::ready) {
                return fail(Error::internal("reader never finished"));
            }
            return ok();
        });
    });
    write_open.get_future().wait();
    EXPECT_EQ(get(*store_, "k"), "old");  // not blocked, and no dirty read
    read_done.set_value();
    HX_ASSERT_OK(writer.get());
    EXPECT_EQ(get(*store_, "k"), "new");
}

TEST_P(StoreTest, MigrateThroughTheStoreIsIdempotent) {
    auto again = migrate_store(*store_);
    ASSERT_TRUE(again) << again.error().message();
    EXPECT_EQ(*again, 0);
}

TEST_F(SqliteStoreTest, BulkLoadModeKeepsWritesAndTurnsBackOff) {
    // init --demo's history: commits unsynced while on, durable again once off.
    HX_ASSERT_OK(set_bulk_load(*store_, true));
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "bulk", "loaded"); }));
    HX_ASSERT_OK(set_bulk_load(*store_, false));
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "after", "synced"); }));
    auto other = sqlite::SqliteStore::open(db_path(), 1);
    ASSERT_TRUE(other) << other.error().message();
    EXPECT_EQ(get(**other, "bulk"), "loaded");
    EXPECT_EQ(get(**other, "after"), "synced");
}

TEST_F(SqliteStoreTest, BulkLoadModeIsRefusedInsideATransaction) {
    const auto status = store_->write([&](Repositories&) -> Status { return store_->set_bulk_load(true); });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, BackupProducesACompleteDatabase) {
    HX_ASSERT_OK(store_->write([](Repositories& r) -> Status {
        RETURN_IF_ERROR(r.regions().upsert({node("110101", "东城区", Level::kDistrict, "110000")}));
        return put(r, "backed", "up");
    }));
    const std::string target = dir_.file("backup.db");
    HX_ASSERT_OK(store_->backup_to(target));
    EXPECT_FALSE(std::filesystem::exists(target + ".partial"));

    auto copy = sqlite::SqliteStore::open(target, 1);
    ASSERT_TRUE(copy) << copy.error().message();
    auto migrated = (*copy)->migrate();
    ASSERT_TRUE(migrated) << migrated.error().message();
    EXPECT_EQ(*migrated, 0);  // the copy carries its schema_migrations
    EXPECT_EQ(get(**copy, "backed"), "up");
    std::optional<regions::Region> district;
    HX_ASSERT_OK((*copy)->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(district, r.regions().find("110101", "11", "110000"));
        return ok();
    }));
    ASSERT_TRUE(district);
    EXPECT_EQ(district->name, "东城区");
}

TEST_F(SqliteStoreTest, BackupNeverOverwrites) {
    const std::string target = dir_.file("exists.db");
    HX_ASSERT_OK(store_->backup_to(target));
    const auto again = store_->backup_to(target);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(again.error().reason(), "backup_exists");
}

TEST_F(SqliteStoreTest, BackupIntoAMissingDirectoryFailsCleanly) {
    const auto status = store_->backup_to(dir_.file("no/such/dir/backup.db"));
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
}

TEST(SqliteStoreOpen, RefusesAPoolSizeOutOfRange) {
    TempDir dir;
    for (int size : {0, -1, 65}) {
        auto opened = sqlite::SqliteStore::open(dir.file("x.db"), size);
        ASSERT_FALSE(opened);
        EXPECT_EQ(opened.error().code(), ErrorCode::kInvalidArgument);
    }
}

TEST(SqliteStoreOpen, APoolOfOneServesEveryTransactionInTurn) {
    TempDir dir;
    auto opened = sqlite::SqliteStore::open(dir.file("one.db"), 1);
    ASSERT_TRUE(opened);
    auto& store = **opened;
    HX_ASSERT_OK(store.migrate());
    std::vector<std::future<bool>> workers;
    for (int t = 0; t < 4; ++t) {
        workers.push_back(std::async(std::launch::async, [&store, t] {
            const auto wrote = store.write(
                [&](Repositories& r) { return put(r, "one-" + std::to_string(t), "x"); });
            return wrote && store.read([](Repositories&) { return ok(); });
        }));
    }
    for (auto& worker : workers) EXPECT_TRUE(worker.get());
}

// --- group commit (docs/reliability.md § group commit) ------------------------------------------

/// Writers that queue behind each other share COMMITs; each one's work is still its own unit.
TEST_F(SqliteStoreTest, QueuedWritersShareCommitsAndAFailedWorkRollsBackAlone) {
    constexpr int kThreads = 12;
    constexpr int kWritesEach = 10;
    std::vector<std::future<int>> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.push_back(std::async(std::launch::async, [this, t] {
            int unexpected = 0;
            for (int i = 0; i < kWritesEach; ++i) {
                const bool fails = (t + i) % 3 == 0;
                const auto status = store_->write([&](Repositories& r) -> Status {
                    RETURN_IF_ERROR(put(r, "g" + std::to_string(t) + "-" + std::to_string(i), "x"));
                    // Long enough that the other writers queue behind this one.
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    if (fails) return fail(Error::conflict("test", "失败的写入"));
                    return ok();
                });
                if (fails ? status || status.error().reason() != "test" : !status) ++unexpected;
            }
            return unexpected;
        }));
    }
    for (auto& writer : writers) EXPECT_EQ(writer.get(), 0);
    // Every acknowledged write is there, no failed one is, seen from a new store (a new process).
    auto other = sqlite::SqliteStore::open(db_path(), 1);
    ASSERT_TRUE(other) << other.error().message();
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < kWritesEach; ++i) {
            const auto value = get(**other, "g" + std::to_string(t) + "-" + std::to_string(i));
            EXPECT_EQ(value.has_value(), (t + i) % 3 != 0) << t << "-" << i;
        }
    }
    const auto counts = store_->group_commit_counts();
    EXPECT_EQ(counts.works, kThreads * kWritesEach);
    EXPECT_LT(counts.batches, counts.works / 2) << "queued writers did not share commits";
}

/// A lone writer does not wait for company: its batch commits at once.
TEST_F(SqliteStoreTest, ALoneWriterCommitsAtOnce) {
    const auto before = store_->group_commit_counts();
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "alone", "x"); }));
    const auto after = store_->group_commit_counts();
    EXPECT_EQ(after.batches - before.batches, 1);
    EXPECT_EQ(after.works - before.works, 1);
    auto other = sqlite::SqliteStore::open(db_path(), 1);
    ASSERT_TRUE(other) << other.error().message();
    EXPECT_EQ(get(**other, "alone"), "x");
}

/// migrate() and the bulk-load switch take the writers' turn too; they work between writes.
TEST_F(SqliteStoreTest, ExclusiveOperationsTakeTheWritersTurn) {
    std::vector<std::future<bool>> writers;
    for (int t = 0; t < 4; ++t) {
        writers.push_back(std::async(std::launch::async, [this, t] {
            bool all = true;
            for (int i = 0; i < 20; ++i) {
                all = all && store_->write([&](Repositories& r) {
                    return put(r, "x" + std::to_string(t) + "-" + std::to_string(i), "x");
                });
            }
            return all;
        }));
    }
    for (int i = 0; i < 5; ++i) {
        auto migrated = store_->migrate();
        EXPECT_TRUE(migrated && *migrated == 0);
    }
    for (auto& writer : writers) EXPECT_TRUE(writer.get());
    EXPECT_EQ(get(*store_, "x3-19"), "x");
}

// --- the factory --------------------------------------------------------------------------------

TEST(OpenStore, OpensASqliteFileAndMigratesIt) {
    TempDir dir;
    auto store = open_store("sqlite:" + dir.file("factory.db"), 2);
    ASSERT_TRUE(store) << store.error().message();
    auto migrated = migrate_store(**store);
    ASSERT_TRUE(migrated) << migrated.error().message();
    EXPECT_GE(*migrated, 1);
    HX_ASSERT_OK((*store)->write([](Repositories& r) { return put(r, "a", "b"); }));
    HX_ASSERT_OK(backup_store(**store, dir.file("factory-backup.db")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("factory-backup.db")));
}

TEST(OpenStore, AcceptsTheUrlFormWithSlashes) {
    TempDir dir;
    const std::string absolute = dir.file("slashes.db");  // starts with '/'
    auto store = open_store("sqlite://" + absolute, 1);
    ASSERT_TRUE(store) << store.error().message();
    EXPECT_TRUE(std::filesystem::exists(absolute));
}

TEST(OpenStore, AnUnreachablePostgresIsUnavailable) {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    for (const std::string url : {"postgresql://hx@127.0.0.1:1/huixing?connect_timeout=2",
                                  "postgres://127.0.0.1:1/hx?connect_timeout=2"}) {
        auto store = open_store(url, 2);
        ASSERT_FALSE(store);
        EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
        EXPECT_NE(store.error().message().find("无法连接 PostgreSQL"), std::string::npos);
    }
}

TEST(OpenStore, RefusesOtherUrls) {
    for (const std::string url :
         {"", "mysql://x", "sqlite:", "sqlite://", "sqlite::memory:", "/var/lib/huixing.db"}) {
        auto store = open_store(url, 2);
        ASSERT_FALSE(store) << url;
        EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument) << url;
    }
}

TEST(OpenStore, RefusesABadPoolSize) {
    TempDir dir;
    auto store = open_store("sqlite:" + dir.file("p.db"), 0);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument);
}

/// What only the PostgreSQL store does: reconnect, refuse nested work the same way, retry.
class PostgresStoreTest : public test_support::StoreTest {
protected:
    void SetUp() override {
        if (test_support::postgres_test_url().empty()) {
            GTEST_SKIP() << "HUIXING_TEST_PG_URL 未设置：跳过 PostgreSQL（./test 会启动一个）";
        }
        test_support::StoreTest::SetUp();
    }
};

TEST_P(PostgresStoreTest, ATerminatedConnectionIsReopenedAndTheWorkRunsOnce) {
    HX_ASSERT_OK(store_->write([](Repositories& r) { return put(r, "before", "x"); }));
    // The administrator (or a failover) ends every session of this store (its connections
    // carry the schema's name as application_name): the pool's connections are dead without
    // knowing it.
    auto admin = postgres::PostgresStore::open(test_support::postgres_test_url(), 1);
    ASSERT_TRUE(admin) << admin.error().message();
    HX_ASSERT_OK((*admin)->execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
        database_->schema() + "'"));
    int runs = 0;
    HX_ASSERT_OK(store_->write([&](Repositories& r) {
        ++runs;
        return put(r, "after", "y");
    }));
    EXPECT_EQ(runs, 1);  // the loss was noticed at BEGIN, before the work ran
    EXPECT_EQ(get(*store_, "after"), "y");
    EXPECT_EQ(get(*store_, "before"), "x");
}

INSTANTIATE_TEST_SUITE_P(Engines, PostgresStoreTest,
                         ::testing::Values(test_support::Backend::kPostgres),
                         test_support::backend_name);

HX_ON_BOTH_ENGINES(StoreTest);

}  // namespace
}  // namespace hx::storage

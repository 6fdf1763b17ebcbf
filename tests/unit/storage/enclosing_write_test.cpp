// Store::write_enclosing (the seam of Idempotency-Key, docs/reliability.md) and the test-only
// deferred-commit mode of the crash test's negative control.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "domain/identity/identity_repository.hpp"
#include "domain/idempotency/idempotency_repository.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using test_support::TempDir;

Status put(Repositories& r, const std::string& key, const std::string& value) {
    return r.settings().put(key, value);
}

std::optional<std::string> get(Store& store, const std::string& key) {
    std::optional<std::string> value;
    EXPECT_TRUE(store.read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(value, r.settings().get(key));
        return ok();
    }));
    return value;
}

class EnclosingWriteTest : public test_support::StoreTest {};

TEST_P(EnclosingWriteTest, UseCasesInsideJoinAndCommitOnceWithTheEnclosingWork) {
    auto other = open_store();
    ASSERT_NE(other, nullptr);
    HX_ASSERT_OK(store_->write_enclosing([&](Repositories& outer) -> Status {
        // A use case's own write and read join the enclosing transaction…
        RETURN_IF_ERROR(store_->write([](Repositories& r) { return put(r, "a", "1"); }));
        std::optional<std::string> seen;
        RETURN_IF_ERROR(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(seen, r.settings().get("a"));
            return ok();
        }));
        EXPECT_EQ(seen, "1");
        // … a failing one is rolled back alone, as it would have been on its own …
        const auto failed = store_->write([](Repositories& r) -> Status {
            RETURN_IF_ERROR(put(r, "b", "2"));
            return fail(Error::conflict("stale", "x"));
        });
        EXPECT_FALSE(failed);
        // … a read inside still may not write …
        EXPECT_FALSE(store_->read([](Repositories& r) { return put(r, "c", "3"); }));
        // … and nothing is visible to another connection before the one commit.
        EXPECT_EQ(get(*other, "a"), std::nullopt);
        return put(outer, "d", "4");
    }));
    EXPECT_EQ(get(*store_, "a"), "1");
    EXPECT_EQ(get(*store_, "b"), std::nullopt);
    EXPECT_EQ(get(*store_, "c"), std::nullopt);
    EXPECT_EQ(get(*store_, "d"), "4");
}

TEST_P(EnclosingWriteTest, AFailingEnclosingWorkRollsBackEverythingInside) {
    const auto status = store_->write_enclosing([&](Repositories&) -> Status {
        RETURN_IF_ERROR(store_->write([](Repositories& r) { return put(r, "a", "1"); }));
        return fail(Error::internal("the answer could not be stored"));
    });
    EXPECT_FALSE(status);
    EXPECT_EQ(get(*store_, "a"), std::nullopt);
}

TEST_P(EnclosingWriteTest, EnclosingTransactionsDoNotNest) {
    const auto status = store_->write_enclosing([&](Repositories&) -> Status {
        return store_->write_enclosing([](Repositories& r) { return put(r, "a", "1"); });
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
    // A plain write still refuses a nested one.
    const auto nested = store_->write([&](Repositories&) -> Status {
        return store_->read([](Repositories&) { return ok(); });
    });
    EXPECT_FALSE(nested);
}

TEST_P(EnclosingWriteTest, IdempotencyRecordsAreOnePerCallerAndKey) {
    idempotency::Record record;
    record.user_id = 7;
    record.key = "k";
    record.method = "POST";
    record.path = "/api/v1/rounds";
    record.request_hash = std::string(64, 'a');
    record.status = 201;
    record.content_type = "application/json; charset=utf-8";
    // SQLite keeps any bytes; PostgreSQL text holds no NUL (the stored answers are JSON).
    record.body = GetParam() == test_support::Backend::kSqlite ? std::string("{\"id\":1}\0binary", 15)
                                                                : std::string("{\"id\":1}");
    record.created_at = from_unix_ms(1'700'000'000'000);
    HX_ASSERT_OK(store_->write([&](Repositories& r) { return r.idempotency().insert(record); }));
    const auto again = store_->write([&](Repositories& r) { return r.idempotency().insert(record); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(auto found, r.idempotency().find(7, "k"));
        EXPECT_TRUE(found);
        if (found) {
            EXPECT_EQ(found->body, record.body);
            EXPECT_EQ(found->status, 201);
            EXPECT_EQ(found->created_at, record.created_at);
        }
        ASSIGN_OR_RETURN(auto other_caller, r.idempotency().find(8, "k"));
        EXPECT_FALSE(other_caller);
        return ok();
    }));
    HX_ASSERT_OK(store_->write([&](Repositories& r) {
        return r.idempotency().forget_before(record.created_at + std::chrono::milliseconds(1));
    }));
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(auto found, r.idempotency().find(7, "k"));
        EXPECT_FALSE(found);
        return ok();
    }));
}

HX_ON_BOTH_ENGINES(EnclosingWriteTest);

// The deferred-commit mode is SQLite's alone (the crash test's negative control).
TEST(DeferredCommit, AcknowledgedWritesAreLostWhenTheProcessDiesBeforeTheWindowEnds) {
    TempDir dir;
    auto store = sqlite::SqliteStore::open(dir.file("huixing.db"), 1);
    ASSERT_TRUE(store);
    ASSERT_TRUE(migrate_store(**store));
    HX_ASSERT_OK((*store)->defer_commits_unsafely(std::chrono::hours(1)));
    HX_ASSERT_OK((*store)->write([](Repositories& r) { return put(r, "a", "1"); }));
    EXPECT_EQ(get(**store, "a"), "1");  // visible to this process…
    // … but not to another: nothing is committed yet; a kill now would lose it.
    auto other = sqlite::SqliteStore::open(dir.file("huixing.db"), 1);
    ASSERT_TRUE(other);
    std::optional<std::string> seen;
    const auto read = (*other)->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(seen, r.settings().get("a"));
        return ok();
    });
    EXPECT_TRUE(read);
    EXPECT_EQ(seen, std::nullopt);
}

TEST(DeferredCommit, NeedsAPoolOfOne) {
    TempDir dir;
    auto store = sqlite::SqliteStore::open(dir.file("huixing.db"), 2);
    ASSERT_TRUE(store);
    EXPECT_FALSE((*store)->defer_commits_unsafely(std::chrono::milliseconds(10)));
}

}  // namespace
}  // namespace hx::storage

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage_test_support.hpp"

namespace hx::storage::sqlite {
namespace {

using test_support::TempDir;

std::unique_ptr<Connection> open_connection(const std::string& path,
                                            OpenMode mode = OpenMode::kCreate) {
    auto opened = Connection::open(path, mode);
    EXPECT_TRUE(opened) << opened.error().message();
    return opened ? std::move(*opened) : nullptr;
}

std::string pragma(Connection& connection, const std::string& name) {
    auto query = connection.prepare("PRAGMA " + name);
    EXPECT_TRUE(query) << query.error().message();
    if (!query) return {};
    auto row = query->step();
    EXPECT_TRUE(row && *row);
    return query->column_text(0);
}

std::int64_t count_rows(Connection& connection, const std::string& sql) {
    auto query = connection.prepare(sql);
    EXPECT_TRUE(query) << query.error().message();
    if (!query) return -1;
    auto row = query->step();
    EXPECT_TRUE(row && *row);
    return query->column_int64(0);
}

TEST(Connection, AppliesThePragmas) {
    TempDir dir;
    auto connection = open_connection(dir.file("p.db"));
    ASSERT_TRUE(connection);
    EXPECT_EQ(pragma(*connection, "journal_mode"), "wal");
    EXPECT_EQ(pragma(*connection, "synchronous"), "2");  // FULL
    EXPECT_EQ(pragma(*connection, "foreign_keys"), "1");
    EXPECT_EQ(pragma(*connection, "busy_timeout"), "5000");
}

TEST(Connection, OpeningAMissingFileWithoutCreateFails) {
    TempDir dir;
    auto opened = Connection::open(dir.file("absent.db"), OpenMode::kExisting);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code(), ErrorCode::kInternal);
}

TEST(Connection, BindsStepsAndReadsColumns) {
    TempDir dir;
    auto connection = open_connection(dir.file("s.db"));
    ASSERT_TRUE(connection);
    HX_ASSERT_OK(connection->execute("CREATE TABLE t (i INTEGER, s TEXT, n INTEGER)"));
    {
        auto insert = connection->prepare("INSERT INTO t (i, s, n) VALUES (?1, ?2, ?3)");
        ASSERT_TRUE(insert);
        insert->bind_int64(1, 9'007'199'254'740'993).bind_text(2, std::string("a\0b", 3));
        insert->bind_optional_int64(3, std::nullopt);
        HX_ASSERT_OK(insert->run());
        EXPECT_EQ(connection->changes(), 1);
        EXPECT_EQ(connection->last_insert_rowid(), 1);
        // Reuse with new bindings after reset().
        insert->reset();
        insert->bind_int64(1, -1).bind_optional_text(2, std::nullopt).bind_optional_int64(3, 5);
        HX_ASSERT_OK(insert->run());
    }
    auto query = connection->prepare("SELECT i, s, n FROM t ORDER BY rowid");
    ASSERT_TRUE(query);
    auto row = query->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(query->column_int64(0), 9'007'199'254'740'993);
    EXPECT_EQ(query->column_text(1), std::string("a\0b", 3));
    EXPECT_TRUE(query->column_is_null(2));
    EXPECT_FALSE(query->column_optional_int64(2));
    row = query->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(query->column_text(1), "");  // NULL reads as empty text
    EXPECT_EQ(query->column_optional_int64(2), 5);
    row = query->step();
    ASSERT_TRUE(row);
    EXPECT_FALSE(*row);
}

TEST(Connection, ABindErrorIsReportedByStep) {
    TempDir dir;
    auto connection = open_connection(dir.file("b.db"));
    ASSERT_TRUE(connection);
    auto query = connection->prepare("SELECT ?1");
    ASSERT_TRUE(query);
    query->bind_int64(2, 1);  // no ?2
    const auto row = query->step();
    ASSERT_FALSE(row);
    EXPECT_EQ(row.error().code(), ErrorCode::kInternal);
}

TEST(Connection, CachedStatementsAreReusedAndNestedUseGetsAFreshOne) {
    TempDir dir;
    auto connection = open_connection(dir.file("c.db"));
    ASSERT_TRUE(connection);
    HX_ASSERT_OK(connection->execute("CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (1), (2);"));
    const std::string sql = "SELECT i FROM t ORDER BY i";
    auto outer = connection->prepare(sql);
    ASSERT_TRUE(outer);
    auto first = outer->step();
    ASSERT_TRUE(first && *first);
    {
        auto inner = connection->prepare(sql);  // same text while the outer one is running
        ASSERT_TRUE(inner);
        auto row = inner->step();
        ASSERT_TRUE(row && *row);
        EXPECT_EQ(inner->column_int64(0), 1);
    }
    auto second = outer->step();
    ASSERT_TRUE(second && *second);
    EXPECT_EQ(outer->column_int64(0), 2);
}

TEST(Connection, PrepareRefusesSeveralStatementsAndBadSql) {
    TempDir dir;
    auto connection = open_connection(dir.file("m.db"));
    ASSERT_TRUE(connection);
    auto two = connection->prepare("SELECT 1; SELECT 2");
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().code(), ErrorCode::kInternal);
    auto bad = connection->prepare("SELEKT 1");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), ErrorCode::kInternal);
    EXPECT_NE(bad.error().message().find("syntax error"), std::string::npos);
}

TEST(Connection, UniqueViolationIsAlreadyExists) {
    TempDir dir;
    auto connection = open_connection(dir.file("u.db"));
    ASSERT_TRUE(connection);
    HX_ASSERT_OK(connection->execute("CREATE TABLE t (k TEXT PRIMARY KEY, u TEXT UNIQUE)"));
    HX_ASSERT_OK(connection->execute("INSERT INTO t VALUES ('a', 'x')"));
    for (const std::string sql :
         {"INSERT INTO t VALUES ('a', 'y')", "INSERT INTO t VALUES ('b', 'x')"}) {
        auto statement = connection->prepare(sql);
        ASSERT_TRUE(statement);
        const auto status = statement->run();
        ASSERT_FALSE(status);
        EXPECT_EQ(status.error().code(), ErrorCode::kAlreadyExists) << sql;
        EXPECT_EQ(status.error().message().find("sqlite"), std::string::npos)
            << "the message is for people, not a SQLite dump";
    }
}

TEST(Connection, BusyAfterTheTimeoutIsUnavailable) {
    TempDir dir;
    auto holder = open_connection(dir.file("busy.db"));
    auto waiter = open_connection(dir.file("busy.db"));
    ASSERT_TRUE(holder && waiter);
    HX_ASSERT_OK(holder->execute("BEGIN IMMEDIATE"));
    sqlite3_busy_timeout(waiter->handle(), 20);  // keep the test fast
    const auto status = waiter->execute("BEGIN IMMEDIATE");
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kUnavailable);
    HX_ASSERT_OK(holder->execute("ROLLBACK"));
}

TEST(ErrorFromSqlite, MapsTheCodes) {
    EXPECT_EQ(error_from_sqlite(SQLITE_BUSY, "database is locked", "").code(),
              ErrorCode::kUnavailable);
    EXPECT_EQ(error_from_sqlite(SQLITE_BUSY_SNAPSHOT, "", "").code(), ErrorCode::kUnavailable);
    EXPECT_EQ(error_from_sqlite(SQLITE_CONSTRAINT_UNIQUE, "", "").code(),
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(error_from_sqlite(SQLITE_CONSTRAINT_PRIMARYKEY, "", "").code(),
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(error_from_sqlite(SQLITE_CONSTRAINT_FOREIGNKEY, "", "").code(),
              ErrorCode::kFailedPrecondition);
    const auto internal = error_from_sqlite(SQLITE_IOERR_FSYNC, "disk I/O error", "COMMIT");
    EXPECT_EQ(internal.code(), ErrorCode::kInternal);
    EXPECT_NE(internal.message().find("disk I/O error"), std::string::npos);
    EXPECT_NE(internal.message().find("COMMIT"), std::string::npos);
}

// --- migrations -------------------------------------------------------------------------------

TEST(Migrate, AppliesOnceAndIsIdempotent) {
    TempDir dir;
    auto connection = open_connection(dir.file("mig.db"));
    ASSERT_TRUE(connection);
    auto first = migrate(*connection);
    ASSERT_TRUE(first) << first.error().message();
    EXPECT_EQ(*first, static_cast<int>(migrations().size()));
    auto second = migrate(*connection);
    ASSERT_TRUE(second) << second.error().message();
    EXPECT_EQ(*second, 0);
    EXPECT_EQ(count_rows(*connection, "SELECT count(*) FROM schema_migrations"),
              static_cast<std::int64_t>(migrations().size()));
    EXPECT_EQ(count_rows(*connection,
                         "SELECT count(*) FROM schema_migrations WHERE number = 1 "
                         "AND applied_at > 1600000000000"),
              1);
    // 0001 seeds the root of the tree.
    EXPECT_EQ(count_rows(*connection, "SELECT count(*) FROM regions WHERE code = '110000'"), 1);
}

TEST(Migrate, AppliesOnlyWhatIsMissingInOrder) {
    TempDir dir;
    auto connection = open_connection(dir.file("order.db"));
    ASSERT_TRUE(connection);
    const std::vector<Migration> v1 = {{1, "one", "CREATE TABLE a (x INTEGER);"}};
    const std::vector<Migration> v2 = {
        {1, "one", "CREATE TABLE a (x INTEGER);"},
        {2, "two", "INSERT INTO a VALUES (2); CREATE TABLE b (y INTEGER);"},
        {5, "five", "INSERT INTO b SELECT x * 10 FROM a;"},
    };
    EXPECT_EQ(migrate(*connection, v1).value_or(-1), 1);
    EXPECT_EQ(migrate(*connection, v2).value_or(-1), 2);
    EXPECT_EQ(migrate(*connection, v2).value_or(-1), 0);
    EXPECT_EQ(count_rows(*connection, "SELECT y FROM b"), 20);
}

TEST(Migrate, AFailingMigrationLeavesNoTrace) {
    TempDir dir;
    auto connection = open_connection(dir.file("fail.db"));
    ASSERT_TRUE(connection);
    const std::vector<Migration> known = {
        {1, "one", "CREATE TABLE a (x INTEGER);"},
        {2, "broken", "CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);"},
    };
    const auto result = migrate(*connection, known);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), ErrorCode::kInternal);
    EXPECT_NE(result.error().message().find("broken"), std::string::npos);
    EXPECT_FALSE(connection->in_transaction());
    EXPECT_EQ(count_rows(*connection, "SELECT count(*) FROM schema_migrations"), 1);
    EXPECT_EQ(count_rows(*connection, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), 0);
}

TEST(Migrate, RefusesADatabaseFromANewerRelease) {
    TempDir dir;
    auto connection = open_connection(dir.file("newer.db"));
    ASSERT_TRUE(connection);
    ASSERT_TRUE(migrate(*connection));
    HX_ASSERT_OK(connection->execute(
        "INSERT INTO schema_migrations (number, name, applied_at) VALUES (9999, 'future', 0)"));
    const auto result = migrate(*connection);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(result.error().reason(), "schema_too_new");
    EXPECT_NE(result.error().message().find("9999"), std::string::npos);
}

TEST(Migrate, RefusesAMigrationOfTheSameNumberWithAnotherName) {
    TempDir dir;
    auto connection = open_connection(dir.file("renamed.db"));
    ASSERT_TRUE(connection);
    ASSERT_TRUE(migrate(*connection, {{1, "one", "CREATE TABLE a (x INTEGER);"}}));
    const auto result = migrate(*connection, {{1, "uno", "CREATE TABLE a (x INTEGER);"}});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().reason(), "schema_mismatch");
}

TEST(Migrate, RefusesAnUnorderedList) {
    TempDir dir;
    auto connection = open_connection(dir.file("list.db"));
    ASSERT_TRUE(connection);
    const auto result = migrate(*connection, {{2, "two", "SELECT 1;"}, {1, "one", "SELECT 1;"}});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace hx::storage::sqlite

#pragma once
/// Shared by the storage tests: a fresh temporary directory per test and a migrated store in it,
/// on SQLite or on PostgreSQL (a fresh schema of the cluster named by HUIXING_TEST_PG_URL, which
/// ./test always starts; without it the PostgreSQL instances of a suite are skipped).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "domain/regions/region.hpp"
#include "storage/postgres/dialect.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store_factory.hpp"

#define HX_ASSERT_OK(expr)                                                   \
    do {                                                                     \
        const auto& hx_result_ = (expr);                                     \
        ASSERT_TRUE(hx_result_.has_value()) << hx_result_.error().message(); \
    } while (false)

#define HX_EXPECT_OK(expr)                                                   \
    do {                                                                     \
        const auto& hx_result_ = (expr);                                     \
        EXPECT_TRUE(hx_result_.has_value()) << hx_result_.error().message(); \
    } while (false)

namespace hx::storage::test_support {

/// A directory made by mkdtemp, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "hx-storage-test-XXXXXX").string();
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        const char* made = mkdtemp(buffer.data());
        if (made == nullptr) {
            ADD_FAILURE() << "mkdtemp failed for " << pattern;
            return;
        }
        path_ = made;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] std::string file(const std::string& name) const {
        return (path_ / name).string();
    }

private:
    std::filesystem::path path_;
};

enum class Backend { kSqlite, kPostgres };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

/// The URL of the tests' PostgreSQL database, or empty when none was started.
inline std::string postgres_test_url() {
    const char* url = std::getenv("HUIXING_TEST_PG_URL");
    return url != nullptr ? url : "";
}

/// A schema of its own on the test cluster, dropped with everything in it at the end.
class PostgresSchema {
public:
    PostgresSchema() {
        std::random_device random;
        name_ = "t_" + std::to_string(random()) + std::to_string(random());
        auto admin = postgres::PostgresStore::open(postgres_test_url(), 1);
        if (!admin) {
            ADD_FAILURE() << admin.error().message();
            return;
        }
        admin_ = std::move(*admin);
        const auto created = admin_->execute("CREATE SCHEMA " + name_);
        if (!created) ADD_FAILURE() << created.error().message();
    }
    ~PostgresSchema() {
        if (admin_ != nullptr) static_cast<void>(admin_->execute("DROP SCHEMA " + name_ + " CASCADE"));
    }
    PostgresSchema(const PostgresSchema&) = delete;
    PostgresSchema& operator=(const PostgresSchema&) = delete;

    /// The test URL with this schema first on the search path.
    [[nodiscard]] std::string url() const {
        const std::string base = postgres_test_url();
        return base + (base.find('?') == std::string::npos ? "?" : "&") +
               "options=-csearch_path%3D" + name_ + "%2Cpublic&application_name=" + name_;
    }
    /// The schema's name, also the application_name of every connection to it.
    [[nodiscard]] const std::string& name() const { return name_; }

private:
    std::string name_;
    std::unique_ptr<postgres::PostgresStore> admin_;
};

/// A fresh, empty database of either engine.
class TestDatabase {
public:
    explicit TestDatabase(Backend backend) : backend_(backend) {
        if (backend_ == Backend::kPostgres) schema_ = std::make_unique<PostgresSchema>();
    }
    [[nodiscard]] Backend backend() const { return backend_; }
    [[nodiscard]] std::string url() const {
        return backend_ == Backend::kSqlite ? "sqlite:" + path() : schema_->url();
    }
    /// The PostgreSQL schema (meaningful for PostgreSQL only).
    [[nodiscard]] std::string schema() const { return schema_ ? schema_->name() : ""; }
    /// The SQLite file (meaningful for SQLite only).
    [[nodiscard]] std::string path() const { return dir_.file("huixing.db"); }

    /// Runs SQLite-flavoured SQL (one statement) outside the repositories, in its own
    /// transaction: how a test reaches past the repositories to tamper with stored rows.
    Status execute(const std::string& sql) const {
        if (backend_ == Backend::kSqlite) {
            ASSIGN_OR_RETURN(auto connection,
                             sqlite::Connection::open(path(), sqlite::OpenMode::kExisting));
            return connection->execute(sql);
        }
        ASSIGN_OR_RETURN(auto store, postgres::PostgresStore::open(url(), 1));
        return store->execute(postgres::translate_query(sql));
    }

private:
    Backend backend_;
    TempDir dir_;
    std::unique_ptr<PostgresSchema> schema_;
};

/// Skips a PostgreSQL instance when no test cluster was started (./test always starts one).
#define HX_SKIP_WITHOUT_POSTGRES(backend)                                                      \
    do {                                                                                       \
        if ((backend) == ::hx::storage::test_support::Backend::kPostgres &&                    \
            ::hx::storage::test_support::postgres_test_url().empty()) {                        \
            GTEST_SKIP() << "HUIXING_TEST_PG_URL 未设置：跳过 PostgreSQL（./test 会启动一个）"; \
        }                                                                                      \
    } while (false)

/// A store on a fresh database of the parameter's engine, migrated to the current schema.
class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HX_SKIP_WITHOUT_POSTGRES(GetParam());
        database_ = std::make_unique<TestDatabase>(GetParam());
        if (HasFailure()) return;
        store_ = open_store();
        if (store_ == nullptr) return;
        auto migrated = migrate_store(*store_);
        ASSERT_TRUE(migrated) << migrated.error().message();
    }
    virtual int pool_size() const { return 4; }
    /// Another store on the same database.
    std::unique_ptr<Store> open_store() {
        auto opened = storage::open_store(database_->url(), pool_size());
        EXPECT_TRUE(opened) << opened.error().message();
        return opened ? std::move(*opened) : nullptr;
    }
    Status execute(const std::string& sql) const { return database_->execute(sql); }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Store> store_;
};

/// Runs every TEST_P of `suite` on both engines.
#define HX_ON_BOTH_ENGINES(suite)                                                   \
    INSTANTIATE_TEST_SUITE_P(                                                        \
        Engines, suite,                                                              \
        ::testing::Values(::hx::storage::test_support::Backend::kSqlite,             \
                          ::hx::storage::test_support::Backend::kPostgres),          \
        ::hx::storage::test_support::backend_name)

inline regions::Region node(std::string code, std::string name, regions::Level level,
                            std::string parent_code, bool pilot = false) {
    regions::Region region;
    region.code = std::move(code);
    region.name = std::move(name);
    region.level = level;
    region.parent_code = std::move(parent_code);
    region.kind = level == regions::Level::kCommunity ? "居委会" : "";
    region.pilot = pilot;
    return region;
}

}  // namespace hx::storage::test_support

#pragma once
/// Shared by the storage tests: a fresh temporary directory per test and a migrated store in it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "domain/regions/region.hpp"
#include "storage/sqlite/sqlite_store.hpp"

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

/// A store on a fresh database file, migrated to the current schema.
class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sqlite::SqliteStore::open(db_path(), pool_size());
        ASSERT_TRUE(opened) << opened.error().message();
        store_ = std::move(*opened);
        auto migrated = store_->migrate();
        ASSERT_TRUE(migrated) << migrated.error().message();
    }
    virtual int pool_size() const { return 4; }
    [[nodiscard]] std::string db_path() const { return dir_.file("huixing.db"); }

    TempDir dir_;
    std::unique_ptr<sqlite::SqliteStore> store_;
};

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

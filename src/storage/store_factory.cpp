#include "storage/store_factory.hpp"

#include <filesystem>
#include <string_view>

#include "domain/stats/stats.hpp"
#include "storage/files/file_store.hpp"
#include "storage/postgres/database_file_store.hpp"
#include "storage/postgres/dump.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace hx::storage {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

/// The file path of a `sqlite:` URL, or an error naming the URL.
Result<std::string> sqlite_path(std::string_view url) {
    std::string_view path = url.substr(std::string_view("sqlite:").size());
    if (starts_with(path, "//")) path.remove_prefix(2);
    if (path.empty()) {
        return fail(Error::invalid("invalid_db_url", "数据库地址 '" + std::string(url) +
                                                         "' 缺少文件路径，应为 sqlite:PATH"));
    }
    if (path == ":memory:" || starts_with(path, "file:")) {
        return fail(Error::invalid(
            "invalid_db_url",
            "数据库地址 '" + std::string(url) + "' 不受支持：请使用数据库文件路径 sqlite:PATH"));
    }
    return std::string(path);
}

sqlite::SqliteStore* as_sqlite(Store& store) {
    return dynamic_cast<sqlite::SqliteStore*>(&store);
}

postgres::PostgresStore* as_postgres(Store& store) {
    return dynamic_cast<postgres::PostgresStore*>(&store);
}

Error unsupported_store() {
    return Error::invalid("unsupported_backend", "该数据库后端不支持此操作");
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url, int pool_size) {
    if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
        ASSIGN_OR_RETURN(auto store, postgres::PostgresStore::open(url, pool_size));
        return std::unique_ptr<Store>(std::move(store));
    }
    if (!starts_with(url, "sqlite:")) {
        return fail(Error::invalid(
            "invalid_db_url", "数据库地址 '" + url + "' 无效，应为 sqlite:PATH 或 postgresql://…"));
    }
    ASSIGN_OR_RETURN(auto path, sqlite_path(url));
    ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::open(path, pool_size));
    return std::unique_ptr<Store>(std::move(store));
}

Result<int> migrate_store(Store& store) {
    int applied = 0;
    if (auto* sqlite_store = as_sqlite(store)) {
        ASSIGN_OR_RETURN(applied, sqlite_store->migrate());
    } else if (auto* postgres_store = as_postgres(store)) {
        ASSIGN_OR_RETURN(applied, postgres_store->migrate());
    } else {
        return fail(unsupported_store());
    }
    // Migration 0013's counters of the existing applications need each engine's JSON functions:
    // counted here, in one transaction with the removal of its mark.
    RETURN_IF_ERROR(
        store.write([](Repositories& repos) { return repos.stats().rebuild_counters_if_requested(); }));
    return applied;
}

Status backup_store(Store& store, const std::string& path) {
    if (auto* sqlite_store = as_sqlite(store)) return sqlite_store->backup_to(path);
    if (auto* postgres_store = as_postgres(store)) return postgres::dump_to(*postgres_store, path);
    return fail(unsupported_store());
}

Status defer_commits_unsafely(Store& store, std::chrono::milliseconds window) {
    if (auto* sqlite_store = as_sqlite(store)) return sqlite_store->defer_commits_unsafely(window);
    return fail(unsupported_store());
}

Status set_bulk_load(Store& store, bool enabled) {
    if (auto* sqlite_store = as_sqlite(store)) return sqlite_store->set_bulk_load(enabled);
    // PostgreSQL keeps every commit synced (slower, never wrong): nothing to switch.
    static_cast<void>(enabled);
    return ok();
}

Result<std::unique_ptr<applications::FileStore>> open_file_store(const std::string& directory) {
    ASSIGN_OR_RETURN(auto store, files::DirectoryFileStore::create(directory));
    return std::unique_ptr<applications::FileStore>(std::move(store));
}

Result<std::unique_ptr<applications::FileStore>> open_deployment_file_store(
    Store& store, const std::string& db_url, const std::string& files_dir) {
    if (!files_dir.empty()) return open_file_store(files_dir);
    if (auto* postgres_store = as_postgres(store)) {
        ASSIGN_OR_RETURN(auto files, postgres::DatabaseFileStore::create(*postgres_store));
        return std::unique_ptr<applications::FileStore>(std::move(files));
    }
    ASSIGN_OR_RETURN(auto path, sqlite_path(db_url));
    return open_file_store(path + ".files");
}

Status restore_store(const std::string& url, const std::string& backup) {
    if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
        return postgres::restore_from(url, backup);
    }
    if (!starts_with(url, "sqlite:")) {
        return fail(Error::invalid("invalid_db_url", "数据库地址 '" + url + "' 无效"));
    }
    ASSIGN_OR_RETURN(const auto path, sqlite_path(url));
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::exists(path, error)) {
        return fail(Error::conflict("database_exists", "数据库文件 '" + path +
                                                           "' 已存在：恢复只能写入新文件（先停服务，把原文件移走）"));
    }
    if (!fs::is_regular_file(backup, error)) {
        return fail(Error::invalid("backup_missing", "备份文件 '" + backup + "' 不存在"));
    }
    // The online backup API, run the other way: the backup file is the source, the new
    // database file the copy (checked with quick_check, renamed into place when complete).
    ASSIGN_OR_RETURN(auto source, sqlite::SqliteStore::open(backup, 1));
    return source->backup_to(path);
}

}  // namespace hx::storage

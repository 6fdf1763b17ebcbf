#pragma once
/// Evidence bytes in the PostgreSQL database itself, so every server instance sees every file
/// without a shared directory (`serve --db postgresql://…` without `--files`).
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/applications/application.hpp"

namespace hx::storage::postgres {

class PostgresStore;

/// Files by content hash in the table `stored_files (sha256, size, content BYTEA)`, which
/// create() makes when absent (it belongs to this store, not to the migrations: a SQLite
/// deployment keeps its files in a directory). put() inserts in a transaction of its own that
/// commits (durably) before it returns, and writes nothing for bytes already stored; get()
/// answers as DirectoryFileStore does: kInvalidArgument (`invalid_hash`) for anything but 64
/// lowercase hex digits, kNotFound when absent, kInternal when the bytes no longer hash to
/// their name. The store must outlive this object.
class DatabaseFileStore final : public applications::FileStore {
public:
    static Result<std::unique_ptr<DatabaseFileStore>> create(PostgresStore& store);

    Result<std::string> put(std::string_view bytes) override;
    Result<std::string> get(const std::string& sha256) override;

private:
    explicit DatabaseFileStore(PostgresStore& store) : store_(&store) {}
    PostgresStore* store_;
};

}  // namespace hx::storage::postgres

#include "storage/postgres/database_file_store.hpp"

#include <sodium.h>

#include <optional>

#include "core/sha256.hpp"
#include "storage/files/file_store.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace hx::storage::postgres {

namespace {

constexpr const char* kCreateTable = R"sql(
CREATE TABLE IF NOT EXISTS stored_files (
    sha256  TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size    BIGINT NOT NULL CHECK (size >= 0),
    content BYTEA  NOT NULL
))sql";

// Hex text both ways: the statements bind text parameters only.
constexpr std::string_view kInsert = R"sql(
INSERT INTO stored_files (sha256, size, content) VALUES (?1, ?2, decode(?3, 'hex'))
ON CONFLICT (sha256) DO NOTHING)sql";
constexpr std::string_view kSelect =
    "SELECT encode(content, 'hex') FROM stored_files WHERE sha256 = ?1";

std::string to_hex(std::string_view bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    hex.pop_back();
    return hex;
}

std::optional<std::string> from_hex(std::string_view hex) {
    std::string bytes(hex.size() / 2, '\0');
    std::size_t length = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                       hex.size(), nullptr, &length, nullptr) != 0) {
        return std::nullopt;
    }
    bytes.resize(length);
    return bytes;
}


}  // namespace

Result<std::unique_ptr<DatabaseFileStore>> DatabaseFileStore::create(PostgresStore& store) {
    if (sodium_init() < 0) return fail(Error::internal("libsodium failed to initialise"));
    RETURN_IF_ERROR(store.execute(kCreateTable));
    return std::unique_ptr<DatabaseFileStore>(new DatabaseFileStore(store));
}

Result<std::string> DatabaseFileStore::put(std::string_view bytes) {
    std::string sha256 = sha256_hex(bytes);
    const std::string hex = to_hex(bytes);
    RETURN_IF_ERROR(store_->transact([&](Connection& connection) -> Status {
        ASSIGN_OR_RETURN(auto insert, connection.prepare(kInsert));
        insert.bind_text(1, sha256)
            .bind_int64(2, static_cast<std::int64_t>(bytes.size()))
            .bind_text(3, hex);
        return insert.run();
    }));
    return sha256;
}

Result<std::string> DatabaseFileStore::get(const std::string& sha256) {
    if (!is_sha256_hex(sha256)) {
        return fail(Error::invalid("invalid_hash", "文件标识 '" + sha256.substr(0, 80) +
                                                       "' 无效：应为 64 位小写十六进制 SHA-256"));
    }
    std::optional<std::string> hex;
    RETURN_IF_ERROR(store_->transact([&](Connection& connection) -> Status {
        ASSIGN_OR_RETURN(auto select, connection.prepare(kSelect));
        select.bind_text(1, sha256);
        ASSIGN_OR_RETURN(const bool row, select.step());
        if (row) hex = select.column_text(0);
        return ok();
    }));
    if (!hex) return fail(Error::not_found("文件不存在"));
    auto bytes = from_hex(*hex);
    if (!bytes || sha256_hex(*bytes) != sha256) {
        return fail(Error::internal("stored file " + sha256 + " no longer matches its hash"));
    }
    return std::move(*bytes);
}

}  // namespace hx::storage::postgres

#pragma once
#include "domain/identity/identity_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Key → value settings in the `settings` table; put() inserts or replaces.
class SqliteSettingsRepository final : public identity::SettingsRepository {
public:
    explicit SqliteSettingsRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::optional<std::string>> get(const std::string& key) override;
    Status put(const std::string& key, const std::string& value) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

#include "storage/sqlite/settings_repository.hpp"

namespace hx::storage::sqlite {

namespace {
constexpr std::string_view kGet = "SELECT value FROM settings WHERE key = ?1";
constexpr std::string_view kPut = R"sql(
INSERT INTO settings (key, value) VALUES (?1, ?2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql";
}  // namespace

Result<std::optional<std::string>> SqliteSettingsRepository::get(const std::string& key) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kGet));
    query.bind_text(1, key);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(query.column_text(0));
}

Status SqliteSettingsRepository::put(const std::string& key, const std::string& value) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kPut));
    statement.bind_text(1, key).bind_text(2, value);
    return statement.run();
}

}  // namespace hx::storage::sqlite

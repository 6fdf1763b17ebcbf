#include "storage/migration_checks.hpp"

namespace hx::storage {

Status check_known(const std::vector<Migration>& known) {
    int previous = 0;
    for (const auto& migration : known) {
        if (migration.number <= previous) {
            return fail(Error::internal("migration " + std::to_string(migration.number) + " '" +
                                        migration.name + "' is out of order or repeated"));
        }
        previous = migration.number;
    }
    return ok();
}

Status check_not_newer(const std::map<int, std::string>& applied,
                       const std::vector<Migration>& known) {
    std::map<int, const Migration*> by_number;
    for (const auto& migration : known) by_number.emplace(migration.number, &migration);
    for (const auto& [number, name] : applied) {
        const auto found = by_number.find(number);
        if (found == by_number.end()) {
            return fail(Error::conflict(
                "schema_too_new", "数据库包含本程序不认识的迁移 " + std::to_string(number) + "（" +
                                      name + "），它由更新版本的 huixing 写入，请使用新版本"));
        }
        if (found->second->name != name) {
            return fail(Error::conflict(
                "schema_mismatch", "数据库中的迁移 " + std::to_string(number) + " 名为 '" + name +
                                       "'，本程序的同号迁移名为 '" + found->second->name + "'"));
        }
    }
    return ok();
}

}  // namespace hx::storage

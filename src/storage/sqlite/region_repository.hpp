#pragma once
#include "domain/regions/region_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The division tree in the `regions` table. Every scoped read filters by the scope's code
/// range in SQL; children_count counts the children inside the same scope.
class SqliteRegionRepository final : public regions::RegionRepository {
public:
    explicit SqliteRegionRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::optional<regions::Region>> find(const std::string& code, const std::string& scope,
                                                const std::string& actor_code) override;
    Result<std::vector<regions::Region>> find_many(const std::vector<std::string>& codes) override;
    Result<regions::Page<regions::Region>> children(const std::string& parent_code,
                                                    const std::string& scope,
                                                    const std::string& name_query,
                                                    const regions::PageRequest& page) override;
    Result<std::vector<regions::Region>> districts(const std::string& scope) override;
    Result<regions::Page<regions::Region>> search(const std::string& scope,
                                                  const std::string& name_query,
                                                  std::optional<regions::Level> level,
                                                  regions::PilotFilter pilot,
                                                  const regions::PageRequest& page) override;
    Result<std::int64_t> count(regions::Level level) override;
    /// Parents are written before children whatever the input order, so the foreign key on
    /// parent_code is checked row by row and a missing parent is reported by code.
    Status upsert(const std::vector<regions::Region>& nodes) override;
    Result<std::int64_t> count_all() override;
    /// SQLite: a larger page cache for the statement's duration only (durability unchanged: the
    /// commit still syncs). Both engines: the three secondary indexes are dropped and rebuilt
    /// inside the same transaction, so a failure leaves them as they were.
    Status bulk_insert(const std::vector<regions::Region>& nodes) override;
    Status set_pilot(const std::string& community_code, bool pilot) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

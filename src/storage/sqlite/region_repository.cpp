#include "storage/sqlite/region_repository.hpp"

#include <algorithm>
#include <array>

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

using regions::Level;
using regions::Page;
using regions::PageRequest;
using regions::Region;

namespace {

// Every read selects the same seven columns, in this order; ?2 and ?3 (or ?1 and ?2) are the
// scope's code range, which children_count respects too. A name query matches as a literal
// substring (instr): no wildcards to escape, and faster than LIKE on UTF-8 text.

constexpr std::string_view kFind = R"sql(
WITH RECURSIVE ancestors (code) AS (
    SELECT parent_code FROM regions WHERE code = ?4
    UNION
    SELECT r.parent_code FROM regions r JOIN ancestors a ON r.code = a.code
)
SELECT r.code, r.name, r.level, r.parent_code, r.kind, r.pilot,
       (SELECT count(*) FROM regions c
         WHERE c.parent_code = r.code AND c.code >= ?2 AND c.code < ?3)
  FROM regions r
 WHERE r.code = ?1
   AND ((r.code >= ?2 AND r.code < ?3) OR r.code IN (SELECT code FROM ancestors)))sql";

constexpr std::string_view kFindUnscoped = R"sql(
SELECT r.code, r.name, r.level, r.parent_code, r.kind, r.pilot,
       (SELECT count(*) FROM regions c WHERE c.parent_code = r.code)
  FROM regions r
 WHERE r.code = ?1)sql";

constexpr std::string_view kChildren = R"sql(
SELECT r.code, r.name, r.level, r.parent_code, r.kind, r.pilot,
       (SELECT count(*) FROM regions c
         WHERE c.parent_code = r.code AND c.code >= ?2 AND c.code < ?3)
  FROM regions r
 WHERE r.parent_code = ?1 AND r.code >= ?2 AND r.code < ?3
   AND (?4 = '' OR instr(r.name, ?4) > 0)
 ORDER BY r.code
 LIMIT ?5 OFFSET ?6)sql";

constexpr std::string_view kChildrenTotal = R"sql(
SELECT count(*)
  FROM regions r
 WHERE r.parent_code = ?1 AND r.code >= ?2 AND r.code < ?3
   AND (?4 = '' OR instr(r.name, ?4) > 0))sql";

// A district meets the scope when it lies inside it (city scope) or contains it (its code is a
// prefix of the scope: a street's or a community's district).
constexpr std::string_view kDistricts = R"sql(
SELECT r.code, r.name, r.level, r.parent_code, r.kind, r.pilot,
       (SELECT count(*) FROM regions c
         WHERE c.parent_code = r.code AND c.code >= ?1 AND c.code < ?2)
  FROM regions r
 WHERE r.level = 'district'
   AND ((r.code >= ?1 AND r.code < ?2) OR substr(?3, 1, length(r.code)) = r.code)
 ORDER BY r.code)sql";

// One level at a time, on the index (level, code, name): rows come in code order without a
// sort, and a page is cut from the levels in order (district before street before community).
constexpr std::string_view kSearchLevel = R"sql(
SELECT r.code, r.name, r.level, r.parent_code, r.kind, r.pilot,
       (SELECT count(*) FROM regions c
         WHERE c.parent_code = r.code AND c.code >= ?2 AND c.code < ?3)
  FROM regions r
 WHERE r.level = ?1 AND r.code >= ?2 AND r.code < ?3
   AND (?4 = '' OR instr(r.name, ?4) > 0)
   AND (?5 = 0 OR r.pilot = 1)
 ORDER BY r.code
 LIMIT ?6 OFFSET ?7)sql";

constexpr std::string_view kSearchLevelTotal = R"sql(
SELECT count(*)
  FROM regions r
 WHERE r.level = ?1 AND r.code >= ?2 AND r.code < ?3
   AND (?4 = '' OR instr(r.name, ?4) > 0)
   AND (?5 = 0 OR r.pilot = 1))sql";

constexpr std::string_view kCount = "SELECT count(*) FROM regions WHERE level = ?1";

constexpr std::string_view kUpsert = R"sql(
INSERT INTO regions (code, name, level, parent_code, kind, pilot)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (code) DO UPDATE
   SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
       kind = excluded.kind, pilot = excluded.pilot)sql";

constexpr std::string_view kCountAll = "SELECT count(*) FROM regions";

constexpr std::string_view kInsert = R"sql(
INSERT INTO regions (code, name, level, parent_code, kind, pilot)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

// The secondary indexes of migration 0001, dropped for a bulk insert and built again after it:
// one sort per index instead of 690,000 random b-tree inserts into each.
constexpr std::array<std::string_view, 3> kSecondaryIndexes = {"regions_parent", "regions_name",
                                                               "regions_level"};
constexpr std::array<std::string_view, 3> kCreateSecondaryIndexes = {
    "CREATE INDEX regions_parent ON regions (parent_code)",
    "CREATE INDEX regions_name ON regions (name)",
    "CREATE INDEX regions_level ON regions (level, code, name)"};

// SQLite's page cache during a bulk insert (KiB, as a negative cache_size), and after it.
constexpr std::string_view kBulkCacheSize = "PRAGMA cache_size = -262144";

constexpr std::string_view kSetPilot =
    "UPDATE regions SET pilot = ?2 WHERE code = ?1 AND level = 'community'";

Result<Region> read_region(const Statement& row) {
    Region region;
    region.code = row.column_text(0);
    region.name = row.column_text(1);
    const std::string level = row.column_text(2);
    const auto parsed = regions::parse_level(level);
    if (!parsed) {
        return fail(Error::internal("regions row '" + region.code + "' has level '" + level + "'"));
    }
    region.level = *parsed;
    region.parent_code = row.column_text(3);
    region.kind = row.column_text(4);
    region.pilot = row.column_bool(5);
    region.children_count = row.column_int64(6);
    return region;
}

Result<std::vector<Region>> read_all(Statement& query) {
    std::vector<Region> nodes;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return nodes;
        ASSIGN_OR_RETURN(auto region, read_region(query));
        nodes.push_back(std::move(region));
    }
}

int level_rank(Level level) {
    switch (level) {
        case Level::kCity: return 0;
        case Level::kDistrict: return 1;
        case Level::kStreet: return 2;
        case Level::kCommunity: return 3;
    }
    return 3;
}

Status check_node(const Region& node) {
    if (!regions::is_division_code(node.code)) {
        return fail(Error::invalid("invalid_region", "区划代码 '" + node.code + "' 无效",
                                   {{"code", "应为 6、9 或 12 位数字"}}));
    }
    if (node.name.empty()) {
        return fail(Error::invalid("invalid_region", "区划 '" + node.code + "' 没有名称",
                                   {{"name", "不能为空"}}));
    }
    const bool is_city = node.level == Level::kCity;
    if (is_city != node.parent_code.empty()) {
        return fail(Error::invalid("invalid_region",
                                   "区划 '" + node.code + "'：只有市级节点没有上级",
                                   {{"parent_code", "与层级不符"}}));
    }
    return ok();
}

}  // namespace

Result<std::optional<Region>> SqliteRegionRepository::find(const std::string& code,
                                                           const std::string& scope,
                                                           const std::string& actor_code) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFind));
    query.bind_text(1, code).bind_text(2, range.lower).bind_text(3, range.upper);
    query.bind_text(4, actor_code);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Region>();
    ASSIGN_OR_RETURN(auto region, read_region(query));
    return std::optional<Region>(std::move(region));
}

Result<std::vector<Region>> SqliteRegionRepository::find_many(
    const std::vector<std::string>& codes) {
    std::vector<Region> found;
    found.reserve(codes.size());
    for (const auto& code : codes) {
        ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindUnscoped));
        query.bind_text(1, code);
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) continue;
        ASSIGN_OR_RETURN(auto region, read_region(query));
        found.push_back(std::move(region));
    }
    return found;
}

Result<Page<Region>> SqliteRegionRepository::children(const std::string& parent_code,
                                                      const std::string& scope,
                                                      const std::string& name_query,
                                                      const PageRequest& page) {
    RETURN_IF_ERROR(check_page(page));
    ASSIGN_OR_RETURN(const auto range, scope_range(scope));
    Page<Region> result;
    {
        ASSIGN_OR_RETURN(auto total, connection_.prepare(kChildrenTotal));
        total.bind_text(1, parent_code).bind_text(2, range.lower).bind_text(3, range.upper);
        total.bind_text(4, name_query);
        ASSIGN_OR_RETURN(result.total, read_count(total));
    }
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kChildren));
    query.bind_text(1, parent_code).bind_text(2, range.lower).bind_text(3, range.upper);
    query.bind_text(4, name_query).bind_int64(5, page.page_size).bind_int64(6, page.offset());
    ASSIGN_OR_RETURN(result.items, read_all(query));
    return result;
}

Result<std::vector<Region>> SqliteRegionRepository::districts(const std::string& scope) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kDistricts));
    query.bind_text(1, range.lower).bind_text(2, range.upper).bind_text(3, scope);
    return read_all(query);
}

Result<Page<Region>> SqliteRegionRepository::search(const std::string& scope,
                                                    const std::string& name_query,
                                                    std::optional<Level> level,
                                                    regions::PilotFilter pilot,
                                                    const PageRequest& page) {
    RETURN_IF_ERROR(check_page(page));
    ASSIGN_OR_RETURN(const auto range, scope_range(scope));
    std::vector<Level> levels = {Level::kCity, Level::kDistrict, Level::kStreet, Level::kCommunity};
    if (level) levels = {*level};
    const std::int64_t pilot_only = pilot == regions::PilotFilter::kPilotOnly ? 1 : 0;

    Page<Region> result;
    std::vector<std::int64_t> counts;
    for (const Level each : levels) {
        ASSIGN_OR_RETURN(auto total, connection_.prepare(kSearchLevelTotal));
        total.bind_text(1, regions::to_string(each)).bind_text(2, range.lower);
        total.bind_text(3, range.upper).bind_text(4, name_query).bind_int64(5, pilot_only);
        ASSIGN_OR_RETURN(const auto count, read_count(total));
        counts.push_back(count);
        result.total += count;
    }
    // Cut the page [offset, offset + page_size) out of the levels laid end to end.
    std::int64_t skip = page.offset();
    std::int64_t wanted = page.page_size;
    for (std::size_t i = 0; i < levels.size() && wanted > 0; ++i) {
        if (skip >= counts[i]) {
            skip -= counts[i];
            continue;
        }
        ASSIGN_OR_RETURN(auto query, connection_.prepare(kSearchLevel));
        query.bind_text(1, regions::to_string(levels[i])).bind_text(2, range.lower);
        query.bind_text(3, range.upper).bind_text(4, name_query).bind_int64(5, pilot_only);
        query.bind_int64(6, wanted).bind_int64(7, skip);
        ASSIGN_OR_RETURN(auto rows, read_all(query));
        wanted -= static_cast<std::int64_t>(rows.size());
        skip = 0;
        for (auto& row : rows) result.items.push_back(std::move(row));
    }
    return result;
}

Result<std::int64_t> SqliteRegionRepository::count(Level level) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kCount));
    query.bind_text(1, regions::to_string(level));
    return read_count(query);
}

Result<std::int64_t> SqliteRegionRepository::count_all() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kCountAll));
    return read_count(query);
}

Status SqliteRegionRepository::bulk_insert(const std::vector<Region>& nodes) {
    for (const auto& node : nodes) RETURN_IF_ERROR(check_node(node));
    const bool sqlite = connection_.dialect() == sql::Dialect::kSqlite;
    std::string cache_before;
    if (sqlite) {
        ASSIGN_OR_RETURN(auto query, connection_.prepare("PRAGMA cache_size"));
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (row) cache_before = std::to_string(query.column_int64(0));
        RETURN_IF_ERROR(connection_.execute(std::string(kBulkCacheSize)));
        // The table's CHECKs (0001) are exactly what check_node() verified for every node above;
        // SQLite evaluates `x IN (three or more constants)` by building a temporary b-tree per
        // row, a fifth of the national import's time (docs/performance.md § S5). Off for this
        // insert only; the DROP and CREATE INDEX around it change the schema, so the INSERT is
        // compiled with the flag and recompiled without it for any later use.
        RETURN_IF_ERROR(connection_.execute("PRAGMA ignore_check_constraints = ON"));
    }
    auto inserted = [&]() -> Status {
        for (const auto index : kSecondaryIndexes) {
            RETURN_IF_ERROR(connection_.execute("DROP INDEX " + std::string(index)));
        }
        ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
        for (const Region& node : nodes) {
            statement.reset();
            // `nodes` outlives every step: no copy of the text per bind.
            statement.bind_text_kept(1, node.code).bind_text_kept(2, node.name);
            statement.bind_text_kept(3, regions::to_string(node.level));
            if (node.parent_code.empty()) {
                statement.bind_null(4);
            } else {
                statement.bind_text_kept(4, node.parent_code);
            }
            statement.bind_text_kept(5, node.kind).bind_int64(6, node.pilot ? 1 : 0);
            const auto written = statement.run();
            if (written) continue;
            if (written.error().code() == ErrorCode::kAlreadyExists) {
                return fail(Error::invalid("region_exists", "区划 '" + node.code + "' 已在数据库中",
                                           {{"code", "批量导入只能写入尚无这些区划的数据库"}}));
            }
            if (written.error().code() == ErrorCode::kFailedPrecondition) {
                return fail(Error::invalid(
                    "unknown_parent",
                    "区划 '" + node.code + "' 的上级 '" + node.parent_code + "' 不存在",
                    {{"parent_code", "上级区划不存在"}}));
            }
            return fail(written.error());
        }
        for (const auto create : kCreateSecondaryIndexes) {
            RETURN_IF_ERROR(connection_.execute(std::string(create)));
        }
        return ok();
    }();
    if (sqlite) {
        // Back to the connection's own settings, whatever happened (the pool reuses it).
        RETURN_IF_ERROR(connection_.execute("PRAGMA ignore_check_constraints = OFF"));
        if (!cache_before.empty()) {
            RETURN_IF_ERROR(connection_.execute("PRAGMA cache_size = " + cache_before));
        }
    }
    return inserted;
}

Status SqliteRegionRepository::upsert(const std::vector<Region>& nodes) {
    std::vector<const Region*> ordered;
    ordered.reserve(nodes.size());
    for (const auto& node : nodes) {
        RETURN_IF_ERROR(check_node(node));
        ordered.push_back(&node);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const Region* a, const Region* b) {
        return level_rank(a->level) < level_rank(b->level);
    });
    // One prepared statement for the whole batch: 7,900 rows take a few milliseconds.
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpsert));
    for (const Region* node : ordered) {
        statement.reset();
        statement.bind_text(1, node->code).bind_text(2, node->name);
        statement.bind_text(3, regions::to_string(node->level));
        if (node->parent_code.empty()) {
            statement.bind_null(4);
        } else {
            statement.bind_text(4, node->parent_code);
        }
        statement.bind_text(5, node->kind).bind_int64(6, node->pilot ? 1 : 0);
        const auto written = statement.run();
        if (written) continue;
        if (written.error().code() == ErrorCode::kFailedPrecondition) {
            return fail(Error::invalid(
                "unknown_parent",
                "区划 '" + node->code + "' 的上级 '" + node->parent_code + "' 不存在",
                {{"parent_code", "上级区划不存在"}}));
        }
        return fail(written.error());
    }
    return ok();
}

Status SqliteRegionRepository::set_pilot(const std::string& community_code, bool pilot) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kSetPilot));
    statement.bind_text(1, community_code).bind_int64(2, pilot ? 1 : 0);
    RETURN_IF_ERROR(statement.run());
    if (connection_.changes() == 0) {
        return fail(Error::not_found("社区 '" + community_code + "' 不存在"));
    }
    return ok();
}

}  // namespace hx::storage::sqlite

#include "storage/sqlite/stats_repository.hpp"

#include <map>

#include "storage/sqlite/query_support.hpp"
#include "storage/sqlite/stats_counters.hpp"

namespace hx::storage::sqlite {

using namespace stats;

namespace {

constexpr std::string_view kRegionName = "SELECT name FROM regions WHERE code = ?1";

// The scope's districts, its communities per district (regions_level covers the range), and its
// communities holding an active star (certifications_status_community covers it).
constexpr std::string_view kDistricts = R"sql(
SELECT code, name FROM regions WHERE level = 'district' AND code >= ?1 AND code < ?2 ORDER BY code)sql";
// Per district, the communities in its code range [code, code || ':') — ':' follows the digits —
// counted on regions_level: no GROUP BY over an expression, which sorted every community in a
// temporary b-tree (0.45 s over China's 620,573).
constexpr std::string_view kCommunities = R"sql(
SELECT d.code, (SELECT count(*) FROM regions c
                 WHERE c.level = 'community' AND c.code >= d.code AND c.code < d.code || ':')
  FROM regions d
 WHERE d.level = 'district' AND d.code >= ?1 AND d.code < ?2)sql";
constexpr std::string_view kCertified = R"sql(
SELECT substr(community_code, 1, 6), count(DISTINCT community_code) FROM certifications
 WHERE status IN ('valid', 'under_rectification') AND community_code >= ?1 AND community_code < ?2
 GROUP BY substr(community_code, 1, 6))sql";

constexpr std::string_view kRounds = "SELECT year, kind FROM rounds ORDER BY year, id";

constexpr std::string_view kSummary = R"sql(
SELECT year, district_code, district_name, substr(community_code, 1, 9), street_name, star,
       sum(CASE WHEN status IN ('valid', 'under_rectification') THEN 1 ELSE 0 END),
       sum(CASE WHEN status = 'revoked' THEN 1 ELSE 0 END),
       sum(CASE WHEN status = 'superseded' THEN 1 ELSE 0 END)
  FROM certifications
 WHERE community_code >= ?1 AND community_code < ?2 AND (?3 = 0 OR year = ?3)
 GROUP BY year, district_code, district_name, substr(community_code, 1, 9), street_name, star
 ORDER BY year, district_code, substr(community_code, 1, 9), star)sql";

// The funnel and the indicator figures from the counters of migration 0013, kept per round and
// district by the writes (stats_counters.hpp): a scope is a range of district codes, and a
// statistic reads a few hundred counter rows instead of every application, its events and JSON.
constexpr std::string_view kFunnel = R"sql(
SELECT c.district_code, coalesce(d.name, ''), sum(c.applications), sum(c.applied),
       sum(c.recommended), sum(c.certified), sum(c.sanctioned)
  FROM round_counts c
  JOIN rounds r ON r.id = c.round_id
  LEFT JOIN regions d ON d.code = c.district_code
 WHERE c.district_code >= ?1 AND c.district_code < ?2 AND (?3 = 0 OR c.round_id = ?3)
   AND (?4 = 0 OR r.year = ?4)
 GROUP BY c.district_code, d.name
HAVING sum(c.applications) > 0
 ORDER BY c.district_code)sql";

constexpr std::string_view kApplicationCounts = R"sql(
SELECT coalesce(sum(applications), 0), coalesce(sum(evaluated), 0) FROM round_counts
 WHERE round_id = ?1 AND district_code >= ?2 AND district_code < ?3)sql";
// Claimed: applications claiming the code; verified: applications where a majority of their
// evaluators verified it (as the decision counts it).
constexpr std::string_view kIndicatorCounts = R"sql(
SELECT code, sum(claimed), sum(verified) FROM round_indicator_counts
 WHERE round_id = ?1 AND district_code >= ?2 AND district_code < ?3
 GROUP BY code
HAVING sum(claimed) > 0 OR sum(verified) > 0)sql";

constexpr std::string_view kPlans = R"sql(
SELECT district_code, year, planned, note, updated_by, updated_at FROM plans
 WHERE district_code >= ?1 AND district_code < ?2 AND (?3 = 0 OR year = ?3)
 ORDER BY year, district_code)sql";
constexpr std::string_view kPutPlan = R"sql(
INSERT INTO plans (district_code, year, planned, note, updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (district_code, year) DO UPDATE
   SET planned = excluded.planned, note = excluded.note, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at)sql";
constexpr std::string_view kResults = R"sql(
SELECT year, district_code, count(DISTINCT community_code) FROM certifications
 WHERE community_code >= ?1 AND community_code < ?2 AND (?3 = 0 OR year = ?3)
 GROUP BY year, district_code
 ORDER BY year, district_code)sql";
constexpr std::string_view kCertifiedBy = R"sql(
SELECT count(DISTINCT community_code) FROM certifications
 WHERE community_code >= ?1 AND community_code < ?2 AND year <= ?3)sql";

constexpr std::string_view kOpenData = R"sql(
SELECT serial, community_code, community_name, district_code, district_name, street_name, star, year,
       issued_at, status
  FROM certifications ORDER BY serial)sql";

int to_int(std::int64_t value) {
    return static_cast<int>(value);
}

}  // namespace

Result<std::optional<std::string>> SqliteStatsRepository::region_name(const std::string& code) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kRegionName));
    query.bind_text(1, code);
    ASSIGN_OR_RETURN(const bool found, query.step());
    if (!found) return std::optional<std::string>{};
    return std::optional<std::string>{query.column_text(0)};
}

Result<std::vector<CoverageRow>> SqliteStatsRepository::coverage(const Scope& scope) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    std::vector<CoverageRow> rows;
    std::map<std::string, std::size_t> index;
    {
        ASSIGN_OR_RETURN(auto query, connection_.prepare(kDistricts));
        query.bind_text(1, range.lower).bind_text(2, range.upper);
        while (true) {
            ASSIGN_OR_RETURN(const bool row, query.step());
            if (!row) break;
            index[query.column_text(0)] = rows.size();
            rows.push_back({query.column_text(0), query.column_text(1)});
        }
    }
    auto add = [&](std::string_view sql, std::int64_t CoverageRow::*field) -> Status {
        ASSIGN_OR_RETURN(auto query, connection_.prepare(sql));
        query.bind_text(1, range.lower).bind_text(2, range.upper);
        while (true) {
            ASSIGN_OR_RETURN(const bool row, query.step());
            if (!row) return ok();
            const auto it = index.find(query.column_text(0));
            if (it == index.end()) continue;  // a community whose district is not in the tree
            rows[it->second].*field = query.column_int64(1);
        }
    };
    RETURN_IF_ERROR(add(kCommunities, &CoverageRow::communities));
    RETURN_IF_ERROR(add(kCertified, &CoverageRow::certified));
    return rows;
}

Result<std::vector<PastRound>> SqliteStatsRepository::past_rounds() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kRounds));
    std::vector<PastRound> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        const auto kind = rounds::parse_round_kind(query.column_text(1));
        if (!kind)
            return fail(
                Error::internal("rounds row with unknown kind '" + query.column_text(1) + "'"));
        out.push_back({to_int(query.column_int64(0)), *kind});
    }
    return out;
}

Result<std::vector<SummaryRow>> SqliteStatsRepository::summary(const Scope& scope,
                                                               std::optional<int> year) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kSummary));
    query.bind_text(1, range.lower).bind_text(2, range.upper).bind_int64(3, year.value_or(0));
    std::vector<SummaryRow> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        SummaryRow r;
        r.year = to_int(query.column_int64(0));
        r.district_code = query.column_text(1);
        r.district_name = query.column_text(2);
        r.street_code = query.column_text(3);
        r.street_name = query.column_text(4);
        r.star = to_int(query.column_int64(5));
        r.active = query.column_int64(6);
        r.revoked = query.column_int64(7);
        r.superseded = query.column_int64(8);
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::vector<FunnelCounts>> SqliteStatsRepository::funnel(const Scope& scope,
                                                                std::int64_t round_id, int year) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFunnel));
    query.bind_text(1, range.lower)
        .bind_text(2, range.upper)
        .bind_int64(3, round_id)
        .bind_int64(4, year);
    std::vector<FunnelCounts> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        FunnelCounts r;
        r.district_code = query.column_text(0);
        r.district_name = query.column_text(1);
        r.self_assessed = query.column_int64(2);
        r.applied = query.column_int64(3);
        r.recommended = query.column_int64(4);
        r.certified = query.column_int64(5);
        r.sanctioned = query.column_int64(6);
        out.push_back(std::move(r));
    }
    return out;
}

Result<IndicatorCounts> SqliteStatsRepository::indicators(const Scope& scope,
                                                          std::int64_t round_id) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    IndicatorCounts out;
    {
        ASSIGN_OR_RETURN(auto query, connection_.prepare(kApplicationCounts));
        query.bind_int64(1, round_id).bind_text(2, range.lower).bind_text(3, range.upper);
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (row) {
            out.applications = query.column_int64(0);
            out.evaluated = query.column_int64(1);  // NULL (no rows) reads as 0
        }
    }
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kIndicatorCounts));
    query.bind_int64(1, round_id).bind_text(2, range.lower).bind_text(3, range.upper);
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        out.indicators.push_back(
            {query.column_text(0), query.column_int64(1), query.column_int64(2)});
    }
    return out;
}

Result<std::vector<Plan>> SqliteStatsRepository::plans(const Scope& scope,
                                                       std::optional<int> year) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kPlans));
    query.bind_text(1, range.lower).bind_text(2, range.upper).bind_int64(3, year.value_or(0));
    std::vector<Plan> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        out.push_back({query.column_text(0), to_int(query.column_int64(1)), query.column_int64(2),
                       query.column_text(3), query.column_text(4),
                       from_unix_ms(query.column_int64(5))});
    }
    return out;
}

Status SqliteStatsRepository::put_plan(const Plan& plan) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kPutPlan));
    query.bind_text(1, plan.district_code)
        .bind_int64(2, plan.year)
        .bind_int64(3, plan.planned)
        .bind_text(4, plan.note)
        .bind_text(5, plan.updated_by)
        .bind_int64(6, to_unix_ms(plan.updated_at));
    return query.run();
}

Result<std::vector<YearResult>> SqliteStatsRepository::results(const Scope& scope,
                                                               std::optional<int> year) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kResults));
    query.bind_text(1, range.lower).bind_text(2, range.upper).bind_int64(3, year.value_or(0));
    std::vector<YearResult> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        out.push_back({query.column_text(1), to_int(query.column_int64(0)), query.column_int64(2)});
    }
    return out;
}

Result<std::int64_t> SqliteStatsRepository::certified_by(const Scope& scope, int year) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope.prefix));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kCertifiedBy));
    query.bind_text(1, range.lower).bind_text(2, range.upper).bind_int64(3, year);
    return read_count(query);
}

Result<std::vector<OpenCertification>> SqliteStatsRepository::open_data() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kOpenData));
    std::vector<OpenCertification> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        OpenCertification c;
        c.serial = query.column_text(0);
        c.community_code = query.column_text(1);
        c.community_name = query.column_text(2);
        c.district_code = query.column_text(3);
        c.district_name = query.column_text(4);
        c.street_name = query.column_text(5);
        c.star = to_int(query.column_int64(6));
        c.year = to_int(query.column_int64(7));
        c.issued_at = from_unix_ms(query.column_int64(8));
        c.status = query.column_text(9);
        out.push_back(std::move(c));
    }
    return out;
}

Status SqliteStatsRepository::rebuild_counters() {
    return sqlite::rebuild_counters(connection_);
}

Status SqliteStatsRepository::rebuild_counters_if_requested() {
    return sqlite::rebuild_counters_if_requested(connection_);
}

}  // namespace hx::storage::sqlite

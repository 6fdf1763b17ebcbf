#include "storage/sqlite/stats_counters.hpp"

#include <nlohmann/json.hpp>

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

namespace {

constexpr const char* kRebuildMark = "stats.rebuild_counters";

// An application's funnel figures; the same select per (round, district) for the recount.
constexpr std::string_view kFiguresSelect = R"sql(
SELECT a.round_id, a.district_code, count(*),
       sum(CASE WHEN EXISTS (SELECT 1 FROM application_events e
                              WHERE e.application_id = a.id AND e.action = 'submit') THEN 1 ELSE 0 END),
       sum(CASE WHEN a.recommendation_rank IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN a.state = 'certified' THEN 1 ELSE 0 END),
       sum(CASE WHEN EXISTS (SELECT 1 FROM certifications c JOIN sanctions s ON s.serial = c.serial
                              WHERE c.application_id = a.id) THEN 1 ELSE 0 END),
       sum(CASE WHEN EXISTS (SELECT 1 FROM evaluations v WHERE v.application_id = a.id) THEN 1 ELSE 0 END)
  FROM applications a
)sql";
const std::string kShareFigures =
    std::string(kFiguresSelect) + " WHERE a.id = ?1 GROUP BY a.round_id, a.district_code";
const std::string kRecountFigures =
    std::string(kFiguresSelect) + " GROUP BY a.round_id, a.district_code";
constexpr std::string_view kShareAchieved = "SELECT achieved FROM applications WHERE id = ?1";
constexpr std::string_view kShareColumns = R"sql(
SELECT round_id, district_code, achieved,
       CASE WHEN recommendation_rank IS NULL THEN 0 ELSE 1 END,
       CASE WHEN state = 'certified' THEN 1 ELSE 0 END
  FROM applications WHERE id = ?1)sql";
constexpr std::string_view kShareChecks = "SELECT checks FROM evaluations WHERE application_id = ?1";

// The recount of the indicator figures: each engine's JSON functions (the dialect translator
// leaves them as written), the same counting as application_share.
constexpr std::string_view kRecountClaimed = R"sql(
SELECT a.round_id, a.district_code, j.value, count(*)
  FROM applications a, json_each(a.achieved) j
 GROUP BY a.round_id, a.district_code, j.value)sql";
constexpr std::string_view kRecountClaimedPostgres = R"sql(
SELECT a.round_id, a.district_code, j.value, count(*)
  FROM applications a, jsonb_array_elements_text(a.achieved::jsonb) AS j(value)
 GROUP BY a.round_id, a.district_code, j.value)sql";
constexpr std::string_view kRecountVerified = R"sql(
SELECT round_id, district_code, code, count(*) FROM (
    SELECT a.round_id, a.district_code, e.application_id, json_extract(j.value, '$.code') AS code,
           sum(CASE WHEN json_extract(j.value, '$.verified') THEN 1 ELSE 0 END) AS yes,
           (SELECT count(*) FROM evaluations n WHERE n.application_id = e.application_id) AS evaluators
      FROM evaluations e
      JOIN applications a ON a.id = e.application_id, json_each(e.checks) j
     GROUP BY a.round_id, a.district_code, e.application_id, json_extract(j.value, '$.code')
) AS per_application
 WHERE 2 * yes > evaluators
 GROUP BY round_id, district_code, code)sql";
constexpr std::string_view kRecountVerifiedPostgres = R"sql(
SELECT round_id, district_code, code, count(*) FROM (
    SELECT a.round_id, a.district_code, e.application_id, j.value->>'code' AS code,
           sum(CASE WHEN (j.value->>'verified')::boolean THEN 1 ELSE 0 END) AS yes,
           (SELECT count(*) FROM evaluations n WHERE n.application_id = e.application_id) AS evaluators
      FROM evaluations e
      JOIN applications a ON a.id = e.application_id, jsonb_array_elements(e.checks::jsonb) AS j(value)
     GROUP BY a.round_id, a.district_code, e.application_id, j.value->>'code'
) AS per_application
 WHERE 2 * yes > evaluators
 GROUP BY round_id, district_code, code)sql";

constexpr std::string_view kStoredFigures = R"sql(
SELECT round_id, district_code, applications, applied, recommended, certified, sanctioned, evaluated
  FROM round_counts)sql";
constexpr std::string_view kStoredIndicators = R"sql(
SELECT round_id, district_code, code, claimed, verified FROM round_indicator_counts)sql";

constexpr std::string_view kAddFigures = R"sql(
INSERT INTO round_counts (round_id, district_code, applications, applied, recommended, certified,
                          sanctioned, evaluated)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (round_id, district_code) DO UPDATE
   SET applications = round_counts.applications + excluded.applications,
       applied = round_counts.applied + excluded.applied,
       recommended = round_counts.recommended + excluded.recommended,
       certified = round_counts.certified + excluded.certified,
       sanctioned = round_counts.sanctioned + excluded.sanctioned,
       evaluated = round_counts.evaluated + excluded.evaluated)sql";
constexpr std::string_view kAddIndicator = R"sql(
INSERT INTO round_indicator_counts (round_id, district_code, code, claimed, verified)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (round_id, district_code, code) DO UPDATE
   SET claimed = round_indicator_counts.claimed + excluded.claimed,
       verified = round_indicator_counts.verified + excluded.verified)sql";

template <std::size_t N>
bool all_zero(const std::array<std::int64_t, N>& values) {
    for (const auto v : values) {
        if (v != 0) return false;
    }
    return true;
}

template <typename Map>
void add_into(Map& into, const Map& from, std::int64_t sign) {
    for (const auto& [key, values] : from) {
        auto& target = into[key];
        for (std::size_t i = 0; i < values.size(); ++i) target[i] += sign * values[i];
        if (all_zero(target)) into.erase(key);
    }
}

Error corrupt_json(std::int64_t application_id, const std::string& what) {
    return corrupt_row("applications", application_id, what);
}

/// Reads rows of (round, district, figures…) into `counters.districts`.
Status read_figures(Statement& query, Counters& counters) {
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return ok();
        DistrictFigures figures{};
        for (int i = 0; i < 6; ++i) figures[static_cast<std::size_t>(i)] = query.column_int64(2 + i);
        if (!all_zero(figures)) counters.districts[{query.column_int64(0), query.column_text(1)}] = figures;
    }
}

/// Reads rows of (round, district, code, count) into one figure of `counters.indicators`.
Status read_indicator_column(Statement& query, Counters& counters, std::size_t figure) {
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return ok();
        auto& figures = counters.indicators[{query.column_int64(0), query.column_text(1), query.column_text(2)}];
        figures[figure] += query.column_int64(3);
    }
}

}  // namespace

void Counters::add(const Counters& other, std::int64_t sign) {
    add_into(districts, other.districts, sign);
    add_into(indicators, other.indicators, sign);
}

Result<Counters> application_share(sql::Connection& connection, std::int64_t application_id,
                                   SharePart part) {
    Counters share;
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(kShareFigures));
        query.bind_int64(1, application_id);
        RETURN_IF_ERROR(read_figures(query, share));
    }
    if (share.districts.empty() || part == SharePart::kFigures) return share;
    // Named copies, not a structured binding: clang 14 (the fuzz build) cannot capture those.
    const auto round_id = share.districts.begin()->first.first;
    const auto district = share.districts.begin()->first.second;
    const auto indicator = [&](const std::string& code) -> IndicatorFigures& {
        return share.indicators[{round_id, district, code}];
    };
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(kShareAchieved));
        query.bind_int64(1, application_id);
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (row) {
            const auto achieved = nlohmann::json::parse(query.column_text(0), nullptr, false);
            if (!achieved.is_array()) return fail(corrupt_json(application_id, "achieved is not an array"));
            for (const auto& code : achieved) {
                if (!code.is_string()) return fail(corrupt_json(application_id, "achieved holds a non-string"));
                ++indicator(code.get<std::string>())[0];
            }
        }
    }
    // Verified: more than half of the application's evaluations verified the code (as the
    // decision counts it); every check of the code counts, as in the recount.
    std::map<std::string, std::int64_t> yes;
    std::int64_t evaluators = 0;
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(kShareChecks));
        query.bind_int64(1, application_id);
        while (true) {
            ASSIGN_OR_RETURN(const bool row, query.step());
            if (!row) break;
            ++evaluators;
            const auto checks = nlohmann::json::parse(query.column_text(0), nullptr, false);
            if (!checks.is_array()) return fail(corrupt_json(application_id, "checks is not an array"));
            for (const auto& check : checks) {
                const auto code = check.find("code");
                const auto verified = check.find("verified");
                if (!check.is_object() || code == check.end() || !code->is_string()) {
                    return fail(corrupt_json(application_id, "a check has no code"));
                }
                auto& count = yes[code->get<std::string>()];
                if (verified != check.end() && verified->is_boolean() && verified->get<bool>()) ++count;
            }
        }
    }
    for (const auto& [code, count] : yes) {
        if (2 * count > evaluators) ++indicator(code)[1];
    }
    for (auto it = share.indicators.begin(); it != share.indicators.end();) {
        it = all_zero(it->second) ? share.indicators.erase(it) : std::next(it);
    }
    return share;
}

Result<std::optional<SharePart>> share_columns_differ(sql::Connection& connection,
                                                      std::int64_t application_id,
                                                      const ShareColumns& columns) {
    ASSIGN_OR_RETURN(auto query, connection.prepare(kShareColumns));
    query.bind_int64(1, application_id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<SharePart>{SharePart::kAll};
    if (query.column_int64(0) != columns.round_id || query.column_text(1) != columns.district_code ||
        query.column_text(2) != columns.achieved) {
        return std::optional<SharePart>{SharePart::kAll};
    }
    if (query.column_bool(3) != columns.recommended || query.column_bool(4) != columns.certified) {
        return std::optional<SharePart>{SharePart::kFigures};
    }
    return std::optional<SharePart>{};
}

Status apply_difference(sql::Connection& connection, const Counters& before, const Counters& after) {
    Counters difference = after;
    difference.add(before, -1);
    if (!difference.districts.empty()) {
        ASSIGN_OR_RETURN(auto statement, connection.prepare(kAddFigures));
        for (const auto& [key, figures] : difference.districts) {
            statement.reset();
            statement.bind_int64(1, key.first).bind_text(2, key.second);
            for (int i = 0; i < 6; ++i) statement.bind_int64(3 + i, figures[static_cast<std::size_t>(i)]);
            RETURN_IF_ERROR(statement.run());
        }
    }
    if (!difference.indicators.empty()) {
        ASSIGN_OR_RETURN(auto statement, connection.prepare(kAddIndicator));
        for (const auto& [key, figures] : difference.indicators) {
            statement.reset();
            statement.bind_int64(1, std::get<0>(key)).bind_text(2, std::get<1>(key)).bind_text(3, std::get<2>(key));
            statement.bind_int64(4, figures[0]).bind_int64(5, figures[1]);
            RETURN_IF_ERROR(statement.run());
        }
    }
    return ok();
}

Result<Counters> stored_counters(sql::Connection& connection) {
    Counters out;
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(kStoredFigures));
        RETURN_IF_ERROR(read_figures(query, out));
    }
    ASSIGN_OR_RETURN(auto query, connection.prepare(kStoredIndicators));
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        const IndicatorFigures figures{query.column_int64(3), query.column_int64(4)};
        if (!all_zero(figures)) {
            out.indicators[{query.column_int64(0), query.column_text(1), query.column_text(2)}] = figures;
        }
    }
    return out;
}

Result<Counters> recount(sql::Connection& connection) {
    Counters out;
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(kRecountFigures));
        RETURN_IF_ERROR(read_figures(query, out));
    }
    const bool postgres = connection.dialect() == sql::Dialect::kPostgres;
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(postgres ? kRecountClaimedPostgres : kRecountClaimed));
        RETURN_IF_ERROR(read_indicator_column(query, out, 0));
    }
    {
        ASSIGN_OR_RETURN(auto query, connection.prepare(postgres ? kRecountVerifiedPostgres : kRecountVerified));
        RETURN_IF_ERROR(read_indicator_column(query, out, 1));
    }
    return out;
}

Status rebuild_counters(sql::Connection& connection) {
    ASSIGN_OR_RETURN(const auto counted, recount(connection));
    RETURN_IF_ERROR(connection.execute("DELETE FROM round_indicator_counts"));
    RETURN_IF_ERROR(connection.execute("DELETE FROM round_counts"));
    RETURN_IF_ERROR(apply_difference(connection, Counters{}, counted));
    ASSIGN_OR_RETURN(auto clear, connection.prepare("DELETE FROM settings WHERE key = ?1"));
    clear.bind_text(1, kRebuildMark);
    return clear.run();
}

Status rebuild_counters_if_requested(sql::Connection& connection) {
    ASSIGN_OR_RETURN(auto query, connection.prepare("SELECT count(*) FROM settings WHERE key = ?1"));
    query.bind_text(1, kRebuildMark);
    ASSIGN_OR_RETURN(const auto marked, read_count(query));
    if (marked == 0) return ok();
    return rebuild_counters(connection);
}

}  // namespace hx::storage::sqlite

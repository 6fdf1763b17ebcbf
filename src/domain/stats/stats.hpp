#pragma once
/// Coverage, the next round, plans and statistics (第二条, 第十条, 第十四条4): the rules as plain
/// functions (no database), and the repository the service reads the figures from.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/rounds/round.hpp"

namespace hx::stats {

/// Communities and those holding an active star (valid or under rectification) in one node.
struct CoverageRow {
    std::string code;
    std::string name;
    std::int64_t communities = 0;
    std::int64_t certified = 0;
};

/// certified / communities rounded to four decimals; 0 when there are no communities.
double ratio(std::int64_t part, std::int64_t whole);

struct Coverage {
    CoverageRow city;  // the caller's whole scope for a district caller: its district
    std::vector<CoverageRow> districts;
};

/// 全覆盖: every community in scope holds an active star (and there is at least one community).
bool full_coverage(const CoverageRow& row);

/// One past round, as the rounds table has it.
struct PastRound {
    int year = 0;
    rounds::RoundKind kind = rounds::RoundKind::kAnnual;
};

struct NextRound {
    rounds::RoundKind kind = rounds::RoundKind::kAnnual;
    int year = 0;
    bool full_coverage = false;
    std::optional<int> last_upgrade_year;
    std::string reason;  // in Chinese, citing 第十条
};

/// 第十条: yearly (annual) until every community holds a star; once covered, an upgrade round
/// every two years after the last upgrade (or after the last round when none was an upgrade).
/// The year is the current year unless a round of that kind already exists for it or the
/// two-year interval puts it later.
NextRound propose_next_round(const CoverageRow& city, const std::vector<PastRound>& rounds,
                             int current_year);

/// The funnel of a round or a year: self-assessed → applied → recommended → certified → sanctioned.
struct FunnelCounts {
    std::string district_code;
    std::string district_name;
    std::int64_t self_assessed = 0;  // applications created
    std::int64_t applied = 0;        // submitted at least once
    std::int64_t recommended = 0;    // given a recommendation rank by the district
    std::int64_t certified = 0;      // state certified
    std::int64_t sanctioned = 0;     // certified and sanctioned at least once (第二十条)
};

struct FunnelStage {
    const char* key;    // self_assessed, applied, …
    const char* label;  // 自评, 申报, 推荐, 认定, 受处理
    std::int64_t count = 0;
    double share = 0;       // of the self-assessed
    double conversion = 0;  // of the stage before
};

std::vector<FunnelStage> funnel_stages(const FunnelCounts& counts);
/// The sum of several districts' funnels.
FunnelCounts funnel_total(const std::vector<FunnelCounts>& rows);

/// Certifications grouped by year, district, street and star.
struct SummaryRow {
    int year = 0;
    std::string district_code;
    std::string district_name;
    std::string street_code;
    std::string street_name;
    int star = 0;
    std::int64_t active = 0;  // valid or under rectification
    std::int64_t revoked = 0;
    std::int64_t superseded = 0;
};

/// Per indicator code: applications claiming it, and applications where a majority of the
/// evaluators verified it.
struct IndicatorCount {
    std::string code;
    std::int64_t claimed = 0;
    std::int64_t verified = 0;
};

struct IndicatorCounts {
    std::int64_t applications = 0;  // the round's applications in scope
    std::int64_t evaluated = 0;     // of them, with at least one evaluation
    std::vector<IndicatorCount> indicators;
};

/// A district's plan for one year (第十四条4).
struct Plan {
    std::string district_code;
    int year = 0;
    std::int64_t planned = 0;
    std::string note;
    std::string updated_by;
    Timestamp updated_at;
};

/// Communities certified in one year in one district (distinct communities, certifications.year).
struct YearResult {
    std::string district_code;
    int year = 0;
    std::int64_t certified = 0;
};

/// The city's target (第二条: 1500 左右 by the end of the 十二五, 2015).
struct CityTarget {
    std::int64_t communities = 1500;
    int year = 2015;
};
inline constexpr const char* kTargetSetting = "plans.city_target";
inline constexpr const char* kTargetYearSetting = "plans.city_target_year";

/// One certification as the open data publish it (第十五条: certifications are public).
struct OpenCertification {
    std::string serial;
    std::string community_code;
    std::string community_name;
    std::string district_code;
    std::string district_name;
    std::string street_name;
    int star = 0;
    int year = 0;
    Timestamp issued_at;
    std::string status;  // valid | under_rectification | revoked | superseded
};

/// The filter of every statistic: a code range (the caller's scope or the district asked for).
struct Scope {
    std::string prefix;  // "11" for the city, "110101" for 东城区
};

class StatsRepository {
public:
    virtual ~StatsRepository() = default;
    /// The name of a region, or nothing.
    virtual Result<std::optional<std::string>> region_name(const std::string& code) = 0;
    /// The districts under the scope (code, name), in code order.
    virtual Result<std::vector<CoverageRow>> coverage(const Scope& scope) = 0;
    virtual Result<std::vector<PastRound>> past_rounds() = 0;
    virtual Result<std::vector<SummaryRow>> summary(const Scope& scope,
                                                    std::optional<int> year) = 0;
    /// By district; round_id 0 for every round, year 0 for every year.
    virtual Result<std::vector<FunnelCounts>> funnel(const Scope& scope, std::int64_t round_id,
                                                     int year) = 0;
    virtual Result<IndicatorCounts> indicators(const Scope& scope, std::int64_t round_id) = 0;
    virtual Result<std::vector<Plan>> plans(const Scope& scope, std::optional<int> year) = 0;
    virtual Status put_plan(const Plan& plan) = 0;
    virtual Result<std::vector<YearResult>> results(const Scope& scope,
                                                    std::optional<int> year) = 0;
    /// Distinct communities certified in or before `year`.
    virtual Result<std::int64_t> certified_by(const Scope& scope, int year) = 0;
    /// Every certification, by serial.
    virtual Result<std::vector<OpenCertification>> open_data() = 0;
    /// The funnel and indicator counters are kept by the writes that change them; these recount
    /// them from the raw rows: always, or only when a migration asked for it (0013).
    virtual Status rebuild_counters() = 0;
    virtual Status rebuild_counters_if_requested() = 0;
};

}  // namespace hx::stats

#pragma once
/// The statistics of the city's steering (第二条, 第十条, 第十四条4): coverage, the proposed next
/// round, the districts' plans against their results, certifications by year, district, street and
/// star, the funnel of a round, the achievement of each indicator and life element, open data.
/// Read by city roles (the whole city) and district roles (their own district only).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/user.hpp"
#include "domain/standards/standard.hpp"
#include "domain/stats/stats.hpp"
#include "domain/store.hpp"

namespace hx::stats {

struct SummaryTotals {
    int star = 0;
    std::int64_t active = 0;
    std::int64_t revoked = 0;
    std::int64_t superseded = 0;
};

struct SummaryReport {
    std::optional<int> year;
    std::string district_code;  // empty: the whole city
    std::vector<SummaryRow> rows;
    std::vector<SummaryTotals> by_star;  // ★ to ★★★★★
};

struct FunnelReport {
    std::optional<std::int64_t> round_id;
    std::optional<int> year;
    std::string district_code;
    std::vector<FunnelCounts> districts;
    FunnelCounts total;
    std::vector<FunnelStage> stages;  // of the total
};

struct IndicatorRate {
    std::string code;
    std::string title;
    standards::IndicatorKind kind = standards::IndicatorKind::kGeneral;
    std::vector<standards::LifeElement> life_elements;
    std::int64_t claimed = 0;
    std::int64_t verified = 0;
    double claimed_share = 0;
    std::optional<double> verified_share;  // absent until an application is evaluated
};

struct ElementRate {
    standards::LifeElement element = standards::LifeElement::kEat;
    std::int64_t indicators = 0;
    double claimed_share = 0;
    std::optional<double> verified_share;
};

struct IndicatorReport {
    std::int64_t round_id = 0;
    std::string round_name;
    std::string standard_id;
    std::string district_code;
    std::int64_t applications = 0;
    std::int64_t evaluated = 0;
    std::vector<IndicatorRate> indicators;  // the lowest claimed share first: what holds back
    std::vector<ElementRate> elements;      // 吃 住 行 游 购 娱 健
};

struct PlanRow {
    std::string district_code;
    std::string district_name;
    int year = 0;
    std::optional<std::int64_t> planned;
    std::int64_t certified = 0;
    std::optional<double> rate;  // certified / planned
    std::string note;
};

struct PlanReport {
    std::optional<int> year;
    CityTarget target;
    std::int64_t achieved = 0;  // distinct communities certified by the target year
    double target_rate = 0;
    std::vector<PlanRow> rows;
    std::int64_t planned = 0;
    std::int64_t certified = 0;
};

struct PlanRequest {
    std::string district_code;
    int year = 0;
    std::int64_t planned = 0;
    std::string note;
};

class StatsService {
public:
    StatsService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    Result<Coverage> coverage(const identity::Actor& actor, const std::string& district);
    Result<NextRound> next_round(const identity::Actor& actor);
    Result<SummaryReport> summary(const identity::Actor& actor, std::optional<int> year,
                                  const std::string& district);
    /// A round's funnel (round_id), a year's (year), or every application's.
    Result<FunnelReport> funnel(const identity::Actor& actor, std::optional<std::int64_t> round_id,
                                std::optional<int> year, const std::string& district);
    Result<IndicatorReport> indicators(const identity::Actor& actor, std::int64_t round_id,
                                       const std::string& district);
    Result<PlanReport> plans(const identity::Actor& actor, std::optional<int> year,
                             const std::string& district);
    /// 第十四条4 by the district's district_social (its own district) or city_social.
    Result<Plan> put_plan(const identity::Actor& actor, const PlanRequest& request);
    /// The city target (第二条), by city_social.
    Result<CityTarget> put_target(const identity::Actor& actor, const CityTarget& target);
    /// Public: every certification (第十五条).
    Result<std::vector<OpenCertification>> open_data();

private:
    Store& store_;
    const Clock& clock_;
};

}  // namespace hx::stats

#pragma once
#include "domain/stats/stats.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Aggregates for the statistics (coverage, summary, funnel, indicators, plans, open data) over
/// regions, rounds, applications, evaluations and certifications, and the plans of migration 0007.
/// Every scope is an index-friendly code range. The funnel and the indicator rates read the
/// counters of migration 0013 (stats_counters.hpp), which the writes keep current.
class SqliteStatsRepository final : public stats::StatsRepository {
public:
    explicit SqliteStatsRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::optional<std::string>> region_name(const std::string& code) override;
    Result<std::vector<stats::CoverageRow>> coverage(const stats::Scope& scope) override;
    Result<std::vector<stats::PastRound>> past_rounds() override;
    Result<std::vector<stats::SummaryRow>> summary(const stats::Scope& scope,
                                                   std::optional<int> year) override;
    Result<std::vector<stats::FunnelCounts>> funnel(const stats::Scope& scope,
                                                    std::int64_t round_id, int year) override;
    Result<stats::IndicatorCounts> indicators(const stats::Scope& scope,
                                              std::int64_t round_id) override;
    Result<std::vector<stats::Plan>> plans(const stats::Scope& scope,
                                           std::optional<int> year) override;
    Status put_plan(const stats::Plan& plan) override;
    Result<std::vector<stats::YearResult>> results(const stats::Scope& scope,
                                                   std::optional<int> year) override;
    Result<std::int64_t> certified_by(const stats::Scope& scope, int year) override;
    Result<std::vector<stats::OpenCertification>> open_data() override;
    Status rebuild_counters() override;
    Status rebuild_counters_if_requested() override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite

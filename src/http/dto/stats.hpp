#pragma once
/// Statistics ↔ JSON and ↔ export tables (Chinese headers), and the query parameters they share.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/stats/stats_service.hpp"
#include "domain/stats/table.hpp"
#include "http/request.hpp"

namespace hx::dto {

enum class ExportFormat { kJson, kXlsx, kCsv };

struct StatsQuery {
    std::optional<int> year;
    std::optional<std::int64_t> round_id;
    std::string district;
    ExportFormat format = ExportFormat::kJson;
    std::string table;  // the CSV's table key; empty: the first
};

/// year, round, district, format (json | xlsx | csv) and table; 400 naming each bad one.
Result<StatsQuery> stats_query(const http::Request& request);

nlohmann::json coverage_json(const stats::Coverage& coverage);
std::vector<stats::Table> coverage_tables(const stats::Coverage& coverage);
nlohmann::json next_round_json(const stats::NextRound& next);
std::vector<stats::Table> next_round_tables(const stats::NextRound& next);
nlohmann::json summary_json(const stats::SummaryReport& report);
std::vector<stats::Table> summary_tables(const stats::SummaryReport& report);
nlohmann::json funnel_json(const stats::FunnelReport& report);
std::vector<stats::Table> funnel_tables(const stats::FunnelReport& report);
nlohmann::json indicators_json(const stats::IndicatorReport& report);
std::vector<stats::Table> indicators_tables(const stats::IndicatorReport& report);
nlohmann::json plans_json(const stats::PlanReport& report);
std::vector<stats::Table> plans_tables(const stats::PlanReport& report);
nlohmann::json plan_json(const stats::Plan& plan);
nlohmann::json target_json(const stats::CityTarget& target);
nlohmann::json open_data_json(const std::vector<stats::OpenCertification>& items);
stats::Table open_data_table(const std::vector<stats::OpenCertification>& items);

}  // namespace hx::dto

#include "http/dto/stats.hpp"

#include <stdexcept>

namespace hx::dto {

using nlohmann::json;
using stats::Cell;
using stats::Ratio;
using stats::Table;

namespace {

json optional_number(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

template <typename T>
json optional_int(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

Cell optional_ratio(const std::optional<double>& value) {
    if (!value) return std::string();
    return Ratio{*value};
}

std::string life_elements_text(const std::vector<standards::LifeElement>& elements) {
    std::string out;
    for (const auto element : elements) out += standards::to_string(element);
    return out;
}

std::string star_text(int star) {
    return std::to_string(star) + "星级";
}

json coverage_row_json(const stats::CoverageRow& row) {
    return {{"code", row.code},
            {"name", row.name},
            {"communities", row.communities},
            {"certified", row.certified},
            {"coverage", stats::ratio(row.certified, row.communities)}};
}

std::vector<Cell> coverage_row_cells(const stats::CoverageRow& row) {
    return {row.code, row.name, row.communities, row.certified,
            Ratio{stats::ratio(row.certified, row.communities)}};
}

json funnel_counts_json(const stats::FunnelCounts& row) {
    return {{"code", row.district_code},          {"name", row.district_name},
            {"self_assessed", row.self_assessed}, {"applied", row.applied},
            {"recommended", row.recommended},     {"certified", row.certified},
            {"sanctioned", row.sanctioned}};
}

std::vector<Cell> funnel_cells(const std::string& code, const std::string& name,
                               const stats::FunnelCounts& row) {
    return {code,          name,          row.self_assessed, row.applied, row.recommended,
            row.certified, row.sanctioned};
}

}  // namespace

Result<StatsQuery> stats_query(const http::Request& request) {
    StatsQuery query;
    std::vector<FieldError> problems;
    auto number = [&](const char* name) -> std::optional<std::int64_t> {
        const auto text = request.query_value(name);
        if (!text || text->empty()) return std::nullopt;
        try {
            std::size_t used = 0;
            const auto value = std::stoll(*text, &used);
            if (used != text->size()) throw std::invalid_argument(name);
            return value;
        } catch (const std::exception&) {
            problems.push_back({name, "应为整数"});
            return std::nullopt;
        }
    };
    if (const auto year = number("year")) {
        if (*year < 2000 || *year > 2100) {
            problems.push_back({"year", "年度应在 2000 到 2100 之间"});
        } else {
            query.year = static_cast<int>(*year);
        }
    }
    if (const auto round = number("round")) {
        if (*round < 1) {
            problems.push_back({"round", "应为正整数"});
        } else {
            query.round_id = *round;
        }
    }
    query.district = request.query_value("district").value_or("");
    const auto format = request.query_value("format").value_or("json");
    if (format == "xlsx") {
        query.format = ExportFormat::kXlsx;
    } else if (format == "csv") {
        query.format = ExportFormat::kCsv;
    } else if (format != "json" && !format.empty()) {
        problems.push_back({"format", "应为 json、xlsx 或 csv"});
    }
    query.table = request.query_value("table").value_or("");
    if (!problems.empty())
        return fail(Error::invalid("invalid_request", "查询条件有误", std::move(problems)));
    return query;
}

json coverage_json(const stats::Coverage& coverage) {
    auto districts = json::array();
    for (const auto& row : coverage.districts) districts.push_back(coverage_row_json(row));
    return {{"city", coverage_row_json(coverage.city)}, {"districts", std::move(districts)}};
}

std::vector<Table> coverage_tables(const stats::Coverage& coverage) {
    Table table{"districts",
                "覆盖率",
                {"区划代码", "名称", "社区数", "持有有效星级的社区数", "覆盖率"},
                {}};
    for (const auto& row : coverage.districts) table.rows.push_back(coverage_row_cells(row));
    auto total = coverage_row_cells(coverage.city);
    total[1] = coverage.city.name + "（合计）";
    table.rows.push_back(std::move(total));
    return {std::move(table)};
}

json next_round_json(const stats::NextRound& next) {
    return {{"kind", rounds::to_string(next.kind)},
            {"kind_label", rounds::round_kind_label(next.kind)},
            {"year", next.year},
            {"full_coverage", next.full_coverage},
            {"last_upgrade_year", optional_int(next.last_upgrade_year)},
            {"reason", next.reason}};
}

std::vector<Table> next_round_tables(const stats::NextRound& next) {
    Table table{"next_round",
                "下一批次建议",
                {"建议类型", "年度", "是否全覆盖", "上次升级认定年度", "理由"},
                {}};
    table.rows.push_back(
        {std::string(rounds::round_kind_label(next.kind)), std::int64_t{next.year},
         std::string(next.full_coverage ? "是" : "否"),
         next.last_upgrade_year ? Cell{std::int64_t{*next.last_upgrade_year}} : Cell{std::string()},
         next.reason});
    return {std::move(table)};
}

json summary_json(const stats::SummaryReport& report) {
    auto rows = json::array();
    std::int64_t active = 0;
    std::int64_t revoked = 0;
    std::int64_t superseded = 0;
    for (const auto& r : report.rows) {
        rows.push_back({{"year", r.year},
                        {"district_code", r.district_code},
                        {"district", r.district_name},
                        {"street_code", r.street_code},
                        {"street", r.street_name},
                        {"star", r.star},
                        {"active", r.active},
                        {"revoked", r.revoked},
                        {"superseded", r.superseded},
                        {"total", r.active + r.revoked + r.superseded}});
        active += r.active;
        revoked += r.revoked;
        superseded += r.superseded;
    }
    auto by_star = json::array();
    for (const auto& s : report.by_star) {
        by_star.push_back({{"star", s.star},
                           {"active", s.active},
                           {"revoked", s.revoked},
                           {"superseded", s.superseded},
                           {"total", s.active + s.revoked + s.superseded}});
    }
    return {{"year", optional_int(report.year)},
            {"district_code",
             report.district_code.empty() ? json(nullptr) : json(report.district_code)},
            {"rows", std::move(rows)},
            {"by_star", std::move(by_star)},
            {"totals",
             {{"active", active},
              {"revoked", revoked},
              {"superseded", superseded},
              {"total", active + revoked + superseded}}}};
}

std::vector<Table> summary_tables(const stats::SummaryReport& report) {
    Table rows{"rows",
               "认定统计",
               {"年度", "区代码", "区", "街道代码", "街道", "星级", "有效（含整改中）", "已撤销",
                "已被更高星级取代", "合计"},
               {}};
    for (const auto& r : report.rows) {
        rows.rows.push_back({std::int64_t{r.year}, r.district_code, r.district_name, r.street_code,
                             r.street_name, star_text(r.star), r.active, r.revoked, r.superseded,
                             r.active + r.revoked + r.superseded});
    }
    Table stars{
        "stars", "按星级", {"星级", "有效（含整改中）", "已撤销", "已被更高星级取代", "合计"}, {}};
    for (const auto& s : report.by_star) {
        stars.rows.push_back({star_text(s.star), s.active, s.revoked, s.superseded,
                              s.active + s.revoked + s.superseded});
    }
    return {std::move(rows), std::move(stars)};
}

json funnel_json(const stats::FunnelReport& report) {
    auto stages = json::array();
    for (const auto& s : report.stages) {
        stages.push_back({{"key", s.key},
                          {"label", s.label},
                          {"count", s.count},
                          {"share", s.share},
                          {"conversion", s.conversion}});
    }
    auto districts = json::array();
    for (const auto& d : report.districts) districts.push_back(funnel_counts_json(d));
    auto total = funnel_counts_json(report.total);
    total.erase("code");
    total.erase("name");
    return {{"round_id", optional_int(report.round_id)},
            {"year", optional_int(report.year)},
            {"district_code",
             report.district_code.empty() ? json(nullptr) : json(report.district_code)},
            {"stages", std::move(stages)},
            {"districts", std::move(districts)},
            {"total", std::move(total)}};
}

std::vector<Table> funnel_tables(const stats::FunnelReport& report) {
    Table stages{"stages", "漏斗", {"阶段", "数量", "占自评比例", "较上一阶段"}, {}};
    for (const auto& s : report.stages) {
        stages.rows.push_back({std::string(s.label), s.count, Ratio{s.share}, Ratio{s.conversion}});
    }
    Table districts{
        "districts", "各区漏斗", {"区代码", "区", "自评", "申报", "推荐", "认定", "受处理"}, {}};
    for (const auto& d : report.districts)
        districts.rows.push_back(funnel_cells(d.district_code, d.district_name, d));
    districts.rows.push_back(funnel_cells("", "合计", report.total));
    return {std::move(stages), std::move(districts)};
}

json indicators_json(const stats::IndicatorReport& report) {
    auto indicators = json::array();
    for (const auto& i : report.indicators) {
        auto elements = json::array();
        for (const auto e : i.life_elements) elements.push_back(standards::to_string(e));
        indicators.push_back({{"code", i.code},
                              {"title", i.title},
                              {"kind", standards::to_string(i.kind)},
                              {"life_elements", std::move(elements)},
                              {"claimed", i.claimed},
                              {"verified", i.verified},
                              {"claimed_share", i.claimed_share},
                              {"verified_share", optional_number(i.verified_share)}});
    }
    auto elements = json::array();
    for (const auto& e : report.elements) {
        elements.push_back({{"element", standards::to_string(e.element)},
                            {"indicators", e.indicators},
                            {"claimed_share", e.claimed_share},
                            {"verified_share", optional_number(e.verified_share)}});
    }
    return {{"round_id", report.round_id},
            {"round_name", report.round_name},
            {"standard_id", report.standard_id},
            {"district_code",
             report.district_code.empty() ? json(nullptr) : json(report.district_code)},
            {"applications", report.applications},
            {"evaluated", report.evaluated},
            {"indicators", std::move(indicators)},
            {"elements", std::move(elements)}};
}

std::vector<Table> indicators_tables(const stats::IndicatorReport& report) {
    Table indicators{"indicators",
                     "指标达成",
                     {"指标代码", "指标", "类型", "生活要素", "自评达成数", "自评达成率",
                      "核实达成数", "核实达成率"},
                     {}};
    for (const auto& i : report.indicators) {
        indicators.rows.push_back(
            {i.code, i.title, std::string(standards::indicator_kind_label(i.kind)),
             life_elements_text(i.life_elements), i.claimed, Ratio{i.claimed_share}, i.verified,
             optional_ratio(i.verified_share)});
    }
    Table elements{"elements", "生活要素", {"生活要素", "指标数", "自评达成率", "核实达成率"}, {}};
    for (const auto& e : report.elements) {
        elements.rows.push_back({std::string(standards::to_string(e.element)), e.indicators,
                                 Ratio{e.claimed_share}, optional_ratio(e.verified_share)});
    }
    return {std::move(indicators), std::move(elements)};
}

json plans_json(const stats::PlanReport& report) {
    auto rows = json::array();
    for (const auto& r : report.rows) {
        rows.push_back({{"year", r.year},
                        {"district_code", r.district_code},
                        {"district", r.district_name},
                        {"planned", optional_int(r.planned)},
                        {"certified", r.certified},
                        {"rate", optional_number(r.rate)},
                        {"note", r.note}});
    }
    return {{"year", optional_int(report.year)},
            {"target",
             {{"communities", report.target.communities},
              {"year", report.target.year},
              {"achieved", report.achieved},
              {"rate", report.target_rate}}},
            {"rows", std::move(rows)},
            {"totals",
             {{"planned", report.planned},
              {"certified", report.certified},
              {"rate", report.planned > 0 ? json(stats::ratio(report.certified, report.planned))
                                          : json(nullptr)}}}};
}

std::vector<Table> plans_tables(const stats::PlanReport& report) {
    Table rows{"plans",
               "计划与完成",
               {"年度", "区代码", "区", "计划新增", "实际认定", "完成率", "说明"},
               {}};
    for (const auto& r : report.rows) {
        rows.rows.push_back({std::int64_t{r.year}, r.district_code, r.district_name,
                             r.planned ? Cell{*r.planned} : Cell{std::string()}, r.certified,
                             optional_ratio(r.rate), r.note});
    }
    rows.rows.push_back(
        {std::string("合计"), std::string(), std::string(), report.planned, report.certified,
         report.planned > 0 ? Cell{Ratio{stats::ratio(report.certified, report.planned)}}
                            : Cell{std::string()},
         "全市目标：" + std::to_string(report.target.year) + " 年底前 " +
             std::to_string(report.target.communities) + " 个，已认定 " +
             std::to_string(report.achieved) + " 个"});
    return {std::move(rows)};
}

json plan_json(const stats::Plan& plan) {
    return {{"district_code", plan.district_code},
            {"year", plan.year},
            {"planned", plan.planned},
            {"note", plan.note},
            {"updated_by", plan.updated_by},
            {"updated_at", format_rfc3339(plan.updated_at)}};
}

json target_json(const stats::CityTarget& target) {
    return {{"communities", target.communities}, {"year", target.year}};
}

json open_data_json(const std::vector<stats::OpenCertification>& items) {
    auto out = json::array();
    for (const auto& c : items) {
        out.push_back({{"serial", c.serial},
                       {"community_code", c.community_code},
                       {"community_name", c.community_name},
                       {"district_code", c.district_code},
                       {"district", c.district_name},
                       {"street", c.street_name},
                       {"star", c.star},
                       {"year", c.year},
                       {"issued_on", format_rfc3339(c.issued_at).substr(0, 10)},
                       {"status", c.status}});
    }
    return {{"schema_version", 1}, {"count", items.size()}, {"items", std::move(out)}};
}

Table open_data_table(const std::vector<stats::OpenCertification>& items) {
    Table table{"certifications",
                "认定名录",
                {"证书编号", "社区代码", "社区名称", "区代码", "区", "街道", "星级", "年度",
                 "颁发日期", "状态"},
                {}};
    for (const auto& c : items) {
        table.rows.push_back({c.serial, c.community_code, c.community_name, c.district_code,
                              c.district_name, c.street_name, std::int64_t{c.star},
                              std::int64_t{c.year}, format_rfc3339(c.issued_at).substr(0, 10),
                              c.status});
    }
    return table;
}

}  // namespace hx::dto

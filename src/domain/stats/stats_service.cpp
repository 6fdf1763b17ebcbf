#include "domain/stats/stats_service.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_repository.hpp"
#include "domain/identity/role.hpp"
#include "domain/regions/region.hpp"
#include "domain/standards/standard_repository.hpp"

namespace hx::stats {

namespace {

using identity::Role;

bool is_district_code(const std::string& code) {
    return code.size() == 6 && regions::is_division_code(code) && code.substr(2) != "0000";
}

Status check_district_param(const std::string& district) {
    if (district.empty() || is_district_code(district)) return ok();
    return fail(Error::invalid("invalid_request", "区代码应为 6 位行政区划代码，如 110101",
                               {{"district", "不是区代码"}}));
}

bool may_read(Role role) {
    return identity::is_city_role(role) || identity::is_district_role(role);
}

/// The statistics' scope: the caller's district for district roles (another district is not
/// found, as everywhere else), the whole city or the district asked for by city roles.
Result<Scope> read_scope(const identity::Actor& actor, const std::string& district) {
    RETURN_IF_ERROR(check_district_param(district));
    if (!may_read(actor.role)) {
        return fail(
            Error::forbidden("只有市、区（县）的社会办、信息化主管部门和民政局可以查看统计"));
    }
    if (identity::is_district_role(actor.role)) {
        if (!district.empty() && district != actor.org_code) {
            return fail(Error::not_found("区 '" + district + "' 不在本辖区内"));
        }
        return Scope{actor.scope()};
    }
    if (district.empty()) return Scope{actor.scope()};
    return Scope{district};
}

Status check_region(Repositories& repos, const std::string& district) {
    if (district.empty()) return ok();
    ASSIGN_OR_RETURN(auto name, repos.stats().region_name(district));
    if (!name) return fail(Error::not_found("区 '" + district + "' 不存在"));
    return ok();
}

int current_year(const Clock& clock) {
    const auto text = format_rfc3339(clock.now());
    int year = 0;
    std::from_chars(text.data(), text.data() + 4, year);
    return year;
}

Status check_year(std::optional<int> year) {
    if (!year || (*year >= 2000 && *year <= 2100)) return ok();
    return fail(Error::invalid("invalid_request", "年度应在 2000 到 2100 之间",
                               {{"year", "年度超出范围"}}));
}

Result<std::int64_t> read_setting(Repositories& repos, const char* key, std::int64_t fallback) {
    ASSIGN_OR_RETURN(auto value, repos.settings().get(key));
    if (!value) return fallback;
    std::int64_t out = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), out);
    if (error != std::errc() || end != value->data() + value->size()) {
        return fail(Error::internal(std::string("setting ") + key + " is not a number: " + *value));
    }
    return out;
}

Result<CityTarget> load_target(Repositories& repos) {
    CityTarget target;
    ASSIGN_OR_RETURN(target.communities, read_setting(repos, kTargetSetting, target.communities));
    ASSIGN_OR_RETURN(auto year, read_setting(repos, kTargetYearSetting, target.year));
    target.year = static_cast<int>(year);
    return target;
}

}  // namespace

Result<Coverage> StatsService::coverage(const identity::Actor& actor, const std::string& district) {
    ASSIGN_OR_RETURN(auto scope, read_scope(actor, district));
    Coverage out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check_region(repos, district));
        ASSIGN_OR_RETURN(out.districts, repos.stats().coverage(scope));
        const std::string node = scope.prefix.size() == 6 ? scope.prefix : "110000";
        ASSIGN_OR_RETURN(auto name, repos.stats().region_name(node));
        out.city.code = node;
        out.city.name = name.value_or("");
        return ok();
    }));
    for (const auto& row : out.districts) {
        out.city.communities += row.communities;
        out.city.certified += row.certified;
    }
    return out;
}

Result<NextRound> StatsService::next_round(const identity::Actor& actor) {
    if (!may_read(actor.role)) {
        return fail(Error::forbidden(
            "只有市、区（县）的社会办、信息化主管部门和民政局可以查看下一批次建议"));
    }
    // 第十条 speaks of the whole city: the proposal is the city's, whoever asks.
    CoverageRow city;
    std::vector<PastRound> rounds;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto rows, repos.stats().coverage(Scope{"11"}));
        for (const auto& row : rows) {
            city.communities += row.communities;
            city.certified += row.certified;
        }
        ASSIGN_OR_RETURN(rounds, repos.stats().past_rounds());
        return ok();
    }));
    return propose_next_round(city, rounds, current_year(clock_));
}

Result<SummaryReport> StatsService::summary(const identity::Actor& actor, std::optional<int> year,
                                            const std::string& district) {
    RETURN_IF_ERROR(check_year(year));
    ASSIGN_OR_RETURN(auto scope, read_scope(actor, district));
    SummaryReport out;
    out.year = year;
    out.district_code = scope.prefix.size() == 6 ? scope.prefix : "";
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check_region(repos, district));
        ASSIGN_OR_RETURN(out.rows, repos.stats().summary(scope, year));
        return ok();
    }));
    for (int star = 1; star <= standards::kMaxStar; ++star) out.by_star.push_back({star});
    for (const auto& row : out.rows) {
        if (row.star < 1 || row.star > standards::kMaxStar) continue;
        auto& total = out.by_star[static_cast<std::size_t>(row.star - 1)];
        total.active += row.active;
        total.revoked += row.revoked;
        total.superseded += row.superseded;
    }
    return out;
}

Result<FunnelReport> StatsService::funnel(const identity::Actor& actor,
                                          std::optional<std::int64_t> round_id,
                                          std::optional<int> year, const std::string& district) {
    RETURN_IF_ERROR(check_year(year));
    if (round_id && year) {
        return fail(Error::invalid("invalid_request", "批次和年度只能选一个",
                                   {{"year", "已指定批次时不填年度"}}));
    }
    ASSIGN_OR_RETURN(auto scope, read_scope(actor, district));
    FunnelReport out;
    out.round_id = round_id;
    out.year = year;
    out.district_code = scope.prefix.size() == 6 ? scope.prefix : "";
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check_region(repos, district));
        if (round_id) {
            ASSIGN_OR_RETURN(auto round, repos.rounds().find(*round_id));
            if (!round)
                return fail(Error::not_found("批次 " + std::to_string(*round_id) + " 不存在"));
        }
        ASSIGN_OR_RETURN(out.districts,
                         repos.stats().funnel(scope, round_id.value_or(0), year.value_or(0)));
        return ok();
    }));
    out.total = funnel_total(out.districts);
    out.stages = funnel_stages(out.total);
    return out;
}

Result<IndicatorReport> StatsService::indicators(const identity::Actor& actor,
                                                 std::int64_t round_id,
                                                 const std::string& district) {
    ASSIGN_OR_RETURN(auto scope, read_scope(actor, district));
    IndicatorReport out;
    out.round_id = round_id;
    out.district_code = scope.prefix.size() == 6 ? scope.prefix : "";
    standards::Standard standard;
    IndicatorCounts counts;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check_region(repos, district));
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
        if (!round) return fail(Error::not_found("批次 " + std::to_string(round_id) + " 不存在"));
        out.round_name = round->name;
        out.standard_id = round->standard_id;
        ASSIGN_OR_RETURN(auto stored,
                         repos.standards().find(round->standard_id, round->standard_revision));
        if (!stored)
            return fail(
                Error::internal("round " + std::to_string(round_id) + " names a missing standard"));
        standard = std::move(stored->standard);
        ASSIGN_OR_RETURN(counts, repos.stats().indicators(scope, round_id));
        return ok();
    }));
    out.applications = counts.applications;
    out.evaluated = counts.evaluated;
    std::map<std::string, const IndicatorCount*> by_code;
    for (const auto& count : counts.indicators) by_code[count.code] = &count;
    // Claims of codes the standard does not know (none, as the assessment checks them) are left
    // out.
    std::map<standards::LifeElement, ElementRate>
        elements;  // only the elements some indicator carries
    std::map<standards::LifeElement, std::pair<std::int64_t, std::int64_t>> element_sums;
    for (const auto* indicator : standard.indicators()) {
        IndicatorRate rate;
        rate.code = indicator->code;
        rate.title = indicator->title;
        rate.kind = indicator->kind;
        rate.life_elements = indicator->life_elements;
        if (const auto it = by_code.find(indicator->code); it != by_code.end()) {
            rate.claimed = it->second->claimed;
            rate.verified = it->second->verified;
        }
        rate.claimed_share = ratio(rate.claimed, counts.applications);
        if (counts.evaluated > 0) rate.verified_share = ratio(rate.verified, counts.evaluated);
        for (const auto element : indicator->life_elements) {
            auto& e = elements[element];
            e.element = element;
            ++e.indicators;
            element_sums[element].first += rate.claimed;
            element_sums[element].second += rate.verified;
        }
        out.indicators.push_back(std::move(rate));
    }
    // A life element's rate: its indicators' claims over (applications × its indicators).
    for (const auto element : standards::kAllLifeElements) {
        ElementRate e;
        e.element = element;
        if (const auto it = elements.find(element); it != elements.end()) e = it->second;
        const auto& sums = element_sums[element];
        e.claimed_share = ratio(sums.first, counts.applications * e.indicators);
        if (counts.evaluated > 0)
            e.verified_share = ratio(sums.second, counts.evaluated * e.indicators);
        out.elements.push_back(e);
    }
    std::stable_sort(out.indicators.begin(), out.indicators.end(),
                     [](const IndicatorRate& a, const IndicatorRate& b) {
                         return a.claimed_share < b.claimed_share;
                     });
    return out;
}

Result<PlanReport> StatsService::plans(const identity::Actor& actor, std::optional<int> year,
                                       const std::string& district) {
    RETURN_IF_ERROR(check_year(year));
    ASSIGN_OR_RETURN(auto scope, read_scope(actor, district));
    PlanReport out;
    out.year = year;
    std::vector<Plan> plans;
    std::vector<YearResult> results;
    std::vector<CoverageRow> districts;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check_region(repos, district));
        ASSIGN_OR_RETURN(out.target, load_target(repos));
        ASSIGN_OR_RETURN(plans, repos.stats().plans(scope, year));
        ASSIGN_OR_RETURN(results, repos.stats().results(scope, year));
        ASSIGN_OR_RETURN(districts, repos.stats().coverage(scope));
        ASSIGN_OR_RETURN(out.achieved, repos.stats().certified_by(Scope{"11"}, out.target.year));
        return ok();
    }));
    out.target_rate = ratio(out.achieved, out.target.communities);
    std::map<std::string, std::string> names;
    for (const auto& d : districts) names[d.code] = d.name;
    std::map<std::pair<int, std::string>, PlanRow> rows;
    auto row_of = [&](int y, const std::string& code) -> PlanRow& {
        auto& row = rows[{y, code}];
        row.year = y;
        row.district_code = code;
        row.district_name = names.count(code) ? names[code] : "";
        return row;
    };
    for (const auto& plan : plans) {
        auto& row = row_of(plan.year, plan.district_code);
        row.planned = plan.planned;
        row.note = plan.note;
    }
    for (const auto& result : results)
        row_of(result.year, result.district_code).certified = result.certified;
    for (auto& [key, row] : rows) {
        if (row.planned) {
            out.planned += *row.planned;
            if (*row.planned > 0) row.rate = ratio(row.certified, *row.planned);
        }
        out.certified += row.certified;
        out.rows.push_back(row);
    }
    return out;
}

Result<Plan> StatsService::put_plan(const identity::Actor& actor, const PlanRequest& request) {
    std::vector<FieldError> problems;
    if (!is_district_code(request.district_code))
        problems.push_back({"district_code", "不是区代码"});
    if (request.year < 2000 || request.year > 2100)
        problems.push_back({"year", "年度应在 2000 到 2100 之间"});
    if (request.planned < 0 || request.planned > 100000)
        problems.push_back({"planned", "应为 0 到 100000 的整数"});
    if (request.note.size() > 2000) problems.push_back({"note", "说明过长（至多 2000 字节）"});
    if (!problems.empty())
        return fail(Error::invalid("invalid_request", "计划内容有误", std::move(problems)));
    const bool own_district = actor.role == Role::kDistrictSocial;
    if (actor.role != Role::kCitySocial && !own_district) {
        return fail(
            Error::forbidden("只有区（县）社会办（本区）或市社会办可以填报年度计划（第十四条4）"));
    }
    if (own_district && request.district_code != actor.org_code) {
        return fail(Error::not_found("区 '" + request.district_code + "' 不在本辖区内"));
    }
    Plan plan{request.district_code, request.year,   request.planned,
              request.note,          actor.username, clock_.now()};
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check_region(repos, request.district_code));
        RETURN_IF_ERROR(repos.stats().put_plan(plan));
        return audit::record(
            repos, clock_, actor,
            {"plan.put", "plan:" + request.district_code + "/" + std::to_string(request.year),
             audit::Outcome::kSuccess, "planned " + std::to_string(request.planned)});
    }));
    return plan;
}

Result<CityTarget> StatsService::put_target(const identity::Actor& actor,
                                            const CityTarget& target) {
    std::vector<FieldError> problems;
    if (target.communities < 1 || target.communities > 1000000)
        problems.push_back({"communities", "应为 1 到 1000000"});
    if (target.year < 2000 || target.year > 2100)
        problems.push_back({"year", "年度应在 2000 到 2100 之间"});
    if (!problems.empty())
        return fail(Error::invalid("invalid_request", "目标内容有误", std::move(problems)));
    if (actor.role != Role::kCitySocial)
        return fail(Error::forbidden("只有市社会办可以设定全市目标（第二条）"));
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.settings().put(kTargetSetting, std::to_string(target.communities)));
        RETURN_IF_ERROR(repos.settings().put(kTargetYearSetting, std::to_string(target.year)));
        return audit::record(
            repos, clock_, actor,
            {"plan.target", "settings:" + std::string(kTargetSetting), audit::Outcome::kSuccess,
             std::to_string(target.communities) + " by " + std::to_string(target.year)});
    }));
    return target;
}

Result<std::vector<OpenCertification>> StatsService::open_data() {
    std::vector<OpenCertification> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.stats().open_data());
        return ok();
    }));
    return out;
}

}  // namespace hx::stats

#include "domain/standards/simulation.hpp"

#include <algorithm>

#include "domain/applications/application.hpp"
#include "domain/rounds/round.hpp"
#include "domain/standards/validation.hpp"

namespace hx::standards {

Result<Simulation> simulate(Store& store, StandardService& standards, const identity::Actor& actor,
                            const std::string& standard_id, const Standard& draft) {
    if (!identity::is_city_role(actor.role)) {
        return fail(Error::forbidden("只有市级部门可以模拟标准修改的影响"));
    }
    ASSIGN_OR_RETURN(auto after_engine, RatingEngine::create(draft));
    Simulation out;
    std::optional<rounds::Round> latest;
    std::vector<applications::Application> assessed;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto header, repos.standards().header(standard_id, std::nullopt));
        if (!header) return fail(Error::not_found("标准 '" + standard_id + "' 不存在"));
        ASSIGN_OR_RETURN(auto all, repos.rounds().list());
        for (const auto& round : all) {  // newest first
            if (round.standard_id == standard_id) {
                latest = round;
                break;
            }
        }
        if (!latest) return ok();
        ASSIGN_OR_RETURN(assessed, repos.applications().list({latest->id, std::nullopt, "11", ""}));
        return ok();
    }));
    if (!latest) return out;
    out.round_id = latest->id;
    out.round_name = latest->name;
    ASSIGN_OR_RETURN(auto before_engine, standards.engine(latest->standard_id, latest->standard_revision));
    const int round_cap = latest->kind == rounds::RoundKind::kPilot ? 3 : kMaxStar;
    std::map<std::string, DistrictSummary> districts;
    for (const auto& a : assessed) {
        if (a.assessment.achieved.empty() || a.state == applications::State::kWithdrawn) continue;
        const Claims claims{a.current_star, a.assessment.mechanism, a.assessment.effective};
        IndicatorSet before_set, after_set;
        int dropped = 0;
        for (const auto& code : a.assessment.achieved) {
            if (auto i = before_engine->index_of(code)) before_set.insert(*i);
            if (auto i = after_engine.index_of(code)) after_set.insert(*i);
            else ++dropped;
        }
        const int before = std::min(before_engine->eligible_star(before_set, claims), round_cap);
        const int after = std::min(after_engine.eligible_star(after_set, claims), round_cap);
        ++out.communities;
        ++out.by_star[before][after];
        auto& d = districts[a.district_code];
        d.district_code = a.district_code;
        ++d.communities;
        if (after > before) ++d.up;
        else if (after < before) ++d.down;
        else ++d.same;
        if (after != before) {
            ++out.changed;
            out.changes.push_back({a.community_code, a.community_name, a.district_code, before, after, dropped});
        }
    }
    for (auto& [code, summary] : districts) out.districts.push_back(summary);
    return out;
}

}  // namespace hx::standards

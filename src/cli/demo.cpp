#include "cli/demo.hpp"

#include <map>

#include "cli/demo_history.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/identity/password.hpp"
#include "domain/regions/region_repository.hpp"

namespace hx::cli {

namespace {
struct DemoUser {
    const char* username;
    const char* name;
    const char* role;
    const char* org_code;
};

// 东城区 / 东华门街道 / 多福巷社区 carry the demo application's whole path; 海淀区 gives a
// second district for the scope rules and the evaluator's home unit (never their own district).
constexpr DemoUser kDemoUsers[] = {
    {"security", "安全管理员（演示）", "security_admin", "110000"},
    {"auditor", "安全审计员（演示）", "audit_admin", "110000"},
    {"city_social", "市社会办（演示）", "city_social", "110000"},
    {"city_econ_it", "市经济信息化委（演示）", "city_econ_it", "110000"},
    {"city_civil", "市民政局（演示）", "city_civil", "110000"},
    {"dc_social", "东城区社会办（演示）", "district_social", "110101"},
    {"dc_it", "东城区信息化主管部门（演示）", "district_it", "110101"},
    {"dc_civil", "东城区民政局（演示）", "district_civil", "110101"},
    {"dc_street", "东华门街道办事处（演示）", "street", "110101001"},
    {"dc_community", "多福巷社区工作人员（演示）", "community", "110101001001"},
    {"hd_social", "海淀区社会办（演示）", "district_social", "110108"},
    {"hd_community", "海淀区社区工作人员（演示）", "community", ""},
    {"expert_hd", "评估专家（海淀区，演示）", "evaluator", "110108"},
    {"expert_city", "评估专家（市级，演示）", "evaluator", "110000"},
};
}  // namespace

Result<std::vector<DemoLogin>> create_demo_users(App& app) {
    std::vector<DemoLogin> logins;
    // The first community of 海淀区 in the tree, so the demo does not hard-code one.
    std::string haidian_community;
    RETURN_IF_ERROR(app.store().read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto streets, repos.regions().children("110108", "11", "", {1, 1}));
        if (streets.items.empty()) return ok();
        ASSIGN_OR_RETURN(auto communities,
                         repos.regions().children(streets.items.front().code, "11", "", {1, 1}));
        if (!communities.items.empty()) haidian_community = communities.items.front().code;
        return ok();
    }));
    for (const auto& demo : kDemoUsers) {
        identity::NewUser user{demo.username, identity::generate_password(), demo.name, demo.role,
                               demo.org_code, ""};
        if (user.org_code.empty()) user.org_code = haidian_community;
        ASSIGN_OR_RETURN(auto created, app.identity().create_user_locally(user, true));
        logins.push_back({demo.username, user.password, identity::role_label(created.user.role),
                          created.user.org_name});
    }
    return logins;
}

Status mark_demo_pilots(App& app, const std::vector<regions::Region>& nodes) {
    const auto chosen = demo_pilot_codes(nodes);
    if (chosen.empty()) return ok();
    return app.store().write([&](Repositories& repos) -> Status {
        for (const auto& code : chosen) RETURN_IF_ERROR(repos.regions().set_pilot(code, true));
        return audit::record(repos, app.clock(), identity::cli_operator(),
                             {"community.pilot", "regions", audit::Outcome::kSuccess,
                              "demo pilot batch of " + std::to_string(chosen.size())});
    });
}

}  // namespace hx::cli

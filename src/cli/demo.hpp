#pragma once
/// Demo data for `huixing init --demo`: users for every role, pilot communities.
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace hx::cli {

struct DemoLogin {
    std::string username;
    std::string password;
    std::string role_label;
    std::string org_name;
};

/// Creates one user for every role around 东城区东华门街道多福巷社区 (and an evaluator of 海淀区,
/// a second district's staff for scope checks), with generated passwords returned once.
Result<std::vector<DemoLogin>> create_demo_users(App& app);

/// Marks 512 communities as the first pilot batch (第九条), spread over the districts in
/// proportion to their size, deterministically.
Status mark_demo_pilots(App& app, const std::vector<regions::Region>& nodes);

}  // namespace hx::cli

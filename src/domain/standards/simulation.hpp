#pragma once
/// What-if before a standard changes (第十三条): for every community with a self-assessment in
/// the latest round on this standard, how its eligible star would change under a draft.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/identity/user.hpp"
#include "domain/standards/standard.hpp"
#include "domain/standards/standard_service.hpp"
#include "domain/store.hpp"

namespace hx::standards {

struct SimulatedChange {
    std::string community_code;
    std::string community_name;
    std::string district_code;
    int before = 0;
    int after = 0;
    int dropped_codes = 0;  // achieved codes the draft no longer has
};

struct DistrictSummary {
    std::string district_code;
    int communities = 0;
    int up = 0;
    int down = 0;
    int same = 0;
};

struct Simulation {
    std::optional<std::int64_t> round_id;  // none: no round has used the standard yet
    std::string round_name;
    int communities = 0;
    int changed = 0;
    std::vector<DistrictSummary> districts;
    /// [before][after] → how many communities.
    std::map<int, std::map<int, int>> by_star;
    std::vector<SimulatedChange> changes;  // only those whose star changes
};

/// city departments only. `draft` is validated first (every problem listed).
Result<Simulation> simulate(Store& store, StandardService& standards, const identity::Actor& actor,
                            const std::string& standard_id, const Standard& draft);

}  // namespace hx::standards

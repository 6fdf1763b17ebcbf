#include "http/dto/regions.hpp"

namespace hx::dto {

nlohmann::json region_json(const regions::Region& region) {
    nlohmann::json out = {
        {"code", region.code},
        {"name", region.name},
        {"level", regions::to_string(region.level)},
        {"parent_code", region.parent_code.empty() ? nlohmann::json(nullptr)
                                                   : nlohmann::json(region.parent_code)},
        {"children_count", region.children_count},
    };
    if (region.level == regions::Level::kCommunity) {
        out["kind"] = region.kind;
        out["pilot"] = region.pilot;
    }
    return out;
}

}  // namespace hx::dto

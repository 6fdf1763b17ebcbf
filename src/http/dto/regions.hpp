#pragma once
#include <nlohmann/json.hpp>

#include "domain/regions/region.hpp"

namespace hx::dto {

nlohmann::json region_json(const regions::Region& region);

template <typename T, typename F>
nlohmann::json page_json(const regions::Page<T>& page, F&& item_json) {
    auto items = nlohmann::json::array();
    for (const auto& item : page.items) items.push_back(item_json(item));
    return {{"total", page.total}, {"items", std::move(items)}};
}

}  // namespace hx::dto

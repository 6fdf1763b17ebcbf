#include "domain/regions/region.hpp"

#include <algorithm>

namespace hx::regions {

const char* to_string(Level level) {
    switch (level) {
        case Level::kCity: return "city";
        case Level::kDistrict: return "district";
        case Level::kStreet: return "street";
        case Level::kCommunity: return "community";
    }
    return "community";
}

std::optional<Level> parse_level(std::string_view text) {
    for (auto level : {Level::kCity, Level::kDistrict, Level::kStreet, Level::kCommunity}) {
        if (text == to_string(level)) return level;
    }
    return std::nullopt;
}

const char* level_label(Level level) {
    switch (level) {
        case Level::kCity: return "市";
        case Level::kDistrict: return "区(县)";
        case Level::kStreet: return "街道(乡镇)";
        case Level::kCommunity: return "社区(村)";
    }
    return "";
}

bool is_division_code(std::string_view code) {
    if (code.size() != 6 && code.size() != 9 && code.size() != 12) return false;
    return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Level> level_of_code(std::string_view code) {
    if (!is_division_code(code)) return std::nullopt;
    if (code.size() == 12) return Level::kCommunity;
    if (code.size() == 9) return Level::kStreet;
    // 110000 is a province-level city; 110101 a district.
    if (code.substr(2) == "0000") return Level::kCity;
    return Level::kDistrict;
}

std::string scope_prefix(std::string_view code) {
    if (code.size() == 6 && code.substr(2) == "0000") return std::string(code.substr(0, 2));
    if (code.size() == 6 && code.substr(4) == "00") return std::string(code.substr(0, 4));
    return std::string(code);
}

Status validate_page(const PageRequest& page, std::int64_t max_page_size) {
    std::vector<FieldError> fields;
    if (page.page < 1) fields.push_back({"page", "页码须从 1 开始"});
    if (page.page_size < 1 || page.page_size > max_page_size) {
        fields.push_back({"page_size", "每页条数须在 1 到 " + std::to_string(max_page_size) + " 之间"});
    }
    if (!fields.empty()) return fail(Error::invalid("invalid_page", "分页参数有误", std::move(fields)));
    return ok();
}

}  // namespace hx::regions

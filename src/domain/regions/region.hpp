#pragma once
/// The division tree: city → district/county → street/township → community (DESIGN.md §1).
/// Every node is named by its statistical division code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hx::regions {

enum class Level { kCity, kDistrict, kStreet, kCommunity };

const char* to_string(Level level);
std::optional<Level> parse_level(std::string_view text);
/// Chinese name of a level: 市, 区(县), 街道(乡镇), 社区(村).
const char* level_label(Level level);

/// Whether a search keeps only the pilot communities (首批试点, 第九条).
enum class PilotFilter { kAny, kPilotOnly };

struct Region {
    std::string code;
    std::string name;
    Level level = Level::kCommunity;
    std::string parent_code;  // empty for the city
    std::string kind;         // 居委会 / 村委会 / … for communities
    bool pilot = false;       // 首批试点 (第九条)
    std::int64_t children_count = 0;
};

/// The part of a division code that every node below it shares: 110000 → "11",
/// 110101 → "110101", 110101001 → "110101001". A node covers every code with that prefix.
std::string scope_prefix(std::string_view code);

/// Whether a division code is well formed (6, 9 or 12 digits).
bool is_division_code(std::string_view code);

/// The level implied by a code's length and trailing zeros.
std::optional<Level> level_of_code(std::string_view code);

/// One row of an import file (the columns of data/beijing-divisions.csv).
struct DivisionRow {
    std::string district_code;
    std::string district_name;
    std::string street_code;
    std::string street_name;
    std::string community_code;
    std::string community_name;
    std::string kind;
    std::optional<bool> pilot;
};

/// A page request, shared by every list.
struct PageRequest {
    std::int64_t page = 1;
    std::int64_t page_size = 50;
    [[nodiscard]] std::int64_t offset() const { return (page - 1) * page_size; }
};

template <typename T>
struct Page {
    std::int64_t total = 0;
    std::vector<T> items;
};

/// Checks a page request: page ≥ 1, 1 ≤ page_size ≤ max.
Status validate_page(const PageRequest& page, std::int64_t max_page_size = 200);

}  // namespace hx::regions

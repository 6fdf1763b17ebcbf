#pragma once
/// Roles of DESIGN.md §1: each user holds one role bound to one node of the division tree.
#include <optional>
#include <string>
#include <string_view>

namespace hx::identity {

enum class Role {
    kCommunity,
    kStreet,
    kDistrictSocial,
    kDistrictIt,
    kDistrictCivil,
    kCitySocial,
    kCityEconIt,
    kCityCivil,
    kEvaluator,
    kSysAdmin,
    kSecurityAdmin,
    kAuditAdmin,
};

inline constexpr Role kAllRoles[] = {
    Role::kCommunity,  Role::kStreet,    Role::kDistrictSocial, Role::kDistrictIt,
    Role::kDistrictCivil, Role::kCitySocial, Role::kCityEconIt, Role::kCityCivil,
    Role::kEvaluator,  Role::kSysAdmin,  Role::kSecurityAdmin,  Role::kAuditAdmin,
};

const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
/// The Chinese title shown on every screen (社区工作人员, 区社会办, …).
const char* role_label(Role role);

/// 三员分立: the three administrators never read or change business data.
bool is_administrator(Role role);
bool is_district_role(Role role);
bool is_city_role(Role role);

}  // namespace hx::identity

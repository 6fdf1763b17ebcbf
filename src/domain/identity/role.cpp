#include "domain/identity/role.hpp"

namespace hx::identity {

const char* to_string(Role role) {
    switch (role) {
        case Role::kCommunity: return "community";
        case Role::kStreet: return "street";
        case Role::kDistrictSocial: return "district_social";
        case Role::kDistrictIt: return "district_it";
        case Role::kDistrictCivil: return "district_civil";
        case Role::kCitySocial: return "city_social";
        case Role::kCityEconIt: return "city_econ_it";
        case Role::kCityCivil: return "city_civil";
        case Role::kEvaluator: return "evaluator";
        case Role::kSysAdmin: return "sys_admin";
        case Role::kSecurityAdmin: return "security_admin";
        case Role::kAuditAdmin: return "audit_admin";
    }
    return "community";
}

std::optional<Role> parse_role(std::string_view text) {
    for (auto role : kAllRoles) {
        if (text == to_string(role)) return role;
    }
    return std::nullopt;
}

const char* role_label(Role role) {
    switch (role) {
        case Role::kCommunity: return "社区工作人员";
        case Role::kStreet: return "街道办事处";
        case Role::kDistrictSocial: return "区社会办";
        case Role::kDistrictIt: return "区信息化主管部门";
        case Role::kDistrictCivil: return "区民政局";
        case Role::kCitySocial: return "市社会办";
        case Role::kCityEconIt: return "市经济信息化委";
        case Role::kCityCivil: return "市民政局";
        case Role::kEvaluator: return "评估专家";
        case Role::kSysAdmin: return "系统管理员";
        case Role::kSecurityAdmin: return "安全管理员";
        case Role::kAuditAdmin: return "安全审计员";
    }
    return "";
}

bool is_administrator(Role role) {
    return role == Role::kSysAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

bool is_district_role(Role role) {
    return role == Role::kDistrictSocial || role == Role::kDistrictIt ||
           role == Role::kDistrictCivil;
}

bool is_city_role(Role role) {
    return role == Role::kCitySocial || role == Role::kCityEconIt || role == Role::kCityCivil;
}

}  // namespace hx::identity

#include "http/dto/identity.hpp"

namespace hx::dto {

nlohmann::json user_json(const identity::User& user) {
    return {
        {"id", user.id},
        {"username", user.username},
        {"name", user.name},
        {"role", identity::to_string(user.role)},
        {"role_label", identity::role_label(user.role)},
        {"org_code", user.org_code},
        {"org_name", user.org_name},
        {"email", user.email},  // masked by the service for a reader who may not see it
        {"disabled", user.disabled},
        {"locked_until", user.locked_until ? nlohmann::json(format_rfc3339(*user.locked_until))
                                           : nlohmann::json(nullptr)},
        {"created_at", format_rfc3339(user.created_at)},
    };
}

}  // namespace hx::dto

#pragma once
#include <nlohmann/json.hpp>

#include "domain/identity/user.hpp"

namespace hx::dto {

/// A user as the API shows it: never the hash, never the TOTP secret.
nlohmann::json user_json(const identity::User& user);

}  // namespace hx::dto

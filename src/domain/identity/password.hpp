#pragma once
/// Password rules and hashing (argon2id through libsodium).
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hx::identity {

/// At least 12 characters, three of the four classes (upper, lower, digit, symbol), not
/// containing the username, not one of the common passwords. Errors name the field `password`.
Status check_password_policy(std::string_view password, std::string_view username);

/// argon2id, interactive limits; the result carries its own salt and parameters.
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

/// A generated password that meets the policy (for demo users and resets).
std::string generate_password();

}  // namespace hx::identity

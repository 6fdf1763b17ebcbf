#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "domain/identity/role.hpp"

namespace hx::identity {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string name;
    Role role = Role::kCommunity;
    std::string org_code;
    std::string org_name;  // filled by reads, for display
    /// For e-mail reminders; '' = none. Personal data: see identity/email.hpp. Services mask it
    /// (z***@example.cn) for a reader who may not see it.
    std::string email;
    std::string password_hash;  // argon2id, never leaves the domain
    std::string totp_secret;    // base32; empty until enrolled
    bool disabled = false;
    std::int64_t failed_attempts = 0;
    std::optional<Timestamp> first_failure_at;
    std::optional<Timestamp> locked_until;
    Timestamp created_at;
};

/// Who is acting: the signed-in user as every service sees it.
struct Actor {
    std::int64_t user_id = 0;
    std::string username;
    Role role = Role::kCommunity;
    std::string org_code;
    std::string client_addr;
    std::string request_id;

    /// The division-code prefix of the caller's subtree (see regions::scope_prefix).
    [[nodiscard]] std::string scope() const;
    /// Whether a node lies inside the caller's subtree.
    [[nodiscard]] bool covers(const std::string& code) const;
};

/// Context of an anonymous request (sign-in, public pages): who knocked, for audit and throttling.
struct Origin {
    std::string client_addr;
    std::string request_id;
};

}  // namespace hx::identity

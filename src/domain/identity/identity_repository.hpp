#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/user.hpp"
#include "domain/regions/region.hpp"

namespace hx::identity {

struct UserFilter {
    std::string query;  // username or name fragment
    std::optional<Role> role;
};

class UserRepository {
public:
    virtual ~UserRepository() = default;
    virtual Result<std::optional<User>> find_by_username(const std::string& username) = 0;
    virtual Result<std::optional<User>> find_by_id(std::int64_t id) = 0;
    /// Returns the new id; kAlreadyExists when the username is taken.
    virtual Result<std::int64_t> insert(const User& user) = 0;
    virtual Status update_login_state(std::int64_t id, std::int64_t failed_attempts,
                                      std::optional<Timestamp> first_failure_at,
                                      std::optional<Timestamp> locked_until) = 0;
    virtual Status set_password_hash(std::int64_t id, const std::string& hash) = 0;
    virtual Status set_disabled(std::int64_t id, bool disabled) = 0;
    virtual Status set_totp_secret(std::int64_t id, const std::string& secret) = 0;
    virtual Status set_email(std::int64_t id, const std::string& email) = 0;
    virtual Result<regions::Page<User>> list(const UserFilter& filter,
                                             const regions::PageRequest& page) = 0;
};

struct Session {
    std::string token_hash;  // SHA-256 of the token; the token itself is never stored
    std::int64_t user_id = 0;
    std::string csrf_token;
    Timestamp created_at;
    Timestamp last_seen_at;
    bool revoked = false;
};

class SessionRepository {
public:
    virtual ~SessionRepository() = default;
    virtual Status insert(const Session& session) = 0;
    virtual Result<std::optional<Session>> find(const std::string& token_hash) = 0;
    virtual Status touch(const std::string& token_hash, Timestamp at) = 0;
    virtual Status revoke(const std::string& token_hash) = 0;
    virtual Status revoke_all(std::int64_t user_id) = 0;
};

/// Sign-in attempts per client address, shared by every server instance.
class ThrottleRepository {
public:
    virtual ~ThrottleRepository() = default;
    virtual Status record_failure(const std::string& client_addr, Timestamp at) = 0;
    virtual Result<std::int64_t> failures_since(const std::string& client_addr,
                                                Timestamp since) = 0;
    virtual Status forget_before(Timestamp before) = 0;
};

/// Security policy and other settings: key → value.
class SettingsRepository {
public:
    virtual ~SettingsRepository() = default;
    virtual Result<std::optional<std::string>> get(const std::string& key) = 0;
    virtual Status put(const std::string& key, const std::string& value) = 0;
};

}  // namespace hx::identity

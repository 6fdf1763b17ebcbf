#pragma once
/// Sign-in, sessions and accounts (DESIGN.md §3; 等保 level 3 identification and authentication).
#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/identity_repository.hpp"
#include "domain/identity/session_cache.hpp"
#include "domain/identity/user.hpp"
#include "domain/store.hpp"

namespace hx::identity {

/// The limits of the account rules; defaults are the ones the platform issue fixes.
struct AccountPolicy {
    int max_failures = 5;                            // then the account locks (423)
    std::chrono::minutes failure_window{15};
    std::chrono::minutes lock_duration{15};
    int max_address_failures = 20;                   // per client address, then 429
    std::chrono::minutes address_window{10};
    std::chrono::minutes idle_timeout{30};
    std::chrono::hours absolute_timeout{12};
    /// How long a session checked against the database is trusted without reading it again:
    /// the longest a revocation made by another process takes to reach this one (a revocation
    /// made through this process applies at once). See session_cache.hpp.
    std::chrono::milliseconds session_cache_ttl{1000};
    /// A session's last use is written to the database when the stored one is this far behind.
    std::chrono::milliseconds touch_every{1000};
};

struct Credentials {
    std::string username;
    std::string password;
    std::string totp;  // empty when not given
};

struct SignedIn {
    std::string token;  // shown once; only its hash is stored
    std::string csrf_token;
    User user;
};

struct Authenticated {
    Actor actor;
    std::string csrf_token;
};

struct NewUser {
    std::string username;
    std::string password;
    std::string name;
    std::string role;
    std::string org_code;
    std::string email;  // optional ('' = none)
};

/// The result of creating a user from the command line, where the TOTP secret is shown once.
struct CreatedUser {
    User user;
    std::string totp_secret;  // empty unless enrolled
};

inline constexpr const char* kMfaRequiredKey = "security.mfa_required";

class IdentityService {
public:
    IdentityService(Store& store, const Clock& clock, AccountPolicy policy = {})
        : store_(store), clock_(clock), policy_(policy), sessions_(policy.session_cache_ttl) {}

    Result<SignedIn> sign_in(const Credentials& credentials, const Origin& origin);
    Result<Authenticated> authenticate(const std::string& token, const Origin& origin);
    /// authenticate() without blocking, for an I/O thread: the caller when the session is in
    /// memory, fresh, within its limits and due no touch; nothing when authenticate() has to
    /// run (it reads or writes the database, or explains a refusal).
    std::optional<Authenticated> authenticate_cached(const std::string& token, const Origin& origin);
    Status sign_out(const std::string& token, const Actor& actor);
    /// Records the sessions this thread's calls revoke, to drop them from memory again with
    /// replay() once the caller's enclosing transaction has committed (the HTTP layer's write
    /// with an Idempotency-Key); see SessionCache::Recording. Other sessions stay cached.
    [[nodiscard]] SessionCache::Recording record_revocations() { return SessionCache::Recording(sessions_); }

    /// Whether two-factor sign-in is enforced (security_admin's policy).
    Result<bool> mfa_required();
    Status set_mfa_required(const Actor& actor, bool required);

    /// sys_admin only. Checks the username, role, node and the password rules.
    Result<User> create_user(const Actor& actor, const NewUser& request);
    /// The command line acts as the operator at the console of the server: no actor check,
    /// still audited (as the `cli` operator). Enrols TOTP when `with_totp`.
    Result<CreatedUser> create_user_locally(const NewUser& request, bool with_totp);
    Status set_disabled(const Actor& actor, std::int64_t user_id, bool disabled);
    Status set_disabled_locally(const std::string& username, bool disabled);
    Status reset_password(const Actor& actor, std::int64_t user_id, const std::string& password);
    /// Returns the new password (generated when `password` is empty).
    Result<std::string> reset_password_locally(const std::string& username,
                                               const std::string& password);
    /// security_admin: lift a lockout before it expires.
    Status unlock(const Actor& actor, std::int64_t user_id);
    Result<regions::Page<User>> list_users(const Actor& actor, const UserFilter& filter,
                                           const regions::PageRequest& page);
    Result<User> find_user(const Actor& actor, std::int64_t user_id);
    /// Sets or ('' ) clears a user's e-mail address: sys_admin and security_admin for anyone,
    /// every user for their own account. Audited without the address.
    Result<User> set_email(const Actor& actor, std::int64_t user_id, const std::string& email);

private:
    Result<User> insert_user(Repositories& repos, const NewUser& request,
                             const std::string& totp_secret);
    Status change_password(Repositories& repos, const User& user, const std::string& password);
    /// The session of `hash` read from the database (nothing when it is unknown, revoked or
    /// its user disabled), merged with what `known` says of its last use.
    /// Neither the absolute nor the idle limit is reached at `now`.
    [[nodiscard]] bool within_limits(const SessionCache::Entry& entry, Timestamp now) const;
    Result<std::optional<SessionCache::Entry>> load_session(const std::string& hash,
                                                            const SessionCache::Lookup& known);

    Store& store_;
    const Clock& clock_;
    AccountPolicy policy_;
    SessionCache sessions_;
};

/// The local operator of the command line, as audit records name it.
Actor cli_operator();

}  // namespace hx::identity

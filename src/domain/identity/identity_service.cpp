#include "domain/identity/identity_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "domain/audit/audit_service.hpp"
#include "domain/identity/email.hpp"
#include "domain/identity/password.hpp"
#include "domain/identity/totp.hpp"
#include "domain/regions/region_repository.hpp"

namespace hx::identity {

namespace {

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::string token_hash(const std::string& token) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

/// Settings key of the last TOTP time step an account used: `totp.last_step.<user id>`.
constexpr const char* kTotpLastStepPrefix = "totp.last_step.";

Error bad_credentials() {
    return {ErrorCode::kUnauthenticated, "bad_credentials", "用户名或密码错误"};
}

Error session_invalid(const char* reason, const char* message) {
    return {ErrorCode::kUnauthenticated, reason, message};
}

Authenticated authenticated_of(const SessionCache::Entry& entry, const Origin& origin) {
    return {Actor{entry.user_id, entry.username, entry.role, entry.org_code, origin.client_addr,
                  origin.request_id},
            entry.csrf_token};
}

Actor actor_of(const User& user, const Origin& origin) {
    return {user.id, user.username, user.role, user.org_code, origin.client_addr,
            origin.request_id};
}

/// Who reads an e-mail address in full: the account administrator (who enters it and must be
/// able to check it) and the user. Everyone else — the security administrator included, whose
/// work is policies and lockouts, not contacting people — sees it masked (docs/security.md).
bool may_see_email(const Actor& actor, const User& user) {
    return actor.role == Role::kSysAdmin || actor.user_id == user.id;
}

/// What a reader may see of a user: never the hash or the TOTP secret; the address as above.
void redact_for(const Actor& actor, User& user) {
    user.password_hash.clear();
    user.totp_secret.clear();
    if (!may_see_email(actor, user)) user.email = mask_email(user.email);
}

const char* const kEmailProblem = "电子邮箱格式不正确，应如 zhangsan@example.cn";

bool valid_username(const std::string& username) {
    if (username.size() < 3 || username.size() > 32) return false;
    return std::all_of(username.begin(), username.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == '-';
    });
}

/// The node level each role is bound to (DESIGN.md §1).
bool role_fits_node(Role role, regions::Level level) {
    using regions::Level;
    switch (role) {
        case Role::kCommunity: return level == Level::kCommunity;
        case Role::kStreet: return level == Level::kStreet;
        case Role::kDistrictSocial:
        case Role::kDistrictIt:
        case Role::kDistrictCivil: return level == Level::kDistrict;
        case Role::kEvaluator: return level == Level::kDistrict || level == Level::kCity;
        case Role::kCitySocial:
        case Role::kCityEconIt:
        case Role::kCityCivil:
        case Role::kSysAdmin:
        case Role::kSecurityAdmin:
        case Role::kAuditAdmin: return level == Level::kCity;
    }
    return false;
}

Status require_role(const Actor& actor, Role role, const char* message) {
    if (actor.role != role) return fail(Error::forbidden(message));
    return ok();
}

/// A hash to verify against when the user does not exist, so timing does not tell.
const std::string& dummy_hash() {
    static const std::string hash = hash_password("not-a-real-password-Aa1!").value_or("");
    return hash;
}

}  // namespace

Actor cli_operator() { return {0, "cli", Role::kSysAdmin, "110000", "local", "cli"}; }

Result<SignedIn> IdentityService::sign_in(const Credentials& credentials, const Origin& origin) {
    std::vector<FieldError> missing;
    if (credentials.username.empty()) missing.push_back({"username", "请输入用户名"});
    if (credentials.password.empty()) missing.push_back({"password", "请输入密码"});
    if (!missing.empty()) {
        return fail(Error::invalid("invalid_request", "登录信息不完整", std::move(missing)));
    }
    const auto now = clock_.now();
    std::optional<User> user;
    bool mfa = true;
    std::int64_t address_failures = 0;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(user, repos.users().find_by_username(credentials.username));
        ASSIGN_OR_RETURN(address_failures,
                         repos.throttle().failures_since(origin.client_addr,
                                                         now - policy_.address_window));
        ASSIGN_OR_RETURN(auto setting, repos.settings().get(kMfaRequiredKey));
        mfa = setting.value_or("true") != "false";
        return ok();
    }));

    // Verify outside any transaction: argon2id takes tens of milliseconds.
    const bool password_ok = verify_password(user ? user->password_hash : dummy_hash(),
                                             credentials.password);

    if (address_failures >= policy_.max_address_failures) {
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) {
            return audit::record(repos, clock_, origin, credentials.username,
                                 {"session.login", "", audit::Outcome::kDenied,
                                  "address throttled"});
        }));
        return fail(Error(ErrorCode::kResourceExhausted, "too_many_attempts",
                          "该地址登录失败次数过多，请10分钟后再试"));
    }

    if (!user || user->disabled) {
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
            RETURN_IF_ERROR(repos.throttle().record_failure(origin.client_addr, now));
            return audit::record(repos, clock_, origin, credentials.username,
                                 {"session.login", "", audit::Outcome::kFailure,
                                  user ? "account disabled" : "unknown user"});
        }));
        return fail(bad_credentials());
    }

    const Actor actor = actor_of(*user, origin);
    const std::string object = "user:" + std::to_string(user->id);
    const std::string& account_key = object;
    if (user->locked_until && *user->locked_until > now) {
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) {
            return audit::record(repos, clock_, actor,
                                 {"session.login", object, audit::Outcome::kDenied, "locked"});
        }));
        const auto minutes =
            std::chrono::ceil<std::chrono::minutes>(*user->locked_until - now).count();
        return fail(Error(ErrorCode::kLocked, "account_locked",
                          "账户因连续登录失败已被锁定，请" + std::to_string(minutes) +
                              "分钟后再试或联系安全管理员"));
    }

    // A failed attempt of a known account counts for its address and, in a sliding window of
    // `failure_window`, for the account (rows of the same failure table, keyed `user:<id>`):
    // the failure that brings the window to `max_failures` locks the account for
    // `lock_duration`. A wrong or replayed second factor counts like a wrong password. The
    // account's `first_failure_at` holds the moment from which its failures count: its last
    // sign-in, lock, unlock or new password.
    auto account_failure = [&](const char* reason) -> Status {
        return store_.write([&](Repositories& repos) -> Status {
            RETURN_IF_ERROR(repos.throttle().record_failure(origin.client_addr, now));
            RETURN_IF_ERROR(repos.throttle().record_failure(account_key, now));
            auto since = now - policy_.failure_window + std::chrono::milliseconds(1);
            if (user->first_failure_at && *user->first_failure_at > since) since = *user->first_failure_at;
            ASSIGN_OR_RETURN(const auto failures, repos.throttle().failures_since(account_key, since));
            const bool lock = failures >= policy_.max_failures;
            RETURN_IF_ERROR(repos.users().update_login_state(
                user->id, lock ? 0 : failures,
                lock ? std::optional<Timestamp>(now + std::chrono::milliseconds(1)) : user->first_failure_at,
                lock ? std::optional<Timestamp>(now + policy_.lock_duration) : std::nullopt));
            RETURN_IF_ERROR(audit::record(repos, clock_, actor,
                                          {"session.login", object, audit::Outcome::kFailure,
                                           reason}));
            if (!lock) return ok();
            return audit::record(repos, clock_, actor,
                                 {"account.lock", object, audit::Outcome::kSuccess,
                                  std::to_string(policy_.max_failures) + " failures"});
        });
    };

    if (!password_ok) {
        RETURN_IF_ERROR(account_failure("wrong password"));
        return fail(bad_credentials());
    }

    std::optional<std::int64_t> totp_step;
    if (mfa) {
        if (user->totp_secret.empty()) {
            return fail(Error(ErrorCode::kUnauthenticated, "totp_not_enrolled",
                              "本账户尚未绑定动态口令，请联系系统管理员"));
        }
        if (credentials.totp.empty()) {
            return fail(Error(ErrorCode::kUnauthenticated, "totp_required", "请输入动态口令"));
        }
        totp_step = matching_totp_step(user->totp_secret, credentials.totp, now);
        if (!totp_step) {
            RETURN_IF_ERROR(account_failure("wrong totp"));
            return fail(Error(ErrorCode::kUnauthenticated, "totp_invalid", "动态口令错误"));
        }
    }

    SignedIn out{random_token(32), random_token(32), *user};
    bool replayed = false;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        if (totp_step) {
            // A code is good once (RFC 6238 §5.2): the step it belongs to must be later than the
            // last one used. Writers are serialised, so two instances cannot both accept it.
            const std::string key = kTotpLastStepPrefix + std::to_string(user->id);
            ASSIGN_OR_RETURN(const auto last, repos.settings().get(key));
            if (last && std::strtoll(last->c_str(), nullptr, 10) >= *totp_step) {
                replayed = true;
                return ok();
            }
            RETURN_IF_ERROR(repos.settings().put(key, std::to_string(*totp_step)));
        }
        RETURN_IF_ERROR(repos.users().update_login_state(user->id, 0, now, std::nullopt));
        RETURN_IF_ERROR(
            repos.sessions().insert({token_hash(out.token), user->id, out.csrf_token, now, now}));
        return audit::record(repos, clock_, actor,
                             {"session.login", object, audit::Outcome::kSuccess, ""});
    }));
    if (replayed) {
        RETURN_IF_ERROR(account_failure("totp replayed"));
        return fail(Error(ErrorCode::kUnauthenticated, "totp_reused",
                          "该动态口令已使用过，请等待验证器显示下一个口令"));
    }
    out.user.password_hash.clear();
    out.user.totp_secret.clear();
    return out;
}

bool IdentityService::within_limits(const SessionCache::Entry& entry, Timestamp now) const {
    return now - entry.created_at < policy_.absolute_timeout &&
           now - entry.last_seen_at < policy_.idle_timeout;
}

Result<std::optional<SessionCache::Entry>> IdentityService::load_session(
    const std::string& hash, const SessionCache::Lookup& known) {
    const auto checked_at = SessionCache::Steady::now();  // before the read: the TTL bounds it
    std::optional<Session> session;
    std::optional<User> user;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(session, repos.sessions().find(hash));
        if (!session) return ok();
        ASSIGN_OR_RETURN(user, repos.users().find_by_id(session->user_id));
        return ok();
    }));
    if (!session || session->revoked || !user || user->disabled) {
        if (known.entry) sessions_.forget(hash);  // revoked by another process
        return std::optional<SessionCache::Entry>();
    }
    SessionCache::Entry entry;
    entry.user_id = user->id;
    entry.username = user->username;
    entry.role = user->role;
    entry.org_code = user->org_code;
    entry.csrf_token = session->csrf_token;
    entry.created_at = session->created_at;
    entry.last_seen_at = session->last_seen_at;
    entry.stored_seen_at = session->last_seen_at;
    entry.checked_at = checked_at;
    if (known.entry && known.entry->user_id == entry.user_id) {
        entry.last_seen_at = std::max(entry.last_seen_at, known.entry->last_seen_at);
    }
    sessions_.put(hash, entry, known.generation);
    return std::optional<SessionCache::Entry>(std::move(entry));
}

Result<Authenticated> IdentityService::authenticate(const std::string& token,
                                                    const Origin& origin) {
    if (token.empty()) return fail(session_invalid("unauthenticated", "请先登录"));
    const auto hash = token_hash(token);
    const auto now = clock_.now();
    const auto idle = [&](const SessionCache::Entry& e) {
        return now - e.last_seen_at >= policy_.idle_timeout;
    };
    // A session read from the database within the TTL is trusted as it is; one that this
    // process would call idle is read again, as another instance may have seen a later use.
    const auto known = sessions_.find(hash, SessionCache::Steady::now());
    std::optional<SessionCache::Entry> entry;
    if (known.fresh && !idle(*known.entry)) {
        entry = known.entry;
    } else {
        ASSIGN_OR_RETURN(entry, load_session(hash, known));
    }
    if (!entry) return fail(session_invalid("unauthenticated", "登录已失效，请重新登录"));
    if (now - entry->created_at >= policy_.absolute_timeout) {
        return fail(session_invalid("session_expired", "登录已超过12小时，请重新登录"));
    }
    if (idle(*entry)) {
        return fail(session_invalid("session_expired", "长时间未操作，登录已失效，请重新登录"));
    }
    // The use counts at once in this process; the database is touched at most once a
    // `touch_every` (a second): the idle timeout then holds to the second after the last use
    // on every instance (alive at 29:59, dead at 30:00), and a burst costs one write, not one
    // each. No read transaction comes with it.
    if (sessions_.use(hash, now, policy_.touch_every)) {
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) { return repos.sessions().touch(hash, now); }));
    }
    return authenticated_of(*entry, origin);
}

std::optional<Authenticated> IdentityService::authenticate_cached(const std::string& token,
                                                                 const Origin& origin) {
    if (token.empty()) return std::nullopt;
    const auto hash = token_hash(token);
    const auto now = clock_.now();
    const auto entry = sessions_.use_fresh(
        hash, SessionCache::Steady::now(), now, policy_.touch_every,
        [&](const SessionCache::Entry& e) { return within_limits(e, now); });
    if (!entry) return std::nullopt;
    return authenticated_of(*entry, origin);
}

Status IdentityService::sign_out(const std::string& token, const Actor& actor) {
    const auto hash = token_hash(token);
    auto status = store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.sessions().revoke(hash));
        return audit::record(repos, clock_, actor,
                             {"session.logout", "user:" + std::to_string(actor.user_id),
                              audit::Outcome::kSuccess, ""});
    });
    sessions_.forget(hash);  // after the commit: no reader can put the live session back
    return status;
}

Result<bool> IdentityService::mfa_required() {
    bool required = true;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto setting, repos.settings().get(kMfaRequiredKey));
        required = setting.value_or("true") != "false";
        return ok();
    }));
    return required;
}

Status IdentityService::set_mfa_required(const Actor& actor, bool required) {
    if (actor.role != Role::kSecurityAdmin && actor.username != cli_operator().username) {
        return fail(Error::forbidden("只有安全管理员可以修改安全策略"));
    }
    return store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.settings().put(kMfaRequiredKey, required ? "true" : "false"));
        return audit::record(repos, clock_, actor,
                             {"security.policy", "mfa_required", audit::Outcome::kSuccess,
                              required ? "on" : "off"});
    });
}

Result<User> IdentityService::insert_user(Repositories& repos, const NewUser& request,
                                          const std::string& totp_secret) {
    std::vector<FieldError> problems;
    if (!valid_username(request.username)) {
        problems.push_back({"username", "用户名须为3到32位字母、数字或 _ . -"});
    }
    if (request.name.empty()) problems.push_back({"name", "请填写姓名"});
    if (!request.email.empty() && !valid_email(request.email)) {
        problems.push_back({"email", kEmailProblem});
    }
    const auto role = parse_role(request.role);
    if (!role) problems.push_back({"role", "未知的角色 '" + request.role + "'"});
    std::optional<regions::Region> node;
    if (!regions::is_division_code(request.org_code)) {
        problems.push_back({"org_code", "单位代码 '" + request.org_code + "' 不是有效的区划代码"});
    } else {
        ASSIGN_OR_RETURN(auto found, repos.regions().find_many({request.org_code}));
        if (!found.empty()) node = found.front();
        if (!node) {
            problems.push_back({"org_code", "区划代码 '" + request.org_code + "' 不存在"});
        } else if (role && !role_fits_node(*role, node->level)) {
            problems.push_back({"org_code", std::string("角色“") + role_label(*role) +
                                                "”不能绑定到" + regions::level_label(node->level) +
                                                "级单位 '" + request.org_code + "'"});
        }
    }
    if (auto policy = check_password_policy(request.password, request.username); !policy) {
        for (const auto& f : policy.error().fields()) problems.push_back(f);
    }
    if (!problems.empty()) {
        return fail(Error::invalid("invalid_user", "用户信息有误", std::move(problems)));
    }
    ASSIGN_OR_RETURN(auto hash, hash_password(request.password));
    User user;
    user.username = request.username;
    user.name = request.name;
    user.role = *role;
    user.org_code = request.org_code;
    user.org_name = node->name;
    user.email = request.email;
    user.password_hash = std::move(hash);
    user.totp_secret = totp_secret;
    user.created_at = clock_.now();
    ASSIGN_OR_RETURN(user.id, repos.users().insert(user));
    return user;
}

Result<User> IdentityService::create_user(const Actor& actor, const NewUser& request) {
    RETURN_IF_ERROR(require_role(actor, Role::kSysAdmin, "只有系统管理员可以创建用户"));
    User created;
    const auto secret = generate_totp_secret();
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(created, insert_user(repos, request, secret));
        return audit::record(repos, clock_, actor,
                             {"user.create", "user:" + std::to_string(created.id),
                              audit::Outcome::kSuccess,
                              request.username + " " + request.role + " " + request.org_code});
    }));
    created.password_hash.clear();
    return created;  // the TOTP secret is returned once so the admin can hand it over
}

Result<CreatedUser> IdentityService::create_user_locally(const NewUser& request, bool with_totp) {
    CreatedUser out;
    const auto secret = with_totp ? generate_totp_secret() : std::string();
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out.user, insert_user(repos, request, secret));
        return audit::record(repos, clock_, cli_operator(),
                             {"user.create", "user:" + std::to_string(out.user.id),
                              audit::Outcome::kSuccess,
                              request.username + " " + request.role + " " + request.org_code});
    }));
    out.totp_secret = secret;
    out.user.password_hash.clear();
    return out;
}

Status IdentityService::set_disabled(const Actor& actor, std::int64_t user_id, bool disabled) {
    RETURN_IF_ERROR(require_role(actor, Role::kSysAdmin, "只有系统管理员可以停用或启用用户"));
    if (user_id == actor.user_id) {
        return fail(Error::rule("self_disable", "不能停用自己的账户"));
    }
    auto status = store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto user, repos.users().find_by_id(user_id));
        if (!user) return fail(Error::not_found("用户不存在"));
        RETURN_IF_ERROR(repos.users().set_disabled(user_id, disabled));
        if (disabled) RETURN_IF_ERROR(repos.sessions().revoke_all(user_id));
        return audit::record(repos, clock_, actor,
                             {disabled ? "user.disable" : "user.enable",
                              "user:" + std::to_string(user_id), audit::Outcome::kSuccess,
                              user->username});
    });
    sessions_.forget_user(user_id);  // after the commit (session_cache.hpp)
    return status;
}

Status IdentityService::set_disabled_locally(const std::string& username, bool disabled) {
    std::optional<std::int64_t> user_id;
    auto status = store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto user, repos.users().find_by_username(username));
        if (!user) return fail(Error::not_found("用户 '" + username + "' 不存在"));
        user_id = user->id;
        RETURN_IF_ERROR(repos.users().set_disabled(user->id, disabled));
        if (disabled) RETURN_IF_ERROR(repos.sessions().revoke_all(user->id));
        return audit::record(repos, clock_, cli_operator(),
                             {disabled ? "user.disable" : "user.enable",
                              "user:" + std::to_string(user->id), audit::Outcome::kSuccess,
                              username});
    });
    if (user_id) sessions_.forget_user(*user_id);  // after the commit (session_cache.hpp)
    return status;
}

Status IdentityService::change_password(Repositories& repos, const User& user,
                                        const std::string& password) {
    RETURN_IF_ERROR(check_password_policy(password, user.username));
    ASSIGN_OR_RETURN(auto hash, hash_password(password));
    RETURN_IF_ERROR(repos.users().set_password_hash(user.id, hash));
    RETURN_IF_ERROR(repos.users().update_login_state(user.id, 0, clock_.now(), std::nullopt));
    return repos.sessions().revoke_all(user.id);
}

Status IdentityService::reset_password(const Actor& actor, std::int64_t user_id,
                                       const std::string& password) {
    RETURN_IF_ERROR(require_role(actor, Role::kSysAdmin, "只有系统管理员可以重置密码"));
    auto status = store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto user, repos.users().find_by_id(user_id));
        if (!user) return fail(Error::not_found("用户不存在"));
        RETURN_IF_ERROR(change_password(repos, *user, password));
        return audit::record(repos, clock_, actor,
                             {"user.reset_password", "user:" + std::to_string(user_id),
                              audit::Outcome::kSuccess, user->username});
    });
    sessions_.forget_user(user_id);  // after the commit (session_cache.hpp)
    return status;
}

Result<std::string> IdentityService::reset_password_locally(const std::string& username,
                                                            const std::string& password) {
    const std::string chosen = password.empty() ? generate_password() : password;
    std::int64_t user_id = 0;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto user, repos.users().find_by_username(username));
        if (!user) return fail(Error::not_found("用户 '" + username + "' 不存在"));
        user_id = user->id;
        RETURN_IF_ERROR(change_password(repos, *user, chosen));
        return audit::record(repos, clock_, cli_operator(),
                             {"user.reset_password", "user:" + std::to_string(user->id),
                              audit::Outcome::kSuccess, username});
    }));
    sessions_.forget_user(user_id);
    return chosen;
}

Status IdentityService::unlock(const Actor& actor, std::int64_t user_id) {
    RETURN_IF_ERROR(require_role(actor, Role::kSecurityAdmin, "只有安全管理员可以解除锁定"));
    return store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto user, repos.users().find_by_id(user_id));
        if (!user) return fail(Error::not_found("用户不存在"));
        RETURN_IF_ERROR(repos.users().update_login_state(user_id, 0, clock_.now(), std::nullopt));
        return audit::record(repos, clock_, actor,
                             {"account.unlock", "user:" + std::to_string(user_id),
                              audit::Outcome::kSuccess, user->username});
    });
}

Result<regions::Page<User>> IdentityService::list_users(const Actor& actor,
                                                        const UserFilter& filter,
                                                        const regions::PageRequest& page) {
    if (actor.role != Role::kSysAdmin && actor.role != Role::kSecurityAdmin) {
        return fail(Error::forbidden("只有系统管理员和安全管理员可以查看用户"));
    }
    RETURN_IF_ERROR(regions::validate_page(page));
    regions::Page<User> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.users().list(filter, page));
        return ok();
    }));
    for (auto& user : out.items) redact_for(actor, user);
    return out;
}

Result<User> IdentityService::find_user(const Actor& actor, std::int64_t user_id) {
    if (actor.role != Role::kSysAdmin && actor.role != Role::kSecurityAdmin &&
        actor.user_id != user_id) {
        return fail(Error::not_found("用户不存在"));
    }
    std::optional<User> user;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(user, repos.users().find_by_id(user_id));
        return ok();
    }));
    if (!user) return fail(Error::not_found("用户不存在"));
    redact_for(actor, *user);
    return *user;
}

Result<User> IdentityService::set_email(const Actor& actor, std::int64_t user_id,
                                        const std::string& email) {
    const bool manager = actor.role == Role::kSysAdmin || actor.role == Role::kSecurityAdmin;
    if (!manager && actor.user_id != user_id) {
        return fail(Error::forbidden("只有系统管理员、安全管理员或用户本人可以修改电子邮箱"));
    }
    if (!email.empty() && !valid_email(email)) {
        return fail(Error::invalid("invalid_email", "电子邮箱格式不正确", {{"email", kEmailProblem}}));
    }
    std::optional<User> user;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(user, repos.users().find_by_id(user_id));
        if (!user) return fail(Error::not_found("用户不存在"));
        RETURN_IF_ERROR(repos.users().set_email(user_id, email));
        user->email = email;
        // The address is personal data: the audit trail says that it changed, not what it is.
        return audit::record(repos, clock_, actor,
                             {email.empty() ? "user.clear_email" : "user.set_email",
                              "user:" + std::to_string(user_id), audit::Outcome::kSuccess,
                              user->username});
    }));
    redact_for(actor, *user);
    return *user;
}

}  // namespace hx::identity

#include "storage/sqlite/user_repository.hpp"

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

using identity::User;

namespace {

constexpr std::string_view kFindByUsername = R"sql(
SELECT u.id, u.username, u.name, u.role, u.org_code, coalesce(g.name, ''), u.password_hash,
       u.totp_secret, u.disabled, u.failed_attempts, u.first_failure_at, u.locked_until,
       u.created_at, u.email
  FROM users u LEFT JOIN regions g ON g.code = u.org_code
 WHERE u.username = ?1)sql";

constexpr std::string_view kFindById = R"sql(
SELECT u.id, u.username, u.name, u.role, u.org_code, coalesce(g.name, ''), u.password_hash,
       u.totp_secret, u.disabled, u.failed_attempts, u.first_failure_at, u.locked_until,
       u.created_at, u.email
  FROM users u LEFT JOIN regions g ON g.code = u.org_code
 WHERE u.id = ?1)sql";

constexpr std::string_view kList = R"sql(
SELECT u.id, u.username, u.name, u.role, u.org_code, coalesce(g.name, ''), u.password_hash,
       u.totp_secret, u.disabled, u.failed_attempts, u.first_failure_at, u.locked_until,
       u.created_at, u.email
  FROM users u LEFT JOIN regions g ON g.code = u.org_code
 WHERE (u.username LIKE ?1 ESCAPE '\' OR u.name LIKE ?1 ESCAPE '\')
   AND (?2 IS NULL OR u.role = ?2)
 ORDER BY u.id
 LIMIT ?3 OFFSET ?4)sql";

constexpr std::string_view kListTotal = R"sql(
SELECT count(*)
  FROM users u
 WHERE (u.username LIKE ?1 ESCAPE '\' OR u.name LIKE ?1 ESCAPE '\')
   AND (?2 IS NULL OR u.role = ?2))sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO users (username, name, role, org_code, password_hash, totp_secret, disabled,
                   failed_attempts, first_failure_at, locked_until, created_at, email)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql";

constexpr std::string_view kUpdateLoginState = R"sql(
UPDATE users SET failed_attempts = ?2, first_failure_at = ?3, locked_until = ?4
 WHERE id = ?1)sql";

constexpr std::string_view kSetPasswordHash = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
constexpr std::string_view kSetDisabled = "UPDATE users SET disabled = ?2 WHERE id = ?1";
constexpr std::string_view kSetTotpSecret = "UPDATE users SET totp_secret = ?2 WHERE id = ?1";
constexpr std::string_view kSetEmail = "UPDATE users SET email = ?2 WHERE id = ?1";

std::optional<std::int64_t> to_optional_ms(const std::optional<Timestamp>& at) {
    if (!at) return std::nullopt;
    return to_unix_ms(*at);
}

std::optional<Timestamp> to_optional_timestamp(const std::optional<std::int64_t>& ms) {
    if (!ms) return std::nullopt;
    return from_unix_ms(*ms);
}

Result<User> read_user(const Statement& row) {
    User user;
    user.id = row.column_int64(0);
    user.username = row.column_text(1);
    user.name = row.column_text(2);
    const std::string role = row.column_text(3);
    const auto parsed = identity::parse_role(role);
    if (!parsed) {
        return fail(
            Error::internal("users row " + std::to_string(user.id) + " has role '" + role + "'"));
    }
    user.role = *parsed;
    user.org_code = row.column_text(4);
    user.org_name = row.column_text(5);
    user.password_hash = row.column_text(6);
    user.totp_secret = row.column_text(7);
    user.disabled = row.column_bool(8);
    user.failed_attempts = row.column_int64(9);
    user.first_failure_at = to_optional_timestamp(row.column_optional_int64(10));
    user.locked_until = to_optional_timestamp(row.column_optional_int64(11));
    user.created_at = from_unix_ms(row.column_int64(12));
    user.email = row.column_text(13);
    return user;
}

Result<std::optional<User>> read_optional_user(Statement& query) {
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<User>();
    ASSIGN_OR_RETURN(auto user, read_user(query));
    return std::optional<User>(std::move(user));
}

/// Runs a bound UPDATE of one user; kNotFound when no user has that id.
Status update_user(sql::Connection& connection, Statement& statement, std::int64_t id) {
    RETURN_IF_ERROR(statement.run());
    if (connection.changes() == 0) {
        return fail(Error::not_found("用户 #" + std::to_string(id) + " 不存在"));
    }
    return ok();
}

}  // namespace

Result<std::optional<User>> SqliteUserRepository::find_by_username(const std::string& username) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindByUsername));
    query.bind_text(1, username);
    return read_optional_user(query);
}

Result<std::optional<User>> SqliteUserRepository::find_by_id(std::int64_t id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindById));
    query.bind_int64(1, id);
    return read_optional_user(query);
}

Result<std::int64_t> SqliteUserRepository::insert(const User& user) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    statement.bind_text(1, user.username).bind_text(2, user.name);
    statement.bind_text(3, identity::to_string(user.role)).bind_text(4, user.org_code);
    statement.bind_text(5, user.password_hash).bind_text(6, user.totp_secret);
    statement.bind_int64(7, user.disabled ? 1 : 0).bind_int64(8, user.failed_attempts);
    statement.bind_optional_int64(9, to_optional_ms(user.first_failure_at));
    statement.bind_optional_int64(10, to_optional_ms(user.locked_until));
    statement.bind_int64(11, to_unix_ms(user.created_at)).bind_text(12, user.email);
    const auto inserted = statement.run();
    if (!inserted) {
        const auto code = inserted.error().code();
        if (code == ErrorCode::kAlreadyExists) {
            return fail(Error(ErrorCode::kAlreadyExists, "username_taken",
                              "用户名 '" + user.username + "' 已被使用",
                              {{"username", "已被使用"}}));
        }
        if (code == ErrorCode::kFailedPrecondition) {
            return fail(Error::invalid("unknown_org", "单位代码 '" + user.org_code + "' 不存在",
                                       {{"org_code", "区划中没有这个代码"}}));
        }
        return fail(inserted.error());
    }
    return connection_.last_insert_rowid();
}

Status SqliteUserRepository::update_login_state(std::int64_t id, std::int64_t failed_attempts,
                                                std::optional<Timestamp> first_failure_at,
                                                std::optional<Timestamp> locked_until) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdateLoginState));
    statement.bind_int64(1, id).bind_int64(2, failed_attempts);
    statement.bind_optional_int64(3, to_optional_ms(first_failure_at));
    statement.bind_optional_int64(4, to_optional_ms(locked_until));
    return update_user(connection_, statement, id);
}

Status SqliteUserRepository::set_password_hash(std::int64_t id, const std::string& hash) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kSetPasswordHash));
    statement.bind_int64(1, id).bind_text(2, hash);
    return update_user(connection_, statement, id);
}

Status SqliteUserRepository::set_disabled(std::int64_t id, bool disabled) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kSetDisabled));
    statement.bind_int64(1, id).bind_int64(2, disabled ? 1 : 0);
    return update_user(connection_, statement, id);
}

Status SqliteUserRepository::set_totp_secret(std::int64_t id, const std::string& secret) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kSetTotpSecret));
    statement.bind_int64(1, id).bind_text(2, secret);
    return update_user(connection_, statement, id);
}

Status SqliteUserRepository::set_email(std::int64_t id, const std::string& email) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kSetEmail));
    statement.bind_int64(1, id).bind_text(2, email);
    return update_user(connection_, statement, id);
}

Result<regions::Page<User>> SqliteUserRepository::list(const identity::UserFilter& filter,
                                                       const regions::PageRequest& page) {
    RETURN_IF_ERROR(check_page(page));
    const std::string pattern = contains_pattern(filter.query);
    std::optional<std::string> role;
    if (filter.role) role = identity::to_string(*filter.role);
    regions::Page<User> result;
    {
        ASSIGN_OR_RETURN(auto total, connection_.prepare(kListTotal));
        total.bind_text(1, pattern).bind_optional_text(2, role);
        ASSIGN_OR_RETURN(result.total, read_count(total));
    }
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kList));
    query.bind_text(1, pattern).bind_optional_text(2, role);
    query.bind_int64(3, page.page_size).bind_int64(4, page.offset());
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) break;
        ASSIGN_OR_RETURN(auto user, read_user(query));
        result.items.push_back(std::move(user));
    }
    return result;
}

}  // namespace hx::storage::sqlite

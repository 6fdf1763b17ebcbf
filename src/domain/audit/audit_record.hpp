#pragma once
/// The audit log: one record per state change, login, failed login, lockout and logout,
/// written in the same transaction as the change and hash-chained (等保 level 3, 安全审计).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/regions/region.hpp"

namespace hx::audit {

enum class Outcome { kSuccess, kFailure, kDenied };
const char* to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(const std::string& text);

struct AuditRecord {
    std::int64_t seq = 0;
    Timestamp at;
    std::int64_t user_id = 0;  // 0 for anonymous
    std::string username;
    std::string role;
    std::string org_code;
    std::string action;  // e.g. session.login, user.create
    std::string object;  // e.g. user:42
    Outcome outcome = Outcome::kSuccess;
    std::string client_addr;
    std::string request_id;
    std::string detail;  // never a password, token or phone number
    std::string prev_hash;
    std::string hash;
};

/// The hex SHA-256 of prev_hash and every other field, length-prefixed so no two records
/// serialise alike.
std::string chain_hash(const AuditRecord& record);

struct AuditFilter {
    std::optional<Timestamp> from;
    std::optional<Timestamp> to;
    std::string username;
    std::string action;  // prefix match
    std::optional<Outcome> outcome;
};

class AuditRepository {
public:
    virtual ~AuditRepository() = default;
    virtual Result<std::optional<AuditRecord>> last() = 0;
    virtual Status append(const AuditRecord& record) = 0;
    virtual Result<regions::Page<AuditRecord>> list(const AuditFilter& filter,
                                                    const regions::PageRequest& page) = 0;
    /// Every record in `seq` order (stored order, not sorted by hash), for verification and export.
    virtual Status scan(const AuditFilter& filter,
                        const std::function<Status(const AuditRecord&)>& visit) = 0;
};

}  // namespace hx::audit

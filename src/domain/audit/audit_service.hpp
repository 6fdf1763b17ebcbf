#pragma once
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_record.hpp"
#include "domain/identity/user.hpp"
#include "domain/store.hpp"

namespace hx::audit {

/// What a use case says happened; the chain fields are filled by `record`.
struct Event {
    std::string action;
    std::string object;
    Outcome outcome = Outcome::kSuccess;
    std::string detail;
};

/// Appends one chained record inside the caller's write transaction.
Status record(Repositories& repos, const Clock& clock, const identity::Actor& actor,
              const Event& event);
/// The same for an anonymous request (a failed sign-in has no actor yet).
Status record(Repositories& repos, const Clock& clock, const identity::Origin& origin,
              const std::string& username, const Event& event);

struct Verification {
    std::int64_t records = 0;
    /// The first record whose hash, link or sequence does not hold; empty when all hold.
    std::optional<std::int64_t> first_bad_seq;
    std::string problem;
};

/// Walks the chain from the first record: an edited record fails its own hash, a removed one
/// breaks the sequence or the link, a reordered one breaks the link. The head (last seq and
/// hash) is also kept in settings so that removing the newest records is detected.
Result<Verification> verify(Store& store);

class AuditQueries {
public:
    explicit AuditQueries(Store& store) : store_(store) {}
    /// audit_admin only (三员分立: the auditor reads the log, nobody else does).
    Result<regions::Page<AuditRecord>> list(const identity::Actor& actor, const AuditFilter& filter,
                                            const regions::PageRequest& page);
    Status scan(const identity::Actor& actor, const AuditFilter& filter,
                const std::function<Status(const AuditRecord&)>& visit);

private:
    Store& store_;
};

}  // namespace hx::audit

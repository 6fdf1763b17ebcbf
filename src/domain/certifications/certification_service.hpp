#pragma once
/// The public face of the certifications (第十五条: the titles are shown on every portal) and
/// their dynamic management (第二十条). A change of status shows at once: nothing here is
/// cached beyond the HTTP layer's one-second micro-cache, which every write clears.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/identity/user.hpp"
#include "domain/store.hpp"

namespace hx::certifications {

/// What the verification page shows: the certification, its public history of sanctions.
struct Verification {
    Certification certification;
    std::vector<Sanction> sanctions;
};

/// A community's public record: every certification it held, newest first, with sanctions.
struct CommunityRecord {
    std::string community_code;
    std::vector<Verification> certifications;
};

struct SanctionRequest {
    SanctionKind kind = SanctionKind::kCriticism;
    std::string reason;
    std::optional<Timestamp> deadline;  // required for a rectification
};

inline constexpr std::int64_t kMaxGalleryPageSize = 200;

/// The city's ladder (settings key kSanctionPolicyKey), or the default when never set.
Result<SanctionPolicy> sanction_policy(Repositories& repos);

/// Checks a sanction request before any transaction: reason, and a deadline for a
/// rectification only (400).
Status validate_sanction(const SanctionRequest& request);

/// Applies one sanction inside the caller's write transaction (also used by the annual spot
/// check, 第十九条): the ladder of the city's policy, 409 on an inactive certification, 422 for a
/// deadline not in the future; the record, the status change and the audit record.
Result<Verification> apply_sanction(Repositories& repos, const Clock& clock, const identity::Actor& actor,
                                    const std::string& serial, const SanctionRequest& request);

class CertificationService {
public:
    CertificationService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// 404 for an unknown or malformed serial.
    Result<Verification> verify(const std::string& serial);
    /// The gallery: every status, newest first; page_size up to 200.
    Result<regions::Page<Certification>> gallery(const CertificationFilter& filter, const regions::PageRequest& page);
    /// 404 when the community never held a certification.
    Result<CommunityRecord> community(const std::string& community_code);
    Result<std::vector<SealPublicKey>> keys();
    /// Every certification a round issued (for its commendation notice), by district and star.
    Result<std::vector<Certification>> of_round(std::int64_t round_id);

    /// 第二十条 by city_social: criticism and warning leave the status; a rectification puts the
    /// certification under rectification until its deadline; a revocation revokes it at once.
    /// 409 on a revoked or superseded certification; 422 for a deadline not in the future.
    Result<Verification> sanction(const identity::Actor& actor, const std::string& serial,
                                  const SanctionRequest& request);

    Result<SanctionPolicy> policy();
    /// city_social; 400 when no sanction is enabled or the period is outside 7–365 days.
    Result<SanctionPolicy> set_policy(const identity::Actor& actor, const SanctionPolicy& policy);

private:
    Store& store_;
    const Clock& clock_;
};

}  // namespace hx::certifications

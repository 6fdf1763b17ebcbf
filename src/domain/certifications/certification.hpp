#pragma once
/// A certification (认定) and its title 北京市X星级智慧社区 (第十五条), with the sanctions of
/// dynamic management (第二十条) and the seal that makes its plaque verifiable.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/regions/region.hpp"

namespace hx::certifications {

/// The same four words everywhere (API, pages, exports): DESIGN.md §1 After naming.
enum class CertificationStatus { kValid, kUnderRectification, kRevoked, kSuperseded };
const char* to_string(CertificationStatus status);
std::optional<CertificationStatus> parse_status(std::string_view text);
const char* status_label(CertificationStatus status);  // 有效 / 整改中 / 已撤销 / 已被更高星级取代
/// Whether the community holds the star (for coverage and the next application's current star).
bool active(CertificationStatus status);

/// 第二十条: criticism, warning, rectification within a deadline, revocation.
enum class SanctionKind { kCriticism, kWarning, kRectification, kRevocation };
const char* to_string(SanctionKind kind);
std::optional<SanctionKind> parse_sanction_kind(std::string_view text);
const char* sanction_label(SanctionKind kind);  // 通报批评 / 警告 / 限期整改 / 撤销称号

/// The ladder of 第二十条, configurable by the city: which sanctions are in use, the default
/// rectification period, and whether a revocation must follow a failed rectification.
struct SanctionPolicy {
    std::vector<SanctionKind> enabled = {
        SanctionKind::kCriticism, SanctionKind::kWarning,
        SanctionKind::kRectification, SanctionKind::kRevocation};
    int rectification_days = 90;
    bool revocation_requires_rectification = false;
};

/// The settings key of the policy, and its text form (one `key=value` per line).
inline constexpr std::string_view kSanctionPolicyKey = "sanction_policy";
std::string encode_policy(const SanctionPolicy& policy);
Result<SanctionPolicy> decode_policy(std::string_view text);

struct Certification {
    std::string serial;  // BJZHSQ-<year>-<star>-<6 digits>
    std::int64_t round_id = 0;
    std::int64_t application_id = 0;
    std::string community_code;
    std::string community_name;  // as the division tree names it (多福巷社区)
    std::string full_name;       // 北京市东城区东华门街道多福巷社区
    std::string district_code;
    std::string district_name;
    std::string street_name;
    int star = 0;
    int year = 0;
    Timestamp issued_at;
    CertificationStatus status = CertificationStatus::kValid;
    std::string superseded_by;
    Timestamp status_changed_at;
    /// The signed canonical payload (plaque_payload), its SM2 signature and the key's id.
    std::string payload;
    std::string signature;
    std::string key_id;
};

struct Sanction {
    std::int64_t id = 0;
    std::string serial;
    SanctionKind kind = SanctionKind::kCriticism;
    std::string reason;
    std::optional<Timestamp> deadline;  // rectification only
    std::string created_by;
    Timestamp created_at;
};

/// A public key that sealed plaques; kept after rotation so that older plaques still verify.
struct SealPublicKey {
    std::string key_id;
    std::string public_pem;
    Timestamp created_at;
};

struct CertificationFilter {
    std::string district_code;
    std::optional<int> star;
    std::optional<int> year;
    std::optional<CertificationStatus> status;
    std::string query;  // a fragment of the community's name or code
    std::string community_code;
    std::optional<std::int64_t> round_id;
};

/// The star a community holds: the highest of its active certifications, 0 when none.
int held_star(const std::vector<Certification>& certifications);

/// 第十五条 names the issuing departments of the title.
const std::vector<std::string>& issuers();
/// 北京市三星级智慧社区
std::string title_of(int star);
/// BJZHSQ-2026-3-000001
std::string format_serial(int year, int star, std::int64_t sequence);
bool valid_serial(std::string_view serial);

/// The canonical text the seal signs: one `key=value` per line in a fixed order, UTF-8, no
/// trailing spaces, "\n" line ends. A verifier parses it back with parse_payload.
std::string plaque_payload(const Certification& certification);
/// The payload's fields (for `verify-plaque` and the verification page).
Result<std::vector<std::pair<std::string, std::string>>> parse_payload(std::string_view payload);

/// Signs payloads for plaques. Implemented over an SM2 key (seal.hpp) by the composition root.
class Sealer {
public:
    virtual ~Sealer() = default;
    [[nodiscard]] virtual std::string key_id() const = 0;
    [[nodiscard]] virtual std::string public_pem() const = 0;
    [[nodiscard]] virtual Result<std::string> sign(std::string_view payload) const = 0;
};

class CertificationRepository {
public:
    virtual ~CertificationRepository() = default;
    virtual Status insert(const Certification& certification) = 0;
    virtual Result<std::optional<Certification>> find(const std::string& serial) = 0;
    virtual Result<regions::Page<Certification>> list(const CertificationFilter& filter,
                                                      const regions::PageRequest& page) = 0;
    /// Every certification of one community, newest first.
    virtual Result<std::vector<Certification>> of_community(const std::string& community_code) = 0;
    virtual Status set_status(const std::string& serial, CertificationStatus status,
                              const std::string& superseded_by, Timestamp at) = 0;
    /// The next number of the year's serials (1, 2, …), counted in the database.
    virtual Result<std::int64_t> next_sequence(int year) = 0;

    virtual Result<std::int64_t> add_sanction(const Sanction& sanction) = 0;
    virtual Result<std::vector<Sanction>> sanctions(const std::string& serial) = 0;

    /// Adds the key when its id is new; no-op otherwise.
    virtual Status put_key(const SealPublicKey& key) = 0;
    virtual Result<std::vector<SealPublicKey>> keys() = 0;
};

}  // namespace hx::certifications

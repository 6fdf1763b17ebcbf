#pragma once
/// The public notice (公示, 第十四条3) of a round's proposed list: its period, the public's
/// comments (群众评议) with their dispositions, and the reproducible spot checks (抽查).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hx::notice {

/// A round's notice: published once by city_social, open for the round's notice days.
struct Notice {
    std::int64_t round_id = 0;
    Timestamp starts_at;
    Timestamp ends_at;  // exclusive: the notice is open while starts_at <= now < ends_at
    std::string published_by;
    std::optional<Timestamp> finalized_at;
};

enum class NoticePhase { kOpen, kEnded, kFinalized };
NoticePhase phase_of(const Notice& notice, Timestamp now);
const char* to_string(NoticePhase phase);
const char* phase_label(NoticePhase phase);  // 公示中 / 公示期满 / 已完成认定

/// 群众评议 moderation: a comment waits in the queue until the city accepts it or marks it as
/// spam (the honeypot marks a robot's comment as spam at once). Only accepted and pending
/// comments need a disposition before the round is finalized.
enum class Moderation { kPending, kAccepted, kSpam };
enum class Disposition { kUpheld, kDismissed };
const char* to_string(Moderation moderation);
const char* to_string(Disposition disposition);
std::optional<Moderation> parse_moderation(std::string_view text);
std::optional<Disposition> parse_disposition(std::string_view text);
const char* disposition_label(Disposition disposition);  // 属实 / 不属实

struct Comment {
    std::int64_t id = 0;
    std::int64_t round_id = 0;
    std::int64_t application_id = 0;
    std::string community_code;
    std::string community_name;
    std::string content;
    std::string name;           // optional in front (前台自愿)
    std::string phone_sealed;   // encrypted (后台实名); never shown
    std::string phone_masked;   // 138****8000
    std::string phone_digest;   // keyed hash: rate limits without the number
    std::string client_addr;
    Timestamp created_at;
    Moderation moderation = Moderation::kPending;
    std::optional<Disposition> disposition;
    std::string response;
    std::string disposed_by;
    std::optional<Timestamp> disposed_at;
};

/// A candidate of the draw: a proposed community of the notice.
struct DrawCandidate {
    std::int64_t application_id = 0;
    std::string community_code;
    std::string district_code;
};

/// A person who may inspect, with the district they belong to ("" for the city level).
struct Inspector {
    std::string username;
    std::string district_code;
};

/// The city's promise before a draw: the SHA-256 of a seed it keeps secret until the draw.
struct Commitment {
    std::int64_t round_id = 0;
    std::string seed_sha256;
    std::string committed_by;
    Timestamp committed_at;
    std::optional<std::string> seed;  // revealed by the draw
    std::optional<Timestamp> drawn_at;
    int per_district = 0;
    double rate = 0;
    int inspectors_per_check = 0;
    std::vector<DrawCandidate> candidates;  // what the draw ran on, for anyone to re-run it
    std::vector<Inspector> inspector_pool;
};

struct SpotCheck {
    std::int64_t id = 0;
    std::int64_t round_id = 0;
    std::int64_t application_id = 0;
    std::string community_code;
    std::string community_name;
    std::string district_code;
    std::vector<std::string> inspectors;  // usernames, never of the community's district
    std::optional<bool> passed;
    std::string findings;
    std::string recorded_by;
    std::optional<Timestamp> recorded_at;
};

struct SpotCheckPhoto {
    std::int64_t id = 0;
    std::int64_t spot_check_id = 0;
    std::string sha256;
    std::int64_t size = 0;
    std::string content_type;
    std::string file_name;
    std::string uploaded_by;
    Timestamp uploaded_at;
};

/// A phone confirmation code: stored as a keyed digest, valid ten minutes, five tries.
struct PhoneCode {
    std::string phone_digest;
    std::string code_digest;
    Timestamp sent_at;
    Timestamp expires_at;
    int attempts = 0;
};

/// One public write counted for rate limits (a code sent, a comment made), keyed by the
/// digest of a phone number or of a client address.
enum class PublicAction { kPhoneCode, kComment };
const char* to_string(PublicAction action);

class NoticeRepository {
public:
    virtual ~NoticeRepository() = default;
    /// kAlreadyExists when the round's notice was published already.
    virtual Status insert(const Notice& notice) = 0;
    virtual Result<std::optional<Notice>> find(std::int64_t round_id) = 0;
    virtual Result<std::vector<Notice>> list() = 0;  // newest first
    virtual Status set_finalized(std::int64_t round_id, Timestamp at) = 0;

    virtual Result<std::int64_t> add_comment(const Comment& comment) = 0;
    virtual Result<std::optional<Comment>> find_comment(std::int64_t id) = 0;
    virtual Result<std::vector<Comment>> comments(std::int64_t round_id) = 0;
    virtual Status update_comment(const Comment& comment) = 0;

    virtual Status put_phone_code(const PhoneCode& code) = 0;
    virtual Result<std::optional<PhoneCode>> phone_code(const std::string& phone_digest) = 0;
    virtual Status delete_phone_code(const std::string& phone_digest) = 0;
    virtual Status count_action(PublicAction action, const std::string& key_digest, Timestamp at) = 0;
    virtual Result<std::int64_t> actions_since(PublicAction action, const std::string& key_digest,
                                               Timestamp since) = 0;

    /// kAlreadyExists when the round already has a commitment.
    virtual Status insert_commitment(const Commitment& commitment) = 0;
    virtual Result<std::optional<Commitment>> commitment(std::int64_t round_id) = 0;
    virtual Status update_commitment(const Commitment& commitment) = 0;
    virtual Result<std::int64_t> add_spot_check(const SpotCheck& check) = 0;
    virtual Result<std::optional<SpotCheck>> find_spot_check(std::int64_t id) = 0;
    virtual Result<std::vector<SpotCheck>> spot_checks(std::int64_t round_id) = 0;
    virtual Status update_spot_check(const SpotCheck& check) = 0;
    virtual Result<std::int64_t> add_photo(const SpotCheckPhoto& photo) = 0;
    virtual Result<std::vector<SpotCheckPhoto>> photos(std::int64_t spot_check_id) = 0;
};

// --- The draw (抽查), reproducible by anyone who has the seed and the list -------------------

struct DrawRequest {
    std::string seed;
    int per_district = 0;  // a number per district, or
    double rate = 0;       // a share of each district's proposed communities (rounded up)
    int inspectors_per_check = 2;
};

struct DrawnCheck {
    std::int64_t application_id = 0;
    std::string community_code;
    std::string district_code;
    std::vector<std::string> inspectors;
};

/// The draw: in each district (by code), the candidates ordered by SHA-256(seed ":" code) are
/// taken from the front; each drawn community's inspectors are those, not of its district,
/// ordered by SHA-256(seed ":" code ":" username). Same seed and list, same result.
Result<std::vector<DrawnCheck>> draw(const DrawRequest& request, std::vector<DrawCandidate> candidates,
                                     const std::vector<Inspector>& inspectors);

// --- Phone numbers (后台实名) -----------------------------------------------------------------

/// A mainland mobile number: 11 digits starting with 1[3-9]; spaces and dashes removed.
std::optional<std::string> normalize_phone(std::string_view text);
/// 13800138000 → 138****8000
std::string mask_phone(std::string_view phone);

/// Encrypts phone numbers for storage (SM4-CTR with HMAC-SM3, encrypt-then-MAC; format in
/// phone_protector.hpp) and derives the keyed digest used to count without the number
/// (HMAC-SM3). The key comes from the secrets file, never from the database.
class PhoneProtector {
public:
    /// `key` must be 32 bytes.
    static Result<PhoneProtector> create(std::string key);
    [[nodiscard]] std::string seal(std::string_view phone) const;  // base64
    [[nodiscard]] Result<std::string> open(std::string_view sealed) const;
    [[nodiscard]] std::string digest(std::string_view text) const;  // hex

private:
    explicit PhoneProtector(std::string key) : key_(std::move(key)) {}
    std::string key_;
};

}  // namespace hx::notice

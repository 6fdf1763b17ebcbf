#pragma once
/// The public part of 第十四条3 and 第十五条: the seven-day notice of the proposed list, the
/// public's comments with the city's dispositions, the reproducible spot checks, and the
/// naming (finalize) that issues the certifications. Checks run in the order of DESIGN.md §3:
/// the request (400), the role (403), the object (404), its state (409), the rules (422).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/applications/application.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/identity/user.hpp"
#include "domain/notice/notice.hpp"
#include "domain/rounds/round.hpp"
#include "domain/store.hpp"

namespace hx::notice {

/// Sends the phone confirmation codes. The default provider writes them to the server log
/// (development and tests); a deployment plugs in its SMS gateway here.
class SmsSender {
public:
    virtual ~SmsSender() = default;
    virtual Status send(const std::string& phone, const std::string& text) = 0;
};

/// One community of the proposed list as the public sees it.
struct NoticeItem {
    std::int64_t application_id = 0;
    std::string community_code;
    std::string community_name;
    std::string district_code;
    std::string district;
    std::string street;
    int star = 0;
    applications::State state = applications::State::kProposed;
};

/// A spot check as the notice page shows it: who was drawn and the result, not the findings.
struct PublicSpotCheck {
    std::string community_code;
    std::string community_name;
    std::string district_code;
    std::optional<bool> passed;
};

struct NoticeView {
    rounds::Round round;
    Notice notice;
    NoticePhase phase = NoticePhase::kOpen;
    Timestamp now;
    std::vector<NoticeItem> items;  // by district, then rank, then code
    std::optional<Commitment> commitment;  // the seed only after the draw
    std::vector<PublicSpotCheck> spot_checks;
};

struct CommentRequest {
    std::string community_code;
    std::string content;
    std::string name;
    std::string phone;
    std::string phone_code;
    std::string honeypot;  // a field people never see; robots fill it
};

struct PhoneCodeSent {
    std::string masked;
    std::int64_t expires_in_seconds = 0;
    std::string code;  // for the handler to show under --test-clock only
};

/// A comment as the city sees it (the sealed number is never shown; the masked one is).
struct DispositionRequest {
    Disposition result = Disposition::kDismissed;
    std::string response;
    /// An upheld comment leads to a new decision: a lower star, or 0 to withdraw (第十四条3).
    std::optional<int> star;
};

struct SpotCheckResult {
    bool passed = false;
    std::string findings;
    /// A failed check leads to a new decision: a lower star, or 0 to withdraw.
    std::optional<int> star;
};

struct Draw {
    Commitment commitment;
    std::vector<SpotCheck> checks;
};

struct Certified {
    std::string community_code;
    std::string community_name;
    int star = 0;
    std::string serial;
};

/// A re-run of a published draw (`huixing spot-check verify`).
struct DrawVerification {
    bool commitment_holds = false;  // sha256(seed) is the published commitment
    bool same_draw = false;         // the stored checks are what the seed draws from the list
    std::vector<DrawnCheck> expected;
    std::vector<SpotCheck> stored;
};

inline constexpr std::size_t kMaxCommentChars = 2000;
inline constexpr std::size_t kMaxPhotoBytes = 20 * 1024 * 1024;

class NoticeService {
public:
    /// `phones` is null when the deployment has no secrets directory: comments are then refused.
    NoticeService(Store& store, applications::FileStore& files, const Clock& clock, const PhoneProtector* phones,
                  SmsSender& sms, const certifications::Sealer& sealer)
        : store_(store), files_(files), clock_(clock), phones_(phones), sms_(sms), sealer_(sealer) {}

    /// 第十四条3: city_social publishes the proposed list for the round's notice days. 409 when
    /// published already or while applications of the round still wait for a decision.
    Result<NoticeView> publish(const identity::Actor& actor, std::int64_t round_id);
    /// The notice as the public sees it; 404 until it is published.
    Result<NoticeView> public_notice(std::int64_t round_id);
    /// Every published notice, newest first (the portal index and the Atom feed).
    Result<std::vector<NoticeView>> public_notices();

    Result<PhoneCodeSent> send_phone_code(const identity::Origin& origin, const std::string& phone);
    /// 201 with the id; 422 `notice_closed` outside the notice, `phone_code_invalid`; 429.
    Result<std::int64_t> comment(const identity::Origin& origin, std::int64_t round_id,
                                 const CommentRequest& request);
    /// The city's queue: every comment of the round, newest last (city roles only).
    Result<std::vector<Comment>> comments(const identity::Actor& actor, std::int64_t round_id);
    Result<Comment> moderate(const identity::Actor& actor, std::int64_t comment_id, Moderation moderation);
    Result<Comment> dispose(const identity::Actor& actor, std::int64_t comment_id, const DispositionRequest& request);

    Result<Commitment> commit(const identity::Actor& actor, std::int64_t round_id, const std::string& seed_sha256);
    Result<Draw> draw(const identity::Actor& actor, std::int64_t round_id, const DrawRequest& request);
    Result<std::vector<SpotCheck>> spot_checks(const identity::Actor& actor, std::int64_t round_id);
    Result<SpotCheck> record_result(const identity::Actor& actor, std::int64_t spot_check_id,
                                    const SpotCheckResult& result);
    Result<SpotCheckPhoto> add_photo(const identity::Actor& actor, std::int64_t spot_check_id,
                                     const std::string& file_name, const std::string& bytes);
    Result<std::pair<SpotCheckPhoto, std::string>> photo_file(const identity::Actor& actor,
                                                              std::int64_t spot_check_id, std::int64_t photo_id);
    Result<std::vector<SpotCheckPhoto>> photos(const identity::Actor& actor, std::int64_t spot_check_id);

    /// 第十五条: 409 until the notice is over, every comment disposed and every check recorded.
    Result<std::vector<Certified>> finalize(const identity::Actor& actor, std::int64_t round_id);

    /// Re-runs a published draw from the stored list and seed.
    Result<DrawVerification> verify_draw(std::int64_t round_id);

private:
    Status revise(Repositories& repos, const identity::Actor& actor, std::int64_t application_id, int star,
                  const std::string& reason);

    Store& store_;
    applications::FileStore& files_;
    const Clock& clock_;
    const PhoneProtector* phones_;
    SmsSender& sms_;
    const certifications::Sealer& sealer_;
};

}  // namespace hx::notice

#pragma once
/// The application workflow of 第十二–十四条: self-assessment, submission, the street's
/// forwarding, the three district departments' joint review, the ranked recommendation, the
/// city's expert evaluation and decision. Every transition checks, in this order, the role
/// (403), the scope (404), the state (409) and the rules and clock (422); records who, when
/// and why; and writes its audit record in the same transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/applications/application.hpp"
#include "domain/identity/user.hpp"
#include "domain/rounds/round.hpp"
#include "domain/standards/rating.hpp"
#include "domain/standards/standard_service.hpp"
#include "domain/store.hpp"

namespace hx::applications {

/// An application as one caller may see it.
struct ApplicationView {
    Application application;
    rounds::Round round;
    /// The star the claimed indicators earn now, with the explanation (live, not stored).
    standards::RatingResult rating;
    /// The star the community may apply for now: the rating capped by the round (★★★ in a
    /// pilot round, 第十三条1).
    int eligible_star = 0;
    std::vector<Event> events;
    std::vector<DistrictReview> reviews;
    std::vector<Evidence> evidence;
    std::vector<Assignment> assignments;   // city roles and assigned evaluators only
    std::vector<Evaluation> evaluations;   // city roles; an evaluator sees their own
    /// The star the majority-verified indicators earn (city roles, once evaluations exist).
    std::optional<int> verified_eligible_star;
    bool sealed = false;  // results hidden from the community until the notice (第十四条3)
    bool notice_published = false;
};

struct TransitionRequest {
    std::string decision;  // forward|return (street), approve|reject (district)
    std::string opinion;
    std::optional<int> rank;
    std::optional<int> star;
};

struct EvaluationRequest {
    std::vector<IndicatorCheck> checks;
    /// DESIGN.md §3's shorthand instead of `checks`: the verified codes; every claimed code not
    /// listed is not verified, with the opinion as its reason.
    std::optional<std::vector<std::string>> verified;
    bool effective = false;
    std::string opinion;
};

struct Upload {
    std::string indicator_code;  // empty: general; "mechanism": the long-term mechanism
    std::string file_name;
    std::string bytes;
};

/// One thing waiting for the caller, with its deadline (the to-do list of the console's home).
struct TodoItem {
    std::int64_t application_id = 0;
    std::int64_t round_id = 0;
    std::string round_name;
    std::string community_code;
    std::string community_name;
    State state = State::kDraft;
    Action action = Action::kSubmit;  // what the caller is to do
    Timestamp due_at;
    std::int64_t days_left = 0;       // whole days until due_at (negative: overdue)
    /// Reminders fall 7, 3 and 1 days before a deadline (in the console; by mail where SMTP is
    /// configured): true from seven days before.
    bool reminder = false;
};

/// A district's recommendation package as the city receives it (第十四条2: 申报表一式三份,
/// 分别报市社会办、市经济信息化委、市民政局): the recommended applications by rank, and which of
/// the three departments confirmed receipt.
struct DistrictPackage {
    std::string district_code;
    std::string district_name;
    std::vector<Application> applications;
    std::vector<Receipt> receipts;
};

/// What the application form (申报表, 第十四条2) prints: the application as the caller may see
/// it, the names of its district and street, and its round's standard.
struct FormData {
    ApplicationView view;
    std::string district_name;
    std::string street_name;
    standards::Standard standard;
};

/// One line of a district's recommendation list (推荐名单).
struct RecommendationListEntry {
    Application application;
    std::string street_name;
    int eligible_star = 0;
    std::vector<DistrictReview> reviews;
};

/// A district's ranked recommendation list of a round with the city departments' receipts.
struct RecommendationListData {
    rounds::Round round;
    DistrictPackage package;
    std::vector<RecommendationListEntry> entries;  // by rank
    Timestamp generated_at;
};

inline constexpr std::size_t kMaxEvidenceBytes = 20 * 1024 * 1024;
inline constexpr std::size_t kMaxEvidencePerApplication = 200;

class ApplicationService {
public:
    ApplicationService(Store& store, FileStore& files, standards::StandardService& standards,
                       const Clock& clock)
        : store_(store), files_(files), standards_(standards), clock_(clock) {}

    /// What waits for the caller in the open rounds, soonest deadline first.
    Result<std::vector<TodoItem>> todo(const identity::Actor& actor);

    Result<ApplicationView> create(const identity::Actor& actor, std::int64_t round_id,
                                   const std::string& community_code, int target_star);
    Result<ApplicationView> get(const identity::Actor& actor, std::int64_t id);
    Result<std::vector<Application>> list(const identity::Actor& actor, std::int64_t round_id,
                                          std::optional<State> state);

    /// Saves the draft (or the returned application's revision); returns it with the live rating.
    Result<ApplicationView> save_assessment(const identity::Actor& actor, std::int64_t id,
                                            const Assessment& assessment,
                                            std::optional<int> target_star);
    Result<Evidence> add_evidence(const identity::Actor& actor, std::int64_t id, const Upload& upload);
    /// The bytes of one evidence file, for a caller who may see the application.
    Result<std::pair<Evidence, std::string>> evidence_file(const identity::Actor& actor,
                                                           std::int64_t application_id,
                                                           std::int64_t evidence_id);

    Result<ApplicationView> submit(const identity::Actor& actor, std::int64_t id);
    Result<ApplicationView> withdraw(const identity::Actor& actor, std::int64_t id,
                                     const std::string& reason);
    Result<ApplicationView> street_review(const identity::Actor& actor, std::int64_t id,
                                          const TransitionRequest& request);
    Result<ApplicationView> district_review(const identity::Actor& actor, std::int64_t id,
                                            const TransitionRequest& request);
    Result<ApplicationView> district_return(const identity::Actor& actor, std::int64_t id,
                                            const std::string& opinion);
    Result<ApplicationView> recommend(const identity::Actor& actor, std::int64_t id, int rank,
                                      const std::string& opinion);
    Result<ApplicationView> assign_evaluator(const identity::Actor& actor, std::int64_t id,
                                             const std::string& username,
                                             std::optional<Timestamp> due_at);
    Result<ApplicationView> evaluate(const identity::Actor& actor, std::int64_t id,
                                     const EvaluationRequest& request);
    Result<ApplicationView> decide(const identity::Actor& actor, std::int64_t id, int star,
                                   const std::string& opinion);

    /// The recommendation packages of a round: every district for the city, its own for a
    /// district department.
    Result<std::vector<DistrictPackage>> recommendations(const identity::Actor& actor, std::int64_t round_id);
    /// A city department confirms it received a district's package; 409 when it did already or
    /// the district recommended nothing.
    Result<DistrictPackage> receive(const identity::Actor& actor, std::int64_t round_id,
                                    const std::string& district_code);

    /// The 申报表 of an application for anyone who may read it (404 outside the caller's scope).
    Result<FormData> form(const identity::Actor& actor, std::int64_t id);
    /// A district's recommendation list: the city departments and that district's departments
    /// (403 for other roles; 404 for another district or a district that recommended nothing).
    Result<RecommendationListData> recommendation_list(const identity::Actor& actor, std::int64_t round_id,
                                                       const std::string& district_code);

private:
    /// Runs one transition in a write transaction: role, scope, state, then `rules`, which may
    /// change the application; then the version bump, the event and the audit record.
    using Rules = std::function<Status(Repositories&, Application&, const rounds::Round&, Event&)>;
    Result<ApplicationView> transition(const identity::Actor& actor, std::int64_t id, Action action,
                                       const std::string& opinion, const Rules& rules);
    Result<ApplicationView> view(const identity::Actor& actor, std::int64_t id);
    Result<std::shared_ptr<const standards::RatingEngine>> engine_of(const rounds::Round& round);

    Store& store_;
    FileStore& files_;
    standards::StandardService& standards_;
    const Clock& clock_;
};

/// The scope prefix within which a role may see applications ("" = none).
std::string application_scope(const identity::Actor& actor);

/// The end of every transition, inside the caller's write transaction: the event (who, when,
/// from `event.from` to the application's new state), the version bump (a stale writer gets
/// 409) and the audit record. The notice's dispositions, spot checks and finalize use it too.
Status record_transition(Repositories& repos, const Clock& clock, const identity::Actor& actor,
                         Application& application, Event& event);

}  // namespace hx::applications

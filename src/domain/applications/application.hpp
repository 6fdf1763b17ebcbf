#pragma once
/// An application (申报) and its life (DESIGN.md §1, 第十二–十四条): one per community and round.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/role.hpp"

namespace hx::applications {

enum class State {
    kDraft,
    kSubmitted,
    kReturned,
    kStreetApproved,
    kDistrictReviewed,
    kNotRecommended,
    kRecommended,
    kEvaluating,
    kProposed,
    kRejected,
    kWithdrawn,
    kCertified,
};

const char* to_string(State state);
std::optional<State> parse_state(std::string_view text);
const char* state_label(State state);  // 草稿, 已提交, …

/// Every action that moves an application, as the audit log and the history name it.
enum class Action {
    kSubmit,          // community, draft → submitted (≤ community deadline)
    kResubmit,        // community, returned → submitted (≤ district deadline)
    kWithdraw,        // community, any state before a decision → withdrawn
    kStreetForward,   // street, submitted → street_approved (第十四条1 书面申请)
    kStreetReturn,    // street, submitted → returned
    kDistrictReview,  // each district department once, street_approved → (district_reviewed |
                      // not_recommended); the state moves when all three approved or one rejects
    kDistrictReturn,  // district_social, street_approved → returned (before the district deadline)
    kRecommend,       // district_social, district_reviewed → recommended (≤ district deadline)
    kAssignEvaluator, // city_social, recommended → evaluating (first assignment)
    kEvaluate,        // an assigned evaluator, evaluating → evaluating
    kDecide,          // city_social, evaluating → proposed | rejected
    kRevise,          // city_social, proposed → proposed (a lower star) | withdrawn: a comment
                      // upheld or a spot check failed during the notice (第十四条3)
    kFinalize,        // city_social, proposed → certified, after the notice (第十五条)
};

const char* to_string(Action action);
std::optional<Action> parse_action(std::string_view text);
const char* action_label(Action action);

/// One row of the transition table: who may do `action` in which states.
struct Transition {
    Action action;
    identity::Role role;
    std::vector<State> from;
};

/// The one transition table. A role/action/state combination not in it is refused.
const std::vector<Transition>& transitions();
/// The transition for an action by a role, or null when the role may never do it.
const Transition* find_transition(Action action, identity::Role role);
/// Whether the application may still be withdrawn (before a decision).
bool withdrawable(State state);
/// Results of the evaluation stay sealed from the community until the notice is published.
bool sealed_for_community(State state);

/// The community's claims beside its indicators.
struct Assessment {
    std::vector<std::string> achieved;  // indicator codes of the round's standard
    bool mechanism = false;             // 长效机制 (第十三条1)
    std::string mechanism_note;
    bool effective = false;             // 作用发挥好: the community's claim (第十三条2)
    std::string effectiveness_note;     // 作用发挥情况
};

struct Application {
    std::int64_t id = 0;
    std::int64_t round_id = 0;
    std::string community_code;
    std::string community_name;
    std::string street_code;
    std::string district_code;
    int current_star = 0;  // the star the community holds when it applies
    int target_star = 0;
    State state = State::kDraft;
    Assessment assessment;
    std::optional<int> recommendation_rank;
    std::optional<int> decided_star;  // 0: rejected
    std::optional<Timestamp> submitted_at;
    Timestamp created_at;
    Timestamp updated_at;
    std::int64_t version = 1;  // bumped by every change; a stale writer gets 409
};

/// One entry of an application's history: who did what, when, with which opinion.
struct Event {
    std::int64_t id = 0;
    std::int64_t application_id = 0;
    Timestamp at;
    std::int64_t user_id = 0;
    std::string username;
    identity::Role role = identity::Role::kCommunity;
    Action action = Action::kSubmit;
    State from = State::kDraft;
    State to = State::kDraft;
    std::string decision;  // forward/return/approve/reject where the action has one
    std::string opinion;
};

/// One district department's review (第十四条2 会同审核).
struct DistrictReview {
    identity::Role role = identity::Role::kDistrictSocial;
    bool approved = false;
    std::string opinion;
    std::string username;
    Timestamp at;
};

/// An evidence file (佐证材料), stored by content hash; the user's file name is kept as data only.
struct Evidence {
    std::int64_t id = 0;
    std::int64_t application_id = 0;
    std::string indicator_code;  // empty: general; "mechanism": the long-term mechanism
    std::string sha256;
    std::int64_t size = 0;
    std::string content_type;
    std::string file_name;
    std::string uploaded_by;
    Timestamp uploaded_at;
};

struct Assignment {
    std::int64_t application_id = 0;
    std::string evaluator;       // username
    std::string evaluator_org;   // the evaluator's home unit
    Timestamp due_at;
    Timestamp assigned_at;
};

/// One evaluator's verification of every claimed indicator (第十四条3 评估).
struct IndicatorCheck {
    std::string code;
    bool verified = false;
    std::string reason;
};

struct Evaluation {
    std::int64_t application_id = 0;
    std::string evaluator;
    std::vector<IndicatorCheck> checks;
    bool effective = false;
    std::string opinion;
    Timestamp at;
};

/// One city department's receipt of a district's recommendation package (第十四条2 一式三份).
struct Receipt {
    std::int64_t round_id = 0;
    std::string district_code;
    identity::Role role = identity::Role::kCitySocial;
    std::string username;
    Timestamp at;
};

struct ApplicationFilter {
    std::int64_t round_id = 0;
    std::optional<State> state;
    std::string scope;  // division-code prefix of the caller
    std::string evaluator;  // only applications assigned to this evaluator, when set
};

class ApplicationRepository {
public:
    virtual ~ApplicationRepository() = default;
    /// kAlreadyExists when the community already has an application in the round.
    virtual Result<std::int64_t> insert(const Application& application) = 0;
    /// The application if its community lies in `scope` (a prefix; "" is refused).
    virtual Result<std::optional<Application>> find(std::int64_t id, const std::string& scope) = 0;
    /// Writes every field; kFailedPrecondition (`stale`) unless the stored version is
    /// `application.version - 1` — the compare-and-set that makes racing transitions safe.
    virtual Status update(const Application& application) = 0;
    virtual Result<std::vector<Application>> list(const ApplicationFilter& filter) = 0;

    virtual Status add_event(const Event& event) = 0;
    virtual Result<std::vector<Event>> events(std::int64_t application_id) = 0;

    virtual Status put_review(std::int64_t application_id, const DistrictReview& review) = 0;
    virtual Result<std::vector<DistrictReview>> reviews(std::int64_t application_id) = 0;
    virtual Status clear_reviews(std::int64_t application_id) = 0;

    virtual Result<std::int64_t> add_evidence(const Evidence& evidence) = 0;
    virtual Result<std::vector<Evidence>> evidence(std::int64_t application_id) = 0;
    virtual Result<std::optional<Evidence>> find_evidence(std::int64_t evidence_id) = 0;

    virtual Status add_assignment(const Assignment& assignment) = 0;
    virtual Result<std::vector<Assignment>> assignments(std::int64_t application_id) = 0;
    virtual Status put_evaluation(const Evaluation& evaluation) = 0;
    virtual Result<std::vector<Evaluation>> evaluations(std::int64_t application_id) = 0;

    /// kAlreadyExists when the department already confirmed this district's package.
    virtual Status add_receipt(const Receipt& receipt) = 0;
    virtual Result<std::vector<Receipt>> receipts(std::int64_t round_id) = 0;
};

/// Where evidence bytes live: by content hash, outside any served directory. `put` returns
/// only after the bytes are written and synced (file and directory), so a commit that
/// references the hash never points at a file a crash could lose.
class FileStore {
public:
    virtual ~FileStore() = default;
    virtual Result<std::string> put(std::string_view bytes) = 0;  // returns the SHA-256 hex
    virtual Result<std::string> get(const std::string& sha256) = 0;
};

}  // namespace hx::applications

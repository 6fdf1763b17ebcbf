#include "storage/sqlite/application_repository.hpp"

#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/sha256.hpp"
#include "storage/sqlite/query_support.hpp"
#include "storage/sqlite/stats_counters.hpp"

namespace hx::storage::sqlite {

using applications::Action;
using applications::Application;
using applications::Assignment;
using applications::DistrictReview;
using applications::Evaluation;
using applications::Event;
using applications::Evidence;
using applications::IndicatorCheck;
using applications::Receipt;
using applications::State;

namespace {

// ---- SQL ---------------------------------------------------------------------------------------
// Every read of an application selects the same twenty columns, in this order.

constexpr std::string_view kFind = R"sql(
SELECT id, round_id, community_code, community_name, street_code, district_code, current_star,
       target_star, state, achieved, mechanism, mechanism_note, effective, effectiveness_note,
       recommendation_rank, decided_star, submitted_at, created_at, updated_at, version
  FROM applications
 WHERE id = ?1 AND community_code >= ?2 AND community_code < ?3)sql";

// ?1 round, ?2 and ?3 the scope's code range, ?4 state (NULL: any), ?5 evaluator ('': any).
// The code range runs on the UNIQUE (round_id, community_code) index.
constexpr std::string_view kList = R"sql(
SELECT a.id, a.round_id, a.community_code, a.community_name, a.street_code, a.district_code,
       a.current_star, a.target_star, a.state, a.achieved, a.mechanism, a.mechanism_note,
       a.effective, a.effectiveness_note, a.recommendation_rank, a.decided_star, a.submitted_at,
       a.created_at, a.updated_at, a.version
  FROM applications a
 WHERE a.round_id = ?1 AND a.community_code >= ?2 AND a.community_code < ?3
   AND (?4 IS NULL OR a.state = ?4)
   AND (?5 = '' OR EXISTS (SELECT 1 FROM evaluator_assignments e
                            WHERE e.application_id = a.id AND e.evaluator = ?5))
 ORDER BY a.district_code, a.recommendation_rank NULLS LAST, a.community_code)sql";

// ?1 … ?19 are the same fields in insert and update; update adds ?20 the id, ?21 the version
// the caller read.
constexpr std::string_view kInsert = R"sql(
INSERT INTO applications (round_id, community_code, community_name, street_code, district_code,
                          current_star, target_star, state, achieved, mechanism, mechanism_note,
                          effective, effectiveness_note, recommendation_rank, decided_star,
                          submitted_at, created_at, updated_at, version)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE applications
   SET round_id = ?1, community_code = ?2, community_name = ?3, street_code = ?4,
       district_code = ?5, current_star = ?6, target_star = ?7, state = ?8, achieved = ?9,
       mechanism = ?10, mechanism_note = ?11, effective = ?12, effectiveness_note = ?13,
       recommendation_rank = ?14, decided_star = ?15, submitted_at = ?16, created_at = ?17,
       updated_at = ?18, version = ?19
 WHERE id = ?20 AND version = ?21)sql";

constexpr std::string_view kAddEvent = R"sql(
INSERT INTO application_events (application_id, at, user_id, username, role, action, from_state,
                                to_state, decision, opinion)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql";

constexpr std::string_view kEvents = R"sql(
SELECT id, application_id, at, user_id, username, role, action, from_state, to_state, decision,
       opinion
  FROM application_events
 WHERE application_id = ?1
 ORDER BY id)sql";

constexpr std::string_view kPutReview = R"sql(
INSERT INTO district_reviews (application_id, role, approved, opinion, username, at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (application_id, role) DO UPDATE
   SET approved = excluded.approved, opinion = excluded.opinion, username = excluded.username,
       at = excluded.at)sql";

constexpr std::string_view kReviews = R"sql(
SELECT role, approved, opinion, username, at
  FROM district_reviews
 WHERE application_id = ?1
 ORDER BY at, role)sql";

constexpr std::string_view kClearReviews = "DELETE FROM district_reviews WHERE application_id = ?1";

constexpr std::string_view kAddEvidence = R"sql(
INSERT INTO evidence (application_id, indicator_code, sha256, size, content_type, file_name,
                      uploaded_by, uploaded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql";

constexpr std::string_view kEvidence = R"sql(
SELECT id, application_id, indicator_code, sha256, size, content_type, file_name, uploaded_by,
       uploaded_at
  FROM evidence
 WHERE application_id = ?1
 ORDER BY id)sql";

constexpr std::string_view kFindEvidence = R"sql(
SELECT id, application_id, indicator_code, sha256, size, content_type, file_name, uploaded_by,
       uploaded_at
  FROM evidence
 WHERE id = ?1)sql";

constexpr std::string_view kAddAssignment = R"sql(
INSERT INTO evaluator_assignments (application_id, evaluator, evaluator_org, due_at, assigned_at)
VALUES (?1, ?2, ?3, ?4, ?5))sql";

constexpr std::string_view kAssignments = R"sql(
SELECT application_id, evaluator, evaluator_org, due_at, assigned_at
  FROM evaluator_assignments
 WHERE application_id = ?1
 ORDER BY assigned_at, evaluator)sql";

constexpr std::string_view kPutEvaluation = R"sql(
INSERT INTO evaluations (application_id, evaluator, checks, effective, opinion, at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (application_id, evaluator) DO UPDATE
   SET checks = excluded.checks, effective = excluded.effective, opinion = excluded.opinion,
       at = excluded.at)sql";

constexpr std::string_view kEvaluations = R"sql(
SELECT application_id, evaluator, checks, effective, opinion, at
  FROM evaluations
 WHERE application_id = ?1
 ORDER BY at, evaluator)sql";

// ---- Words -------------------------------------------------------------------------------------

// ---- Rows --------------------------------------------------------------------------------------

std::string application_name(std::int64_t id) {
    return "申报 #" + std::to_string(id);
}

/// A row the code cannot read: the database was changed outside huixing (or by a newer one).
Error corrupt(std::string_view table, std::int64_t id, const std::string& what) {
    return Error::internal(std::string(table) + " row " + std::to_string(id) + ": " + what);
}

std::optional<int> to_int(std::int64_t value) {
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        return std::nullopt;
    }
    return static_cast<int>(value);
}

std::optional<std::int64_t> to_optional_int64(const std::optional<int>& value) {
    if (!value) return std::nullopt;
    return *value;
}

std::optional<std::int64_t> to_optional_ms(const std::optional<Timestamp>& at) {
    if (!at) return std::nullopt;
    return to_unix_ms(*at);
}

Result<State> read_state(const Statement& row, int index, std::string_view table, std::int64_t id) {
    const std::string word = row.column_text(index);
    const auto state = applications::parse_state(word);
    if (!state) return fail(corrupt(table, id, "unknown state '" + word + "'"));
    return *state;
}

Result<identity::Role> read_role(const Statement& row, int index, std::string_view table,
                                 std::int64_t id) {
    const std::string word = row.column_text(index);
    const auto role = identity::parse_role(word);
    if (!role) return fail(corrupt(table, id, "unknown role '" + word + "'"));
    return *role;
}

// ---- JSON columns ------------------------------------------------------------------------------

/// nlohmann's dump() throws on text that is not UTF-8; that is the caller's data, not our fault.
Result<std::string> dump_json(const nlohmann::json& value, std::string_view field) {
    try {
        return value.dump();
    } catch (const nlohmann::json::exception&) {
        return fail(Error::invalid("invalid_text",
                                   "'" + std::string(field) + "' 含有无效的 UTF-8 文本",
                                   {{std::string(field), "不是有效的 UTF-8 文本"}}));
    }
}

Result<std::string> encode_codes(const std::vector<std::string>& codes) {
    return dump_json(nlohmann::json(codes), "achieved");
}

Result<std::vector<std::string>> decode_codes(const std::string& text, std::int64_t id) {
    const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_array()) return fail(corrupt("applications", id, "achieved is not an array"));
    std::vector<std::string> codes;
    codes.reserve(parsed.size());
    for (const auto& item : parsed) {
        if (!item.is_string()) {
            return fail(corrupt("applications", id, "achieved holds a non-string"));
        }
        codes.push_back(item.get<std::string>());
    }
    return codes;
}

Result<std::string> encode_checks(const std::vector<IndicatorCheck>& checks) {
    auto array = nlohmann::json::array();
    for (const auto& check : checks) {
        array.push_back(
            {{"code", check.code}, {"verified", check.verified}, {"reason", check.reason}});
    }
    return dump_json(array, "checks");
}

Result<std::vector<IndicatorCheck>> decode_checks(const std::string& text,
                                                  std::int64_t application_id,
                                                  const std::string& evaluator) {
    auto bad = [&](const std::string& what) {
        return Error::internal("evaluations row of " + application_name(application_id) + " by '" +
                               evaluator + "': " + what);
    };
    const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_array()) return fail(bad("checks is not an array"));
    std::vector<IndicatorCheck> checks;
    checks.reserve(parsed.size());
    for (const auto& item : parsed) {
        if (!item.is_object()) return fail(bad("a check is not an object"));
        const auto code = item.find("code");
        const auto verified = item.find("verified");
        const auto reason = item.find("reason");
        if (code == item.end() || !code->is_string() || verified == item.end() ||
            !verified->is_boolean() || reason == item.end() || !reason->is_string()) {
            return fail(bad("a check lacks code, verified or reason"));
        }
        checks.push_back(IndicatorCheck{code->get<std::string>(), verified->get<bool>(),
                                        reason->get<std::string>()});
    }
    return checks;
}

// ---- Applications ------------------------------------------------------------------------------

Result<Application> read_application(const Statement& row) {
    Application application;
    application.id = row.column_int64(0);
    application.round_id = row.column_int64(1);
    application.community_code = row.column_text(2);
    application.community_name = row.column_text(3);
    application.street_code = row.column_text(4);
    application.district_code = row.column_text(5);
    const auto current_star = to_int(row.column_int64(6));
    const auto target_star = to_int(row.column_int64(7));
    const auto rank = row.column_optional_int64(14);
    const auto decided = row.column_optional_int64(15);
    const auto rank_int = rank ? to_int(*rank) : std::nullopt;
    const auto decided_int = decided ? to_int(*decided) : std::nullopt;
    if (!current_star || !target_star || (rank && !rank_int) || (decided && !decided_int)) {
        return fail(corrupt("applications", application.id, "a star or the rank is out of range"));
    }
    application.current_star = *current_star;
    application.target_star = *target_star;
    ASSIGN_OR_RETURN(application.state, read_state(row, 8, "applications", application.id));
    auto& assessment = application.assessment;
    ASSIGN_OR_RETURN(assessment.achieved, decode_codes(row.column_text(9), application.id));
    assessment.mechanism = row.column_bool(10);
    assessment.mechanism_note = row.column_text(11);
    assessment.effective = row.column_bool(12);
    assessment.effectiveness_note = row.column_text(13);
    application.recommendation_rank = rank_int;
    application.decided_star = decided_int;
    if (const auto submitted = row.column_optional_int64(16)) {
        application.submitted_at = from_unix_ms(*submitted);
    }
    application.created_at = from_unix_ms(row.column_int64(17));
    application.updated_at = from_unix_ms(row.column_int64(18));
    application.version = row.column_int64(19);
    return application;
}

/// Binds ?1 … ?19 of kInsert and kUpdate.
Status bind_application(Statement& statement, const Application& application) {
    const auto& assessment = application.assessment;
    ASSIGN_OR_RETURN(const auto achieved, encode_codes(assessment.achieved));
    statement.bind_int64(1, application.round_id).bind_text(2, application.community_code);
    statement.bind_text(3, application.community_name).bind_text(4, application.street_code);
    statement.bind_text(5, application.district_code).bind_int64(6, application.current_star);
    statement.bind_int64(7, application.target_star);
    statement.bind_text(8, applications::to_string(application.state)).bind_text(9, achieved);
    statement.bind_int64(10, assessment.mechanism ? 1 : 0);
    statement.bind_text(11, assessment.mechanism_note);
    statement.bind_int64(12, assessment.effective ? 1 : 0);
    statement.bind_text(13, assessment.effectiveness_note);
    statement.bind_optional_int64(14, to_optional_int64(application.recommendation_rank));
    statement.bind_optional_int64(15, to_optional_int64(application.decided_star));
    statement.bind_optional_int64(16, to_optional_ms(application.submitted_at));
    statement.bind_int64(17, to_unix_ms(application.created_at));
    statement.bind_int64(18, to_unix_ms(application.updated_at));
    statement.bind_int64(19, application.version);
    return ok();
}

/// The readable error of a refused insert or update of an application.
Error application_write_error(const Error& error, const Application& application) {
    if (error.code() == ErrorCode::kAlreadyExists) {
        return {ErrorCode::kAlreadyExists, "application_exists",
                "社区 '" + application.community_code + "' 在认定批次 #" +
                    std::to_string(application.round_id) + " 中已有申报"};
    }
    if (error.code() == ErrorCode::kFailedPrecondition) {
        return Error::invalid("unknown_reference",
                              "认定批次 #" + std::to_string(application.round_id) + " 或社区 '" +
                                  application.community_code + "' 不存在");
    }
    return error;
}

/// A child row (event, review, evidence, assignment) of an application that does not exist.
Status run_child_insert(Statement& statement, std::int64_t application_id) {
    auto inserted = statement.run();
    if (inserted) return ok();
    if (inserted.error().code() == ErrorCode::kFailedPrecondition) {
        return fail(Error::not_found(application_name(application_id) + " 不存在"));
    }
    return inserted;
}

// ---- Children ----------------------------------------------------------------------------------

Result<Event> read_event(const Statement& row) {
    Event event;
    event.id = row.column_int64(0);
    event.application_id = row.column_int64(1);
    event.at = from_unix_ms(row.column_int64(2));
    event.user_id = row.column_int64(3);
    event.username = row.column_text(4);
    ASSIGN_OR_RETURN(event.role, read_role(row, 5, "application_events", event.id));
    const std::string action = row.column_text(6);
    const auto parsed_action = applications::parse_action(action);
    if (!parsed_action) {
        return fail(corrupt("application_events", event.id, "unknown action '" + action + "'"));
    }
    event.action = *parsed_action;
    ASSIGN_OR_RETURN(event.from, read_state(row, 7, "application_events", event.id));
    ASSIGN_OR_RETURN(event.to, read_state(row, 8, "application_events", event.id));
    event.decision = row.column_text(9);
    event.opinion = row.column_text(10);
    return event;
}

Result<DistrictReview> read_review(const Statement& row, std::int64_t application_id) {
    DistrictReview review;
    ASSIGN_OR_RETURN(review.role, read_role(row, 0, "district_reviews", application_id));
    review.approved = row.column_bool(1);
    review.opinion = row.column_text(2);
    review.username = row.column_text(3);
    review.at = from_unix_ms(row.column_int64(4));
    return review;
}

Evidence read_evidence(const Statement& row) {
    Evidence evidence;
    evidence.id = row.column_int64(0);
    evidence.application_id = row.column_int64(1);
    evidence.indicator_code = row.column_text(2);
    evidence.sha256 = row.column_text(3);
    evidence.size = row.column_int64(4);
    evidence.content_type = row.column_text(5);
    evidence.file_name = row.column_text(6);
    evidence.uploaded_by = row.column_text(7);
    evidence.uploaded_at = from_unix_ms(row.column_int64(8));
    return evidence;
}

Assignment read_assignment(const Statement& row) {
    Assignment assignment;
    assignment.application_id = row.column_int64(0);
    assignment.evaluator = row.column_text(1);
    assignment.evaluator_org = row.column_text(2);
    assignment.due_at = from_unix_ms(row.column_int64(3));
    assignment.assigned_at = from_unix_ms(row.column_int64(4));
    return assignment;
}

Result<Evaluation> read_evaluation(const Statement& row) {
    Evaluation evaluation;
    evaluation.application_id = row.column_int64(0);
    evaluation.evaluator = row.column_text(1);
    ASSIGN_OR_RETURN(evaluation.checks, decode_checks(row.column_text(2), evaluation.application_id,
                                                      evaluation.evaluator));
    evaluation.effective = row.column_bool(3);
    evaluation.opinion = row.column_text(4);
    evaluation.at = from_unix_ms(row.column_int64(5));
    return evaluation;
}


}  // namespace

// ---- Applications ------------------------------------------------------------------------------

Result<std::int64_t> SqliteApplicationRepository::insert(const Application& application) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    RETURN_IF_ERROR(bind_application(statement, application));
    const auto inserted = statement.run();
    if (!inserted) return fail(application_write_error(inserted.error(), application));
    const std::int64_t id = connection_.last_insert_rowid();
    // The statistics' counters (stats_counters.hpp) move in the same transaction.
    ASSIGN_OR_RETURN(const auto share, application_share(connection_, id));
    RETURN_IF_ERROR(apply_difference(connection_, {}, share));
    return id;
}

Result<std::optional<Application>> SqliteApplicationRepository::find(std::int64_t id,
                                                                     const std::string& scope) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFind));
    query.bind_int64(1, id).bind_text(2, range.lower).bind_text(3, range.upper);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Application>();
    ASSIGN_OR_RETURN(auto application, read_application(query));
    return std::optional<Application>(std::move(application));
}

Status SqliteApplicationRepository::update(const Application& application) {
    // The statistics' counters (stats_counters.hpp) move in the same transaction, when the
    // update touches what they count.
    ASSIGN_OR_RETURN(auto achieved, encode_codes(application.assessment.achieved));
    ASSIGN_OR_RETURN(const auto moves,
                     share_columns_differ(connection_, application.id,
                                          {application.round_id, application.district_code,
                                           std::move(achieved),
                                           application.recommendation_rank.has_value(),
                                           application.state == applications::State::kCertified}));
    if (!moves) return update_row(application);
    return with_counters(connection_, application.id, *moves,
                         [&] { return update_row(application); });
}

Status SqliteApplicationRepository::update_row(const Application& application) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdate));
    RETURN_IF_ERROR(bind_application(statement, application));
    statement.bind_int64(20, application.id).bind_int64(21, application.version - 1);
    const auto updated = statement.run();
    if (!updated) return fail(application_write_error(updated.error(), application));
    // Nothing matched: another transaction changed the application since it was read (or the
    // caller forgot to bump the version).
    if (connection_.changes() == 0) {
        return fail(Error::conflict("stale", "申报已被他人修改，请刷新后重试"));
    }
    return ok();
}

Result<std::vector<Application>> SqliteApplicationRepository::list(
    const applications::ApplicationFilter& filter) {
    ASSIGN_OR_RETURN(const auto range, scope_range(filter.scope));
    std::optional<std::string> state;
    if (filter.state) state = applications::to_string(*filter.state);
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kList));
    query.bind_int64(1, filter.round_id).bind_text(2, range.lower).bind_text(3, range.upper);
    query.bind_optional_text(4, state).bind_text(5, filter.evaluator);
    return read_all<Application>(query, read_application);
}

// ---- History -----------------------------------------------------------------------------------

Status SqliteApplicationRepository::add_event(const Event& event) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kAddEvent));
    statement.bind_int64(1, event.application_id).bind_int64(2, to_unix_ms(event.at));
    statement.bind_int64(3, event.user_id).bind_text(4, event.username);
    statement.bind_text(5, identity::to_string(event.role));
    statement.bind_text(6, applications::to_string(event.action));
    statement.bind_text(7, applications::to_string(event.from));
    statement.bind_text(8, applications::to_string(event.to));
    statement.bind_text(9, event.decision).bind_text(10, event.opinion);
    // A first submission moves the funnel's counters (stats_counters.hpp).
    if (event.action != applications::Action::kSubmit) {
        return run_child_insert(statement, event.application_id);
    }
    return with_counters(connection_, event.application_id, SharePart::kFigures,
                         [&] { return run_child_insert(statement, event.application_id); });
}

Result<std::vector<Event>> SqliteApplicationRepository::events(std::int64_t application_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kEvents));
    query.bind_int64(1, application_id);
    return read_all<Event>(query, read_event);
}

// ---- District reviews --------------------------------------------------------------------------

Status SqliteApplicationRepository::put_review(std::int64_t application_id,
                                               const DistrictReview& review) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kPutReview));
    statement.bind_int64(1, application_id).bind_text(2, identity::to_string(review.role));
    statement.bind_int64(3, review.approved ? 1 : 0).bind_text(4, review.opinion);
    statement.bind_text(5, review.username).bind_int64(6, to_unix_ms(review.at));
    return run_child_insert(statement, application_id);
}

Result<std::vector<DistrictReview>> SqliteApplicationRepository::reviews(
    std::int64_t application_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kReviews));
    query.bind_int64(1, application_id);
    return read_all<DistrictReview>(
        query, [application_id](const Statement& row) { return read_review(row, application_id); });
}

Status SqliteApplicationRepository::clear_reviews(std::int64_t application_id) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kClearReviews));
    statement.bind_int64(1, application_id);
    return statement.run();
}

// ---- Evidence ----------------------------------------------------------------------------------

Result<std::int64_t> SqliteApplicationRepository::add_evidence(const Evidence& evidence) {
    // The column's CHECK is the backstop; this is the readable refusal.
    if (!is_sha256_hex(evidence.sha256)) {
        return fail(Error::invalid(
            "invalid_hash", "文件摘要 '" + evidence.sha256 + "' 无效：应为 64 位小写十六进制",
            {{"sha256", "应为 64 位小写十六进制"}}));
    }
    if (evidence.size < 0) {
        return fail(Error::invalid("invalid_size",
                                   "文件大小 " + std::to_string(evidence.size) + " 无效",
                                   {{"size", "不能为负数"}}));
    }
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kAddEvidence));
    statement.bind_int64(1, evidence.application_id).bind_text(2, evidence.indicator_code);
    statement.bind_text(3, evidence.sha256).bind_int64(4, evidence.size);
    statement.bind_text(5, evidence.content_type).bind_text(6, evidence.file_name);
    statement.bind_text(7, evidence.uploaded_by).bind_int64(8, to_unix_ms(evidence.uploaded_at));
    RETURN_IF_ERROR(run_child_insert(statement, evidence.application_id));
    return connection_.last_insert_rowid();
}

Result<std::vector<Evidence>> SqliteApplicationRepository::evidence(std::int64_t application_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kEvidence));
    query.bind_int64(1, application_id);
    return read_all<Evidence>(query, read_evidence);
}

Result<std::optional<Evidence>> SqliteApplicationRepository::find_evidence(
    std::int64_t evidence_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindEvidence));
    query.bind_int64(1, evidence_id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Evidence>();
    return std::optional<Evidence>(read_evidence(query));
}

// ---- Evaluation --------------------------------------------------------------------------------

Status SqliteApplicationRepository::add_assignment(const Assignment& assignment) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kAddAssignment));
    statement.bind_int64(1, assignment.application_id).bind_text(2, assignment.evaluator);
    statement.bind_text(3, assignment.evaluator_org);
    statement.bind_int64(4, to_unix_ms(assignment.due_at));
    statement.bind_int64(5, to_unix_ms(assignment.assigned_at));
    auto added = run_child_insert(statement, assignment.application_id);
    if (!added && added.error().code() == ErrorCode::kAlreadyExists) {
        return fail(Error(ErrorCode::kAlreadyExists, "already_assigned",
                          "评估专家 '" + assignment.evaluator + "' 已被分配评估" +
                              application_name(assignment.application_id)));
    }
    return added;
}

Result<std::vector<Assignment>> SqliteApplicationRepository::assignments(
    std::int64_t application_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kAssignments));
    query.bind_int64(1, application_id);
    return read_all<Assignment>(query, read_assignment);
}

Status SqliteApplicationRepository::put_evaluation(const Evaluation& evaluation) {
    ASSIGN_OR_RETURN(const auto checks, encode_checks(evaluation.checks));
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kPutEvaluation));
    statement.bind_int64(1, evaluation.application_id).bind_text(2, evaluation.evaluator);
    statement.bind_text(3, checks).bind_int64(4, evaluation.effective ? 1 : 0);
    statement.bind_text(5, evaluation.opinion).bind_int64(6, to_unix_ms(evaluation.at));
    // An evaluation moves the indicator counters (stats_counters.hpp).
    auto put = with_counters(connection_, evaluation.application_id, SharePart::kAll,
                             [&] { return statement.run(); });
    if (!put && put.error().code() == ErrorCode::kFailedPrecondition) {
        return fail(
            Error::conflict("not_assigned", "评估专家 '" + evaluation.evaluator + "' 未被分配评估" +
                                                application_name(evaluation.application_id)));
    }
    return put;
}

Result<std::vector<Evaluation>> SqliteApplicationRepository::evaluations(
    std::int64_t application_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kEvaluations));
    query.bind_int64(1, application_id);
    return read_all<Evaluation>(query, read_evaluation);
}

Status SqliteApplicationRepository::add_receipt(const Receipt& receipt) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(R"sql(
INSERT INTO recommendation_receipts (round_id, district_code, role, username, at)
VALUES (?1, ?2, ?3, ?4, ?5))sql"));
    statement.bind_int64(1, receipt.round_id).bind_text(2, receipt.district_code);
    statement.bind_text(3, identity::to_string(receipt.role)).bind_text(4, receipt.username);
    statement.bind_int64(5, to_unix_ms(receipt.at));
    const auto inserted = statement.run();
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists) {
        return fail(Error::conflict("already_received", "本部门已确认收到该区的推荐材料"));
    }
    return inserted;
}

Result<std::vector<Receipt>> SqliteApplicationRepository::receipts(std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(R"sql(
SELECT round_id, district_code, role, username, at FROM recommendation_receipts
 WHERE round_id = ?1 ORDER BY district_code, at)sql"));
    query.bind_int64(1, round_id);
    std::vector<Receipt> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return out;
        Receipt r;
        r.round_id = query.column_int64(0);
        r.district_code = query.column_text(1);
        ASSIGN_OR_RETURN(r.role, read_role(query, 2, "recommendation_receipts", r.round_id));
        r.username = query.column_text(3);
        r.at = from_unix_ms(query.column_int64(4));
        out.push_back(std::move(r));
    }
}

}  // namespace hx::storage::sqlite

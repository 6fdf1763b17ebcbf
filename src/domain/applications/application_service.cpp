#include "domain/applications/application_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/applications/evidence_type.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/notice/notice.hpp"
#include "domain/identity/identity_repository.hpp"
#include "domain/regions/region_repository.hpp"
#include "domain/rounds/round_service.hpp"

namespace hx::applications {

namespace {

using identity::Role;

std::string object_of(std::int64_t id) { return "application:" + std::to_string(id); }

Error wrong_state(State state, Action action) {
    return Error::conflict("wrong_state", std::string("申报当前状态为“") + state_label(state) +
                                              "”，不能" + action_label(action));
}

Error deadline_passed(const char* what, Timestamp deadline) {
    return Error::rule("deadline_passed", std::string(what) + "已于 " + format_rfc3339(deadline) +
                                              " 截止");
}

bool in_states(State state, const std::vector<State>& states) {
    return std::find(states.begin(), states.end(), state) != states.end();
}

/// 第十四条3 评估: the star earned by the indicators a majority of the evaluators verified, with
/// the majority's judgement of 作用发挥, capped by the round. One place for the view and the
/// decision, so what the city sees is what the decision is held to.
Result<int> verified_eligible(const standards::RatingEngine& engine, const rounds::Round& round,
                              const Application& a, const std::vector<Evaluation>& evaluations) {
    std::map<std::string, int> verified;
    int effective_votes = 0;
    for (const auto& e : evaluations) {
        for (const auto& c : e.checks) verified[c.code] += c.verified ? 1 : 0;
        effective_votes += e.effective ? 1 : 0;
    }
    const int n = static_cast<int>(evaluations.size());
    std::vector<std::string> majority;
    for (const auto& [code, votes] : verified) {
        if (votes * 2 > n) majority.push_back(code);
    }
    ASSIGN_OR_RETURN(auto rating,
                     engine.evaluate({majority, {a.current_star, a.assessment.mechanism, effective_votes * 2 > n}}));
    return std::min(rating.eligible_star, round.max_star(engine.standard().rules.max_star));
}

Status require_opinion(const std::string& opinion, const char* message) {
    if (opinion.empty()) return fail(Error::invalid("invalid_request", message, {{"opinion", message}}));
    return ok();
}

}  // namespace

std::string application_scope(const identity::Actor& actor) {
    switch (actor.role) {
        case Role::kCommunity:
        case Role::kStreet:
        case Role::kDistrictSocial:
        case Role::kDistrictIt:
        case Role::kDistrictCivil: return actor.scope();
        // The city departments and the evaluators work across districts; an evaluator is
        // further limited to the applications assigned to them.
        case Role::kCitySocial:
        case Role::kCityEconIt:
        case Role::kCityCivil:
        case Role::kEvaluator: return regions::scope_prefix("110000");
        case Role::kSysAdmin:
        case Role::kSecurityAdmin:
        case Role::kAuditAdmin: return {};
    }
    return {};
}

Result<std::shared_ptr<const standards::RatingEngine>> ApplicationService::engine_of(
    const rounds::Round& round) {
    return standards_.engine(round.standard_id, round.standard_revision);
}

Result<ApplicationView> ApplicationService::create(const identity::Actor& actor,
                                                   std::int64_t round_id,
                                                   const std::string& community_code,
                                                   int target_star) {
    if (actor.role != Role::kCommunity) {
        return fail(Error::forbidden("只有社区工作人员可以为本社区申报（第十四条1 自愿申报）"));
    }
    std::int64_t id = 0;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
        if (!round) return fail(Error::not_found("认定批次不存在"));
        ASSIGN_OR_RETURN(auto community, repos.regions().find(community_code, actor.scope(), actor.org_code));
        if (!community || community->level != regions::Level::kCommunity) {
            return fail(Error::not_found("社区 '" + community_code + "' 不存在或不在您的管辖范围内"));
        }
        if (round->status != rounds::RoundStatus::kOpen) {
            return fail(Error::conflict("round_not_open", std::string("该认定批次") +
                                                              rounds::round_status_label(round->status) +
                                                              "，不接受申报"));
        }
        // 第九条: the first certification is of the pilot communities.
        if (round->scope == rounds::RoundScope::kPilotOnly && !community->pilot) {
            return fail(Error::rule("not_in_scope", "本批次仅限首批试点社区申报，'" + community->name +
                                                        "' 不是试点社区"));
        }
        const auto now = clock_.now();
        if (!rounds::before_deadline(now, round->calendar.community_deadline)) {
            return fail(deadline_passed("本批次社区申报", round->calendar.community_deadline));
        }
        if (target_star < 1 || target_star > round->max_star(standards::kMaxStar)) {
            return fail(Error::rule("not_eligible", "申报星级须在 ★ 到 " +
                                                        standards::star_label(round->max_star(standards::kMaxStar)) +
                                                        " 之间"));
        }
        Application application;
        application.round_id = round_id;
        application.community_code = community->code;
        application.community_name = community->name;
        application.street_code = community->code.substr(0, 9);
        application.district_code = community->code.substr(0, 6);
        // 第十三条2: the star held now is the highest of the community's active certifications.
        ASSIGN_OR_RETURN(auto held, repos.certifications().of_community(community->code));
        application.current_star = certifications::held_star(held);
        if (target_star <= application.current_star) {
            return fail(Error::rule("not_eligible", "本社区已持有" + standards::star_label(application.current_star) +
                                                        "称号，申报星级须高于现有星级"));
        }
        application.target_star = target_star;
        application.created_at = now;
        application.updated_at = now;
        ASSIGN_OR_RETURN(id, repos.applications().insert(application));
        return audit::record(repos, clock_, actor,
                             {"application.create", object_of(id), audit::Outcome::kSuccess,
                              community->code + " round " + std::to_string(round_id)});
    }));
    return view(actor, id);
}

Result<std::vector<TodoItem>> ApplicationService::todo(const identity::Actor& actor) {
    RETURN_IF_ERROR(rounds::require_business_role(actor));
    const auto now = clock_.now();
    std::vector<TodoItem> items;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto all_rounds, repos.rounds().list());
        for (const auto& round : all_rounds) {
            if (round.status != rounds::RoundStatus::kOpen) continue;
            ApplicationFilter filter{round.id, std::nullopt, application_scope(actor), ""};
            if (actor.role == Role::kEvaluator) filter.evaluator = actor.username;
            ASSIGN_OR_RETURN(auto applications, repos.applications().list(filter));
            for (const auto& a : applications) {
                std::optional<std::pair<Action, Timestamp>> waiting;
                const auto& cal = round.calendar;
                switch (actor.role) {
                    case Role::kCommunity:
                        if (a.state == State::kDraft) waiting = {{Action::kSubmit, cal.community_deadline}};
                        if (a.state == State::kReturned) waiting = {{Action::kResubmit, cal.district_deadline}};
                        break;
                    case Role::kStreet:
                        if (a.state == State::kSubmitted) waiting = {{Action::kStreetForward, cal.district_deadline}};
                        break;
                    case Role::kDistrictSocial:
                    case Role::kDistrictIt:
                    case Role::kDistrictCivil: {
                        if (a.state == State::kDistrictReviewed && actor.role == Role::kDistrictSocial) {
                            waiting = {{Action::kRecommend, cal.district_deadline}};
                        }
                        if (a.state != State::kStreetApproved) break;
                        ASSIGN_OR_RETURN(auto reviews, repos.applications().reviews(a.id));
                        if (std::none_of(reviews.begin(), reviews.end(),
                                         [&](const DistrictReview& r) { return r.role == actor.role; })) {
                            waiting = {{Action::kDistrictReview, cal.district_deadline}};
                        }
                        break;
                    }
                    case Role::kCitySocial: {
                        if (a.state == State::kRecommended) {
                            waiting = {{Action::kAssignEvaluator, cal.district_deadline + std::chrono::days(14)}};
                        }
                        if (a.state != State::kEvaluating) break;
                        ASSIGN_OR_RETURN(auto assigned, repos.applications().assignments(a.id));
                        ASSIGN_OR_RETURN(auto done, repos.applications().evaluations(a.id));
                        if (!done.empty() && done.size() >= assigned.size()) {
                            Timestamp due = cal.district_deadline;
                            for (const auto& x : assigned) due = std::max(due, x.due_at);
                            waiting = {{Action::kDecide, due}};
                        }
                        break;
                    }
                    case Role::kEvaluator: {
                        if (a.state != State::kEvaluating) break;
                        ASSIGN_OR_RETURN(auto assigned, repos.applications().assignments(a.id));
                        ASSIGN_OR_RETURN(auto done, repos.applications().evaluations(a.id));
                        const auto mine = std::find_if(assigned.begin(), assigned.end(),
                                                       [&](const Assignment& x) { return x.evaluator == actor.username; });
                        const bool answered = std::any_of(done.begin(), done.end(),
                                                          [&](const Evaluation& e) { return e.evaluator == actor.username; });
                        if (mine != assigned.end() && !answered) waiting = {{Action::kEvaluate, mine->due_at}};
                        break;
                    }
                    default: break;
                }
                if (!waiting) continue;
                TodoItem item;
                item.application_id = a.id;
                item.round_id = round.id;
                item.round_name = round.name;
                item.community_code = a.community_code;
                item.community_name = a.community_name;
                item.state = a.state;
                item.action = waiting->first;
                item.due_at = waiting->second;
                item.days_left = std::chrono::floor<std::chrono::days>(item.due_at - now).count();
                item.reminder = item.days_left <= 7;
                items.push_back(std::move(item));
            }
        }
        return ok();
    }));
    std::sort(items.begin(), items.end(), [](const TodoItem& x, const TodoItem& y) {
        return x.due_at != y.due_at ? x.due_at < y.due_at : x.application_id < y.application_id;
    });
    return items;
}

Result<ApplicationView> ApplicationService::get(const identity::Actor& actor, std::int64_t id) {
    RETURN_IF_ERROR(rounds::require_business_role(actor));
    return view(actor, id);
}

Result<std::vector<Application>> ApplicationService::list(const identity::Actor& actor,
                                                          std::int64_t round_id,
                                                          std::optional<State> state) {
    RETURN_IF_ERROR(rounds::require_business_role(actor));
    std::vector<Application> out;
    bool published = false;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
        if (!round) return fail(Error::not_found("认定批次不存在"));
        ApplicationFilter filter{round_id, state, application_scope(actor), ""};
        if (actor.role == Role::kEvaluator) filter.evaluator = actor.username;
        ASSIGN_OR_RETURN(out, repos.applications().list(filter));
        ASSIGN_OR_RETURN(auto notice, repos.notices().find(round_id));
        published = notice.has_value();
        return ok();
    }));
    if (actor.role == Role::kCommunity && !published) {
        for (auto& a : out) {
            if (sealed_for_community(a.state)) {
                a.state = State::kEvaluating;
                a.decided_star.reset();
            }
        }
    }
    return out;
}

Result<ApplicationView> ApplicationService::view(const identity::Actor& actor, std::int64_t id) {
    ApplicationView out;
    bool found = false;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto application, repos.applications().find(id, application_scope(actor)));
        if (!application) return ok();
        ASSIGN_OR_RETURN(out.assignments, repos.applications().assignments(id));
        if (actor.role == Role::kEvaluator &&
            std::none_of(out.assignments.begin(), out.assignments.end(),
                         [&](const Assignment& a) { return a.evaluator == actor.username; })) {
            return ok();
        }
        found = true;
        out.application = std::move(*application);
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(out.application.round_id));
        if (!round) return fail(Error::internal("application without round"));
        out.round = *round;
        ASSIGN_OR_RETURN(out.events, repos.applications().events(id));
        ASSIGN_OR_RETURN(out.reviews, repos.applications().reviews(id));
        ASSIGN_OR_RETURN(out.evidence, repos.applications().evidence(id));
        ASSIGN_OR_RETURN(out.evaluations, repos.applications().evaluations(id));
        ASSIGN_OR_RETURN(auto notice, repos.notices().find(out.round.id));
        out.notice_published = notice.has_value();
        return ok();
    }));
    if (!found) return fail(Error::not_found("申报不存在或不在您的管辖范围内"));
    ASSIGN_OR_RETURN(auto engine, engine_of(out.round));
    const auto& a = out.application;
    ASSIGN_OR_RETURN(out.rating, engine->evaluate({a.assessment.achieved,
                                                  {a.current_star, a.assessment.mechanism, a.assessment.effective}}));
    out.eligible_star = std::min(out.rating.eligible_star, out.round.max_star(engine->standard().rules.max_star));

    const bool city = identity::is_city_role(actor.role);
    if (city && !out.evaluations.empty()) {
        ASSIGN_OR_RETURN(out.verified_eligible_star, verified_eligible(*engine, out.round, a, out.evaluations));
    }
    if (actor.role == Role::kEvaluator) {
        std::erase_if(out.evaluations, [&](const Evaluation& e) { return e.evaluator != actor.username; });
    } else if (!city) {
        out.evaluations.clear();
        out.assignments.clear();
    }
    if (actor.role == Role::kCommunity && sealed_for_community(a.state) && !out.notice_published) {
        // 第十四条3: the result is published by the notice, not before.
        out.sealed = true;
        out.application.state = State::kEvaluating;
        out.application.decided_star.reset();
        std::erase_if(out.events, [](const Event& e) { return e.action == Action::kDecide; });
    }
    return out;
}

Result<ApplicationView> ApplicationService::save_assessment(const identity::Actor& actor,
                                                            std::int64_t id,
                                                            const Assessment& assessment,
                                                            std::optional<int> target_star) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("只有社区工作人员可以填写自评"));
    ASSIGN_OR_RETURN(auto before, view(actor, id));
    ASSIGN_OR_RETURN(auto engine, engine_of(before.round));
    // Unknown, repeated or malformed codes are a malformed request (400), named one by one.
    RETURN_IF_ERROR(engine->evaluate({assessment.achieved, {before.application.current_star,
                                                             assessment.mechanism, assessment.effective}}));
    if (target_star && (*target_star < 1 || *target_star > before.round.max_star(engine->standard().rules.max_star))) {
        return fail(Error::rule("not_eligible", "申报星级须在 ★ 到 " +
                                                    standards::star_label(before.round.max_star(engine->standard().rules.max_star)) +
                                                    " 之间"));
    }
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto application, repos.applications().find(id, application_scope(actor)));
        if (!application) return fail(Error::not_found("申报不存在或不在您的管辖范围内"));
        if (application->state != State::kDraft && application->state != State::kReturned) {
            return fail(Error::conflict("wrong_state", std::string("申报当前状态为“") +
                                                           state_label(application->state) + "”，不能修改自评"));
        }
        const auto now = clock_.now();
        const auto deadline = application->state == State::kDraft ? before.round.calendar.community_deadline
                                                                  : before.round.calendar.district_deadline;
        if (!rounds::before_deadline(now, deadline)) return fail(deadline_passed("自评修改", deadline));
        application->assessment = assessment;
        if (target_star) application->target_star = *target_star;
        application->updated_at = now;
        ++application->version;
        RETURN_IF_ERROR(repos.applications().update(*application));
        return audit::record(repos, clock_, actor,
                             {"application.assessment", object_of(id), audit::Outcome::kSuccess,
                              std::to_string(assessment.achieved.size()) + " indicators"});
    }));
    return view(actor, id);
}

Result<Evidence> ApplicationService::add_evidence(const identity::Actor& actor, std::int64_t id,
                                                  const Upload& upload) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("只有社区工作人员可以上传佐证材料"));
    if (upload.bytes.size() > kMaxEvidenceBytes) {
        return fail(Error(ErrorCode::kTooLarge, "too_large", "单个佐证材料不能超过 20 MB"));
    }
    const auto type = sniff_evidence_type(upload.bytes);
    if (!type) {
        return fail(Error::invalid("unsupported_file_type",
                                   "只接受 PDF、PNG 或 JPEG 格式的佐证材料（按文件内容判断，含脚本的文件会被拒绝）",
                                   {{"file", "文件 '" + upload.file_name + "' 不是可接受的 PDF、PNG 或 JPEG"}}));
    }
    ASSIGN_OR_RETURN(auto before, view(actor, id));
    if (!upload.indicator_code.empty() && upload.indicator_code != "mechanism") {
        ASSIGN_OR_RETURN(auto engine, engine_of(before.round));
        if (!engine->index_of(upload.indicator_code)) {
            return fail(Error::invalid("invalid_indicator", "指标 '" + upload.indicator_code + "' 不在本批次的标准中",
                                       {{"indicator", "未知的指标编号"}}));
        }
    }
    // The bytes are written and synced before the transaction that references them commits.
    ASSIGN_OR_RETURN(auto sha256, files_.put(upload.bytes));
    Evidence evidence;
    evidence.application_id = id;
    evidence.indicator_code = upload.indicator_code;
    evidence.sha256 = sha256;
    evidence.size = static_cast<std::int64_t>(upload.bytes.size());
    evidence.content_type = type->content_type;
    evidence.file_name = upload.file_name.substr(0, 200);
    evidence.uploaded_by = actor.username;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto application, repos.applications().find(id, application_scope(actor)));
        if (!application) return fail(Error::not_found("申报不存在或不在您的管辖范围内"));
        if (application->state != State::kDraft && application->state != State::kReturned) {
            return fail(Error::conflict("wrong_state", std::string("申报当前状态为“") +
                                                           state_label(application->state) + "”，不能上传材料"));
        }
        ASSIGN_OR_RETURN(auto existing, repos.applications().evidence(id));
        if (existing.size() >= kMaxEvidencePerApplication) {
            return fail(Error(ErrorCode::kTooLarge, "too_many_files", "每份申报最多上传 200 个佐证材料"));
        }
        evidence.uploaded_at = clock_.now();
        ASSIGN_OR_RETURN(evidence.id, repos.applications().add_evidence(evidence));
        return audit::record(repos, clock_, actor,
                             {"application.evidence", object_of(id), audit::Outcome::kSuccess,
                              sha256 + " " + std::to_string(evidence.size) + " bytes"});
    }));
    return evidence;
}

Result<std::pair<Evidence, std::string>> ApplicationService::evidence_file(
    const identity::Actor& actor, std::int64_t application_id, std::int64_t evidence_id) {
    RETURN_IF_ERROR(rounds::require_business_role(actor));
    ASSIGN_OR_RETURN(auto seen, view(actor, application_id));
    const auto it = std::find_if(seen.evidence.begin(), seen.evidence.end(),
                                 [&](const Evidence& e) { return e.id == evidence_id; });
    if (it == seen.evidence.end()) return fail(Error::not_found("佐证材料不存在"));
    ASSIGN_OR_RETURN(auto bytes, files_.get(it->sha256));
    return std::make_pair(*it, std::move(bytes));
}

Result<ApplicationView> ApplicationService::transition(const identity::Actor& actor, std::int64_t id,
                                                       Action action, const std::string& opinion,
                                                       const Rules& rules) {
    const auto* allowed = find_transition(action, actor.role);
    if (allowed == nullptr) {
        return fail(Error::forbidden(std::string("您的角色（") + identity::role_label(actor.role) + "）不能" +
                                     action_label(action)));
    }
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto application, repos.applications().find(id, application_scope(actor)));
        if (!application) return fail(Error::not_found("申报不存在或不在您的管辖范围内"));
        if (actor.role == Role::kEvaluator) {
            ASSIGN_OR_RETURN(auto assigned, repos.applications().assignments(id));
            if (std::none_of(assigned.begin(), assigned.end(),
                             [&](const Assignment& a) { return a.evaluator == actor.username; })) {
                return fail(Error::not_found("申报不存在或未指派给您"));
            }
        }
        if (!in_states(application->state, allowed->from)) return fail(wrong_state(application->state, action));
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(application->round_id));
        if (!round) return fail(Error::internal("application without round"));
        Event event;
        event.action = action;
        event.from = application->state;
        event.opinion = opinion;
        RETURN_IF_ERROR(rules(repos, *application, *round, event));
        return record_transition(repos, clock_, actor, *application, event);
    }));
    return view(actor, id);
}

Status record_transition(Repositories& repos, const Clock& clock, const identity::Actor& actor,
                         Application& application, Event& event) {
    // The clock is read at the commit: a deadline is judged when the change lands.
    event.application_id = application.id;
    event.user_id = actor.user_id;
    event.username = actor.username;
    event.role = actor.role;
    event.at = clock.now();
    event.to = application.state;
    application.updated_at = event.at;
    ++application.version;
    RETURN_IF_ERROR(repos.applications().update(application));
    RETURN_IF_ERROR(repos.applications().add_event(event));
    return audit::record(repos, clock, actor,
                         {std::string("application.") + to_string(event.action), object_of(application.id),
                          audit::Outcome::kSuccess,
                          std::string(to_string(event.from)) + " -> " + to_string(event.to) +
                              (event.decision.empty() ? "" : " " + event.decision)});
}

Result<ApplicationView> ApplicationService::submit(const identity::Actor& actor, std::int64_t id) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("只有社区工作人员可以提交申报"));
    ASSIGN_OR_RETURN(auto before, view(actor, id));
    ASSIGN_OR_RETURN(auto engine, engine_of(before.round));
    const Action action = before.application.state == State::kReturned ? Action::kResubmit : Action::kSubmit;
    return transition(actor, id, action, "", [&](Repositories&, Application& a, const rounds::Round& round, Event&) -> Status {
        if (round.status != rounds::RoundStatus::kOpen) {
            return fail(Error::conflict("round_not_open", "该认定批次已不接受申报"));
        }
        // 第十四条1: applications by the end of October; a returned one until the district deadline.
        const auto deadline = action == Action::kSubmit ? round.calendar.community_deadline
                                                        : round.calendar.district_deadline;
        if (!rounds::before_deadline(clock_.now(), deadline)) {
            return fail(deadline_passed(action == Action::kSubmit ? "社区申报" : "修改后重新提交", deadline));
        }
        ASSIGN_OR_RETURN(auto rating, engine->evaluate({a.assessment.achieved,
                                                        {a.current_star, a.assessment.mechanism, a.assessment.effective}}));
        const int eligible = std::min(rating.eligible_star, round.max_star(engine->standard().rules.max_star));
        // 第十三条: current_star < target ≤ eligible.
        if (!standards::target_allowed(a.current_star, a.target_star, eligible)) {
            return fail(Error::rule("not_eligible",
                                    "申报星级" + standards::star_label(a.target_star) + "不符合申报条件：按已实现指标可申报" +
                                        (eligible > 0 ? standards::star_label(eligible) : std::string("的星级为无")) +
                                        "（第十三条）"));
        }
        a.state = State::kSubmitted;
        a.submitted_at = clock_.now();
        return ok();
    });
}

Result<ApplicationView> ApplicationService::withdraw(const identity::Actor& actor, std::int64_t id,
                                                     const std::string& reason) {
    return transition(actor, id, Action::kWithdraw, reason,
                      [](Repositories&, Application& a, const rounds::Round&, Event&) -> Status {
                          a.state = State::kWithdrawn;
                          return ok();
                      });
}

Result<ApplicationView> ApplicationService::street_review(const identity::Actor& actor, std::int64_t id,
                                                          const TransitionRequest& request) {
    const bool forward = request.decision == "forward";
    if (!forward && request.decision != "return") {
        return fail(Error::invalid("invalid_request", "decision 应为 forward 或 return",
                                   {{"decision", "应为 forward（转报）或 return（退回）"}}));
    }
    if (!forward) RETURN_IF_ERROR(require_opinion(request.opinion, "退回时须写明理由"));
    return transition(actor, id, forward ? Action::kStreetForward : Action::kStreetReturn, request.opinion,
                      [&](Repositories&, Application& a, const rounds::Round&, Event& event) -> Status {
                          event.decision = request.decision;
                          a.state = forward ? State::kStreetApproved : State::kReturned;
                          return ok();
                      });
}

Result<ApplicationView> ApplicationService::district_review(const identity::Actor& actor, std::int64_t id,
                                                            const TransitionRequest& request) {
    const bool approve = request.decision == "approve";
    if (!approve && request.decision != "reject") {
        return fail(Error::invalid("invalid_request", "decision 应为 approve 或 reject",
                                   {{"decision", "应为 approve（同意）或 reject（不同意）"}}));
    }
    if (!approve) RETURN_IF_ERROR(require_opinion(request.opinion, "不同意时须写明理由"));
    return transition(actor, id, Action::kDistrictReview, request.opinion,
                      [&](Repositories& repos, Application& a, const rounds::Round& round, Event& event) -> Status {
                          ASSIGN_OR_RETURN(auto reviews, repos.applications().reviews(a.id));
                          if (std::any_of(reviews.begin(), reviews.end(),
                                          [&](const DistrictReview& r) { return r.role == actor.role; })) {
                              return fail(Error::conflict("already_reviewed",
                                                          std::string(identity::role_label(actor.role)) + "已审核过该申报"));
                          }
                          if (!rounds::before_deadline(clock_.now(), round.calendar.district_deadline)) {
                              return fail(deadline_passed("区级审核", round.calendar.district_deadline));
                          }
                          event.decision = request.decision;
                          RETURN_IF_ERROR(repos.applications().put_review(
                              a.id, {actor.role, approve, request.opinion, actor.username, clock_.now()}));
                          // 第十四条2: any department's rejection ends it; three approvals pass it.
                          if (!approve) {
                              a.state = State::kNotRecommended;
                          } else if (std::count_if(reviews.begin(), reviews.end(),
                                                   [](const DistrictReview& r) { return r.approved; }) == 2) {
                              a.state = State::kDistrictReviewed;
                          }
                          return ok();
                      });
}

Result<ApplicationView> ApplicationService::district_return(const identity::Actor& actor, std::int64_t id,
                                                            const std::string& opinion) {
    RETURN_IF_ERROR(require_opinion(opinion, "退回时须写明理由"));
    return transition(actor, id, Action::kDistrictReturn, opinion,
                      [&](Repositories& repos, Application& a, const rounds::Round& round, Event& event) -> Status {
                          if (!rounds::before_deadline(clock_.now(), round.calendar.district_deadline)) {
                              return fail(deadline_passed("区级审核", round.calendar.district_deadline));
                          }
                          event.decision = "return";
                          RETURN_IF_ERROR(repos.applications().clear_reviews(a.id));
                          a.state = State::kReturned;
                          return ok();
                      });
}

Result<ApplicationView> ApplicationService::recommend(const identity::Actor& actor, std::int64_t id, int rank,
                                                      const std::string& opinion) {
    if (rank < 1) {
        return fail(Error::invalid("invalid_request", "推荐排序应为从 1 开始的整数", {{"rank", "应为正整数"}}));
    }
    return transition(actor, id, Action::kRecommend, opinion,
                      [&](Repositories& repos, Application& a, const rounds::Round& round, Event& event) -> Status {
                          // 第十四条2: recommendations reach the city by 15 November.
                          if (!rounds::before_deadline(clock_.now(), round.calendar.district_deadline)) {
                              return fail(deadline_passed("区级推荐", round.calendar.district_deadline));
                          }
                          ASSIGN_OR_RETURN(auto others, repos.applications().list(
                                                            {a.round_id, State::kRecommended, a.district_code, ""}));
                          if (std::any_of(others.begin(), others.end(), [&](const Application& o) {
                                  return o.id != a.id && o.recommendation_rank == rank;
                              })) {
                              return fail(Error::rule("rank_taken", "本区已有排序为 " + std::to_string(rank) + " 的推荐"));
                          }
                          event.decision = "rank " + std::to_string(rank);
                          a.recommendation_rank = rank;
                          a.state = State::kRecommended;
                          return ok();
                      });
}

Result<ApplicationView> ApplicationService::assign_evaluator(const identity::Actor& actor, std::int64_t id,
                                                             const std::string& username,
                                                             std::optional<Timestamp> due_at) {
    if (username.empty()) {
        return fail(Error::invalid("invalid_request", "请指定评估专家", {{"username", "缺少必填字段"}}));
    }
    const auto now = clock_.now();
    const auto due = due_at.value_or(now + std::chrono::days(14));
    if (due <= now) {
        return fail(Error::invalid("invalid_request", "评估完成期限须晚于当前时间", {{"due_at", "须晚于当前时间"}}));
    }
    return transition(actor, id, Action::kAssignEvaluator, "",
                      [&](Repositories& repos, Application& a, const rounds::Round& round, Event& event) -> Status {
                          ASSIGN_OR_RETURN(auto evaluator, repos.users().find_by_username(username));
                          if (!evaluator || evaluator->role != Role::kEvaluator || evaluator->disabled) {
                              return fail(Error::rule("not_an_evaluator", "'" + username + "' 不是在册的评估专家"));
                          }
                          // DESIGN.md §1: evaluation starts after the district deadline.
                          if (rounds::before_deadline(clock_.now(), round.calendar.district_deadline)) {
                              return fail(Error::rule("evaluation_not_started",
                                                      "专家评估在区级推荐截止（" +
                                                          format_rfc3339(round.calendar.district_deadline) + "）之后开始"));
                          }
                          // Never an evaluator of the application's own district.
                          if (evaluator->org_code.substr(0, 6) == a.district_code) {
                              return fail(Error::rule("same_district", "评估专家 '" + username +
                                                                           "' 来自申报社区所在区，须回避"));
                          }
                          ASSIGN_OR_RETURN(auto existing, repos.applications().assignments(a.id));
                          if (std::any_of(existing.begin(), existing.end(),
                                          [&](const Assignment& x) { return x.evaluator == username; })) {
                              return fail(Error::conflict("already_assigned", "'" + username + "' 已被指派评估该申报"));
                          }
                          RETURN_IF_ERROR(repos.applications().add_assignment(
                              {a.id, username, evaluator->org_code, due, clock_.now()}));
                          event.decision = username;
                          a.state = State::kEvaluating;
                          return ok();
                      });
}

Result<ApplicationView> ApplicationService::evaluate(const identity::Actor& actor, std::int64_t id,
                                                     const EvaluationRequest& given) {
    if (actor.role != Role::kEvaluator) return fail(Error::forbidden("只有被指派的评估专家可以提交评估"));
    ASSIGN_OR_RETURN(auto before, view(actor, id));
    EvaluationRequest request = given;
    if (given.verified) {
        request.checks.clear();
        const auto& claimed_codes = before.application.assessment.achieved;
        for (const auto& code : claimed_codes) {
            const bool ok = std::find(given.verified->begin(), given.verified->end(), code) != given.verified->end();
            request.checks.push_back({code, ok, ok ? "" : given.opinion});
        }
        // Listed codes the community never claimed are kept, so the check below names them.
        for (const auto& code : *given.verified) {
            if (std::find(claimed_codes.begin(), claimed_codes.end(), code) == claimed_codes.end()) {
                request.checks.push_back({code, true, ""});
            }
        }
    }
    std::vector<FieldError> problems;
    std::set<std::string> claimed(before.application.assessment.achieved.begin(),
                                  before.application.assessment.achieved.end());
    std::set<std::string> seen;
    for (std::size_t i = 0; i < request.checks.size(); ++i) {
        const auto& c = request.checks[i];
        const auto field = "checks[" + std::to_string(i) + "]";
        if (claimed.count(c.code) == 0) problems.push_back({field, "指标 '" + c.code + "' 不是该社区申报的指标"});
        if (!seen.insert(c.code).second) problems.push_back({field, "指标 '" + c.code + "' 重复"});
        if (!c.verified && c.reason.empty()) problems.push_back({field, "未核实的指标 '" + c.code + "' 须说明理由"});
    }
    for (const auto& code : claimed) {
        if (seen.count(code) == 0) problems.push_back({"checks", "缺少对指标 '" + code + "' 的核实"});
    }
    if (!problems.empty()) {
        return fail(Error::invalid("invalid_evaluation", "评估须逐项核实申报的每一个指标", std::move(problems)));
    }
    return transition(actor, id, Action::kEvaluate, request.opinion,
                      [&](Repositories& repos, Application& a, const rounds::Round&, Event& event) -> Status {
                          event.decision = request.effective ? "effective" : "not effective";
                          return repos.applications().put_evaluation(
                              {a.id, actor.username, request.checks, request.effective, request.opinion, clock_.now()});
                      });
}

Result<ApplicationView> ApplicationService::decide(const identity::Actor& actor, std::int64_t id, int star,
                                                   const std::string& opinion) {
    if (star < 0 || star > 5) {
        return fail(Error::invalid("invalid_request", "星级应为 0（不予认定）到 5", {{"star", "应为 0 到 5"}}));
    }
    if (actor.role != Role::kCitySocial) {
        return fail(Error::forbidden(std::string("您的角色（") + identity::role_label(actor.role) + "）不能作出认定决定"));
    }
    ASSIGN_OR_RETURN(auto before, view(actor, id));
    ASSIGN_OR_RETURN(auto engine, engine_of(before.round));
    return transition(actor, id, Action::kDecide, opinion,
                      [&](Repositories& repos, Application& a, const rounds::Round& round, Event& event) -> Status {
                          ASSIGN_OR_RETURN(auto assigned, repos.applications().assignments(a.id));
                          ASSIGN_OR_RETURN(auto done, repos.applications().evaluations(a.id));
                          if (done.empty() || done.size() < assigned.size()) {
                              return fail(Error::conflict("evaluations_pending",
                                                          "尚有 " + std::to_string(assigned.size() - done.size()) +
                                                              " 位评估专家未提交评估"));
                          }
                          // Judged on the evaluations as they stand at the commit, not as read before.
                          ASSIGN_OR_RETURN(const int verified, verified_eligible(*engine, round, a, done));
                          // The group's star is at most what the majority-verified indicators earn.
                          if (star > 0 && !standards::target_allowed(a.current_star, star, verified)) {
                              return fail(Error::rule("above_verified_eligibility",
                                                      "认定星级" + standards::star_label(star) +
                                                          "高于评估核实后可认定的星级" +
                                                          (verified > 0 ? standards::star_label(verified) : std::string("（无）"))));
                          }
                          event.decision = star == 0 ? "reject" : "star " + std::to_string(star);
                          a.decided_star = star;
                          a.state = star == 0 ? State::kRejected : State::kProposed;
                          return ok();
                      });
}

namespace {

bool district_role(Role role) {
    return role == Role::kDistrictSocial || role == Role::kDistrictIt || role == Role::kDistrictCivil;
}

Result<std::vector<DistrictPackage>> load_packages(Repositories& repos, std::int64_t round_id, const std::string& scope) {
    ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
    if (!round) return fail(Error::not_found("认定批次不存在"));
    ASSIGN_OR_RETURN(auto list, repos.applications().list({round_id, std::nullopt, scope, ""}));
    ASSIGN_OR_RETURN(auto receipts, repos.applications().receipts(round_id));
    std::map<std::string, DistrictPackage> packages;
    for (auto& a : list) {
        if (!a.recommendation_rank) continue;
        auto& package = packages[a.district_code];
        package.district_code = a.district_code;
        package.applications.push_back(std::move(a));
    }
    for (auto& r : receipts) {
        const auto it = packages.find(r.district_code);
        if (it != packages.end()) it->second.receipts.push_back(std::move(r));
    }
    std::vector<std::string> codes;
    for (const auto& [code, package] : packages) codes.push_back(code);
    ASSIGN_OR_RETURN(auto districts, repos.regions().find_many(codes));
    for (const auto& d : districts) {
        if (const auto it = packages.find(d.code); it != packages.end()) it->second.district_name = d.name;
    }
    std::vector<DistrictPackage> out;
    for (auto& [code, package] : packages) {
        std::sort(package.applications.begin(), package.applications.end(),
                  [](const Application& x, const Application& y) { return *x.recommendation_rank < *y.recommendation_rank; });
        out.push_back(std::move(package));
    }
    return out;
}

}  // namespace

Result<std::vector<DistrictPackage>> ApplicationService::recommendations(const identity::Actor& actor,
                                                                        std::int64_t round_id) {
    if (!identity::is_city_role(actor.role) && !district_role(actor.role)) {
        return fail(Error::forbidden("只有区级和市级部门可以查看推荐材料"));
    }
    std::vector<DistrictPackage> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, load_packages(repos, round_id, application_scope(actor)));
        return ok();
    }));
    return out;
}

Result<DistrictPackage> ApplicationService::receive(const identity::Actor& actor, std::int64_t round_id,
                                                    const std::string& district_code) {
    if (!identity::is_city_role(actor.role)) {
        return fail(Error::forbidden("只有市社会办、市经济信息化委、市民政局确认收到推荐材料"));
    }
    DistrictPackage out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto packages, load_packages(repos, round_id, application_scope(actor)));
        const auto it = std::find_if(packages.begin(), packages.end(),
                                     [&](const DistrictPackage& p) { return p.district_code == district_code; });
        if (it == packages.end()) {
            return fail(Error::conflict("nothing_recommended", "区 " + district_code + " 在本批次尚未推荐社区"));
        }
        const auto now = clock_.now();
        RETURN_IF_ERROR(repos.applications().add_receipt({round_id, district_code, actor.role, actor.username, now}));
        it->receipts.push_back({round_id, district_code, actor.role, actor.username, now});
        out = *it;
        return audit::record(repos, clock_, actor,
                             {"recommendation.receive", "round:" + std::to_string(round_id), audit::Outcome::kSuccess,
                              district_code});
    }));
    return out;
}

namespace {

/// The names of these division codes (district and street names for the documents).
Result<std::map<std::string, std::string>> names_of(Store& store, const std::vector<std::string>& codes) {
    std::map<std::string, std::string> names;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto regions, repos.regions().find_many(codes));
        for (auto& r : regions) names[r.code] = std::move(r.name);
        return ok();
    }));
    return names;
}

}  // namespace

Result<FormData> ApplicationService::form(const identity::Actor& actor, std::int64_t id) {
    RETURN_IF_ERROR(rounds::require_business_role(actor));
    FormData out;
    ASSIGN_OR_RETURN(out.view, view(actor, id));
    const auto& a = out.view.application;
    ASSIGN_OR_RETURN(auto names, names_of(store_, {a.district_code, a.street_code}));
    out.district_name = names[a.district_code];
    out.street_name = names[a.street_code];
    ASSIGN_OR_RETURN(auto engine, engine_of(out.view.round));
    out.standard = engine->standard();
    return out;
}

Result<RecommendationListData> ApplicationService::recommendation_list(const identity::Actor& actor,
                                                                       std::int64_t round_id,
                                                                       const std::string& district_code) {
    ASSIGN_OR_RETURN(auto packages, recommendations(actor, round_id));
    const auto it = std::find_if(packages.begin(), packages.end(),
                                 [&](const DistrictPackage& p) { return p.district_code == district_code; });
    if (it == packages.end()) {
        return fail(Error::not_found("区 '" + district_code + "' 在本批次没有推荐名单，或不在您的管辖范围内"));
    }
    RecommendationListData out;
    out.package = std::move(*it);
    out.generated_at = clock_.now();
    std::vector<std::string> streets;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
        if (!round) return fail(Error::not_found("认定批次不存在"));
        out.round = *round;
        for (const auto& a : out.package.applications) {
            RecommendationListEntry entry;
            entry.application = a;
            ASSIGN_OR_RETURN(entry.reviews, repos.applications().reviews(a.id));
            streets.push_back(a.street_code);
            out.entries.push_back(std::move(entry));
        }
        return ok();
    }));
    ASSIGN_OR_RETURN(auto names, names_of(store_, streets));
    ASSIGN_OR_RETURN(auto engine, engine_of(out.round));
    const int cap = out.round.max_star(engine->standard().rules.max_star);
    for (auto& entry : out.entries) {
        const auto& a = entry.application;
        entry.street_name = names[a.street_code];
        ASSIGN_OR_RETURN(auto rating, engine->evaluate({a.assessment.achieved,
                                                        {a.current_star, a.assessment.mechanism, a.assessment.effective}}));
        entry.eligible_star = std::min(rating.eligible_star, cap);
    }
    return out;
}

}  // namespace hx::applications

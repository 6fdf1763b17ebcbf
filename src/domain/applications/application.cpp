#include "domain/applications/application.hpp"

#include <algorithm>

namespace hx::applications {

namespace {
constexpr State kAllStates[] = {
    State::kDraft,       State::kSubmitted,  State::kReturned,   State::kStreetApproved,
    State::kDistrictReviewed, State::kNotRecommended, State::kRecommended, State::kEvaluating,
    State::kProposed,    State::kRejected,   State::kWithdrawn,      State::kCertified,
};
constexpr Action kAllActions[] = {
    Action::kSubmit,         Action::kResubmit,     Action::kWithdraw,        Action::kStreetForward,
    Action::kStreetReturn,   Action::kDistrictReview, Action::kDistrictReturn, Action::kRecommend,
    Action::kAssignEvaluator, Action::kEvaluate,    Action::kDecide,          Action::kRevise,
    Action::kFinalize,
};
}  // namespace

std::optional<Action> parse_action(std::string_view text) {
    for (const auto action : kAllActions) {
        if (text == to_string(action)) return action;
    }
    return std::nullopt;
}

const char* to_string(State state) {
    switch (state) {
        case State::kDraft: return "draft";
        case State::kSubmitted: return "submitted";
        case State::kReturned: return "returned";
        case State::kStreetApproved: return "street_approved";
        case State::kDistrictReviewed: return "district_reviewed";
        case State::kNotRecommended: return "not_recommended";
        case State::kRecommended: return "recommended";
        case State::kEvaluating: return "evaluating";
        case State::kProposed: return "proposed";
        case State::kRejected: return "rejected";
        case State::kWithdrawn: return "withdrawn";
        case State::kCertified: return "certified";
    }
    return "draft";
}

std::optional<State> parse_state(std::string_view text) {
    for (auto state : kAllStates) {
        if (text == to_string(state)) return state;
    }
    return std::nullopt;
}

const char* state_label(State state) {
    switch (state) {
        case State::kDraft: return "草稿";
        case State::kSubmitted: return "已提交，待街道转报";
        case State::kReturned: return "已退回修改";
        case State::kStreetApproved: return "街道已转报，待区级审核";
        case State::kDistrictReviewed: return "区级审核通过，待推荐";
        case State::kNotRecommended: return "未获推荐";
        case State::kRecommended: return "已推荐至市级";
        case State::kEvaluating: return "专家评估中";
        case State::kProposed: return "拟认定";
        case State::kRejected: return "未予认定";
        case State::kWithdrawn: return "已撤回";
        case State::kCertified: return "已认定命名";
    }
    return "";
}

const char* to_string(Action action) {
    switch (action) {
        case Action::kSubmit: return "submit";
        case Action::kResubmit: return "resubmit";
        case Action::kWithdraw: return "withdraw";
        case Action::kStreetForward: return "street_forward";
        case Action::kStreetReturn: return "street_return";
        case Action::kDistrictReview: return "district_review";
        case Action::kDistrictReturn: return "district_return";
        case Action::kRecommend: return "recommend";
        case Action::kAssignEvaluator: return "assign_evaluator";
        case Action::kEvaluate: return "evaluate";
        case Action::kDecide: return "decide";
        case Action::kRevise: return "revise";
        case Action::kFinalize: return "finalize";
    }
    return "submit";
}

const char* action_label(Action action) {
    switch (action) {
        case Action::kSubmit: return "提交申报";
        case Action::kResubmit: return "修改后重新提交";
        case Action::kWithdraw: return "撤回申报";
        case Action::kStreetForward: return "街道转报";
        case Action::kStreetReturn: return "街道退回";
        case Action::kDistrictReview: return "区级审核";
        case Action::kDistrictReturn: return "区级退回修改";
        case Action::kRecommend: return "区级推荐";
        case Action::kAssignEvaluator: return "指派评估专家";
        case Action::kEvaluate: return "专家评估";
        case Action::kDecide: return "认定决定";
        case Action::kRevise: return "公示期间重新决定";
        case Action::kFinalize: return "认定命名";
    }
    return "";
}

const std::vector<Transition>& transitions() {
    using identity::Role;
    // DESIGN.md §1 draws this machine; every other combination is refused.
    static const std::vector<Transition> table = {
        {Action::kSubmit, Role::kCommunity, {State::kDraft}},
        {Action::kResubmit, Role::kCommunity, {State::kReturned}},
        {Action::kWithdraw, Role::kCommunity,
         {State::kDraft, State::kSubmitted, State::kReturned, State::kStreetApproved,
          State::kDistrictReviewed, State::kRecommended, State::kEvaluating}},
        {Action::kStreetForward, Role::kStreet, {State::kSubmitted}},
        {Action::kStreetReturn, Role::kStreet, {State::kSubmitted}},
        // 第十四条2: 区社会办会同区信息化主管部门、区民政局审核.
        {Action::kDistrictReview, Role::kDistrictSocial, {State::kStreetApproved}},
        {Action::kDistrictReview, Role::kDistrictIt, {State::kStreetApproved}},
        {Action::kDistrictReview, Role::kDistrictCivil, {State::kStreetApproved}},
        {Action::kDistrictReturn, Role::kDistrictSocial, {State::kStreetApproved}},
        {Action::kRecommend, Role::kDistrictSocial, {State::kDistrictReviewed}},
        {Action::kAssignEvaluator, Role::kCitySocial, {State::kRecommended, State::kEvaluating}},
        {Action::kEvaluate, Role::kEvaluator, {State::kEvaluating}},
        {Action::kDecide, Role::kCitySocial, {State::kEvaluating}},
        // 第十四条3: what the notice turns up (a comment upheld, a spot check failed) leads to
        // a new decision; 第十五条: the naming after the notice.
        {Action::kRevise, Role::kCitySocial, {State::kProposed}},
        {Action::kFinalize, Role::kCitySocial, {State::kProposed}},
    };
    return table;
}

const Transition* find_transition(Action action, identity::Role role) {
    const auto& table = transitions();
    const auto it = std::find_if(table.begin(), table.end(), [&](const Transition& t) {
        return t.action == action && t.role == role;
    });
    return it == table.end() ? nullptr : &*it;
}

bool withdrawable(State state) {
    const auto* t = find_transition(Action::kWithdraw, identity::Role::kCommunity);
    return std::find(t->from.begin(), t->from.end(), state) != t->from.end();
}

bool sealed_for_community(State state) {
    return state == State::kEvaluating || state == State::kProposed || state == State::kRejected;
}

}  // namespace hx::applications

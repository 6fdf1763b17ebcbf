#include "domain/rounds/round_service.hpp"

#include "domain/audit/audit_service.hpp"
#include "domain/standards/standard_repository.hpp"
#include "domain/standards/standard_service.hpp"

namespace hx::rounds {

Status require_business_role(const identity::Actor& actor) {
    if (identity::is_administrator(actor.role)) {
        return fail(Error::forbidden("管理员账户不能查看或办理认定业务（三员分立）"));
    }
    return ok();
}

Result<Round> RoundService::create(const identity::Actor& actor, const NewRound& request) {
    if (actor.role != identity::Role::kCitySocial) {
        return fail(Error::forbidden("只有市社会办可以创建认定批次"));
    }
    std::vector<FieldError> problems;
    if (request.year < 2013 || request.year > 2100) {
        problems.push_back({"year", "年份应在 2013 到 2100 之间，实为 " + std::to_string(request.year)});
    }
    const auto kind = parse_round_kind(request.kind);
    if (!kind) problems.push_back({"kind", "批次类型 '" + request.kind + "' 无效（可选：pilot、annual、upgrade）"});
    std::optional<RoundScope> scope;
    if (request.scope) {
        scope = parse_round_scope(*request.scope);
        if (!scope) problems.push_back({"scope", "范围 '" + *request.scope + "' 无效（可选：pilot_only、all）"});
    }
    const int notice_days = request.notice_days.value_or(7);
    if (notice_days < 1 || notice_days > 30) {
        problems.push_back({"notice_days", "公示天数应在 1 到 30 之间"});
    }
    if (request.standard_id.empty()) problems.push_back({"standard_id", "缺少必填字段"});
    if (!problems.empty()) {
        return fail(Error::invalid("invalid_round", "认定批次信息有误", std::move(problems)));
    }
    const auto defaults = default_calendar(request.year);
    Round round;
    round.year = request.year;
    round.kind = *kind;
    round.standard_id = request.standard_id;
    // 第九条: the first certification is mainly of the 512 pilot communities.
    round.scope = scope.value_or(*kind == RoundKind::kPilot ? RoundScope::kPilotOnly : RoundScope::kAll);
    round.calendar = {request.community_deadline.value_or(defaults.community_deadline),
                      request.district_deadline.value_or(defaults.district_deadline), notice_days};
    round.name = request.name.value_or(std::to_string(request.year) + "年度北京市星级智慧社区认定（" +
                                       round_kind_label(*kind) + "）");
    round.created_at = clock_.now();
    if (round.calendar.district_deadline <= round.calendar.community_deadline) {
        return fail(Error::invalid("invalid_round", "区级推荐截止时间须晚于社区申报截止时间",
                                   {{"district_deadline", "须晚于 community_deadline"}}));
    }
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto header, repos.standards().header(request.standard_id, request.standard_revision));
        if (!header) {
            return fail(Error::invalid("invalid_round", "认定批次信息有误",
                                       {{"standard_id", "标准 '" + request.standard_id + "'" +
                                                            (request.standard_revision
                                                                 ? " 第 " + std::to_string(*request.standard_revision) + " 版"
                                                                 : std::string()) +
                                                            " 不存在"}}));
        }
        round.standard_revision = header->revision;
        ASSIGN_OR_RETURN(round.id, repos.rounds().insert(round));
        return audit::record(repos, clock_, actor,
                             {"round.create", "round:" + std::to_string(round.id),
                              audit::Outcome::kSuccess, round.name});
    }));
    return round;
}

Result<Round> RoundService::open(const identity::Actor& actor, std::int64_t id) {
    if (actor.role != identity::Role::kCitySocial) {
        return fail(Error::forbidden("只有市社会办可以开启认定批次"));
    }
    Round round;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto found, repos.rounds().find(id));
        if (!found) return fail(Error::not_found("认定批次不存在"));
        round = *found;
        if (round.status != RoundStatus::kDraft) {
            return fail(Error::conflict("round_not_draft", std::string("该批次当前状态为“") +
                                                               round_status_label(round.status) + "”，不能再次开启"));
        }
        round.status = RoundStatus::kOpen;
        round.opened_at = clock_.now();
        RETURN_IF_ERROR(repos.rounds().update(round));
        // 第十三条: a standard used by a round is frozen; changes make a new revision.
        RETURN_IF_ERROR(standards::StandardService::freeze(repos, round.standard_id, round.standard_revision));
        return audit::record(repos, clock_, actor,
                             {"round.open", "round:" + std::to_string(id), audit::Outcome::kSuccess,
                              round.standard_id + "@" + std::to_string(round.standard_revision)});
    }));
    return round;
}

Result<std::vector<Round>> RoundService::list(const identity::Actor& actor) {
    RETURN_IF_ERROR(require_business_role(actor));
    std::vector<Round> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.rounds().list());
        return ok();
    }));
    return out;
}

Result<Round> RoundService::get(const identity::Actor& actor, std::int64_t id) {
    RETURN_IF_ERROR(require_business_role(actor));
    std::optional<Round> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.rounds().find(id));
        return ok();
    }));
    if (!out) return fail(Error::not_found("认定批次不存在"));
    return *out;
}

}  // namespace hx::rounds

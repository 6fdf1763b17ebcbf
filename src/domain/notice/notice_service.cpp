#include "domain/notice/notice_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>

#include "core/sha256.hpp"
#include "domain/applications/application_service.hpp"
#include "domain/applications/evidence_type.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_repository.hpp"
#include "domain/regions/region_repository.hpp"
#include "domain/standards/standard.hpp"

namespace hx::notice {

namespace {

using applications::Application;
using applications::State;
using identity::Role;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr auto kCodeLifetime = minutes(10);
constexpr auto kCodeInterval = seconds(60);
constexpr int kCodeAttempts = 5;
constexpr std::int64_t kCodesPerPhonePerHour = 5;
constexpr std::int64_t kCodesPerAddressPerHour = 20;
constexpr std::int64_t kCommentsPerPhonePerDay = 5;
constexpr std::int64_t kCommentsPerAddressPerHour = 10;
constexpr std::size_t kMaxPhotosPerCheck = 20;
constexpr std::size_t kMaxNameChars = 50;
constexpr std::size_t kMaxFindingsChars = 5000;
const std::string kCityScope = "11";  // the applications of every district

std::string round_object(std::int64_t id) { return "round:" + std::to_string(id); }

Status require_city_social(const identity::Actor& actor, const char* what) {
    if (actor.role == Role::kCitySocial) return ok();
    return fail(Error::forbidden(std::string("只有市社会办可以") + what));
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

Error rate_limited(const std::string& message) { return {ErrorCode::kResourceExhausted, "rate_limited", message}; }

Error notice_closed(const Notice& notice, Timestamp now) {
    if (now < notice.starts_at) return Error::rule("notice_closed", "公示尚未开始");
    return Error::rule("notice_closed", "公示已于 " + format_rfc3339(notice.ends_at) + " 结束，不再接受评议");
}

/// The notice of a round, or 404; `what` names what the caller wanted to do.
Result<Notice> published_notice(Repositories& repos, std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto notice, repos.notices().find(round_id));
    if (!notice) return fail(Error::not_found("该认定批次的公示尚未发布"));
    return *notice;
}

Status require_not_finalized(const Notice& notice) {
    if (notice.finalized_at) return fail(Error::conflict("round_finalized", "该批次已完成认定命名，不能再更改"));
    return ok();
}

/// The applications on the notice (proposed, and certified once named), with their places.
Result<std::vector<NoticeItem>> notice_items(Repositories& repos, std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto list, repos.applications().list({round_id, std::nullopt, kCityScope, ""}));
    std::erase_if(list, [](const Application& a) {
        return a.state != State::kProposed && a.state != State::kCertified;
    });
    std::sort(list.begin(), list.end(), [](const Application& a, const Application& b) {
        if (a.district_code != b.district_code) return a.district_code < b.district_code;
        const int ra = a.recommendation_rank.value_or(1'000'000);
        const int rb = b.recommendation_rank.value_or(1'000'000);
        if (ra != rb) return ra < rb;
        return a.community_code < b.community_code;
    });
    std::vector<std::string> codes;
    for (const auto& a : list) {
        codes.push_back(a.district_code);
        codes.push_back(a.street_code);
    }
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    ASSIGN_OR_RETURN(auto places, repos.regions().find_many(codes));
    std::map<std::string, std::string> names;
    for (const auto& r : places) names[r.code] = r.name;
    std::vector<NoticeItem> items;
    items.reserve(list.size());
    for (const auto& a : list) {
        items.push_back({a.id, a.community_code, a.community_name, a.district_code, names[a.district_code],
                         names[a.street_code], a.decided_star.value_or(0), a.state});
    }
    return items;
}

Result<NoticeView> load_view(Repositories& repos, std::int64_t round_id, Timestamp now) {
    NoticeView view;
    ASSIGN_OR_RETURN(view.notice, published_notice(repos, round_id));
    ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
    if (!round) return fail(Error::internal("notice without round " + std::to_string(round_id)));
    view.round = *round;
    view.now = now;
    view.phase = phase_of(view.notice, now);
    ASSIGN_OR_RETURN(view.items, notice_items(repos, round_id));
    ASSIGN_OR_RETURN(view.commitment, repos.notices().commitment(round_id));
    ASSIGN_OR_RETURN(auto checks, repos.notices().spot_checks(round_id));
    for (const auto& c : checks) {
        view.spot_checks.push_back({c.community_code, c.community_name, c.district_code, c.passed});
    }
    return view;
}

/// The district an inspector belongs to ("" for the city level and the evaluators' pool of
/// the city), from their organisation code.
std::string district_of(const std::string& org_code) {
    if (org_code.size() < 6 || org_code.substr(0, 6) == "110000") return {};
    return org_code.substr(0, 6);
}

bool may_inspect(const identity::Actor& actor, const SpotCheck& check) {
    if (actor.role == Role::kCitySocial) return true;
    return std::find(check.inspectors.begin(), check.inspectors.end(), actor.username) != check.inspectors.end();
}

/// The community as its title names it: 多福巷社区居委会 → 多福巷社区, 某某村村委会 → 某某村.
std::string title_name(const std::string& name) {
    for (const std::string suffix : {"居委会", "村委会", "居民委员会", "村民委员会"}) {
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            const auto stem = name.substr(0, name.size() - suffix.size());
            const std::string village = "村";
            // 某某村村委会 → 某某村; 某某社区居委会 → 某某社区; 某某居委会 → 某某社区
            if (stem.size() >= village.size() && stem.compare(stem.size() - village.size(), village.size(), village) == 0) {
                return stem;
            }
            const std::string community = "社区";
            if (stem.size() >= community.size() &&
                stem.compare(stem.size() - community.size(), community.size(), community) == 0) {
                return stem;
            }
            return stem + (suffix.rfind("村", 0) == 0 ? "村" : "社区");
        }
    }
    return name;
}

std::string six_digits() {
    std::array<char, 8> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%06u", randombytes_uniform(1'000'000));
    return buffer.data();
}

}  // namespace

// ---- The notice ---------------------------------------------------------------------------------

Result<NoticeView> NoticeService::publish(const identity::Actor& actor, std::int64_t round_id) {
    RETURN_IF_ERROR(require_city_social(actor, "发布公示"));
    NoticeView view;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
        if (!round) return fail(Error::not_found("认定批次不存在"));
        ASSIGN_OR_RETURN(auto existing, repos.notices().find(round_id));
        if (existing) return fail(Error::conflict("notice_published", "该批次的公示已经发布"));
        ASSIGN_OR_RETURN(auto list, repos.applications().list({round_id, std::nullopt, kCityScope, ""}));
        const auto waiting = std::count_if(list.begin(), list.end(), [](const Application& a) {
            return a.state == State::kRecommended || a.state == State::kEvaluating;
        });
        if (waiting > 0) {
            return fail(Error::conflict("decisions_pending",
                                        "尚有 " + std::to_string(waiting) + " 份推荐申报未作出认定决定，不能发布公示"));
        }
        if (std::none_of(list.begin(), list.end(), [](const Application& a) { return a.state == State::kProposed; })) {
            return fail(Error::rule("nothing_to_publish", "该批次没有拟认定的社区，无需公示"));
        }
        // 第十四条3: the notice runs the round's notice days (7) from its publication, to the second.
        const auto now = std::chrono::floor<seconds>(clock_.now());
        Notice notice{round_id, now, now + hours(24) * round->calendar.notice_days, actor.username, std::nullopt};
        RETURN_IF_ERROR(repos.notices().insert(notice));
        RETURN_IF_ERROR(audit::record(repos, clock_, actor,
                                      {"notice.publish", round_object(round_id), audit::Outcome::kSuccess,
                                       "until " + format_rfc3339(notice.ends_at)}));
        ASSIGN_OR_RETURN(view, load_view(repos, round_id, now));
        return ok();
    }));
    return view;
}

Result<NoticeView> NoticeService::public_notice(std::int64_t round_id) {
    NoticeView view;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(view, load_view(repos, round_id, clock_.now()));
        return ok();
    }));
    return view;
}

Result<std::vector<NoticeView>> NoticeService::public_notices() {
    std::vector<NoticeView> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto notices, repos.notices().list());
        for (const auto& n : notices) {
            ASSIGN_OR_RETURN(auto view, load_view(repos, n.round_id, clock_.now()));
            out.push_back(std::move(view));
        }
        return ok();
    }));
    return out;
}

// ---- Comments (群众评议) ------------------------------------------------------------------------

namespace {
Error secrets_missing() {
    return {ErrorCode::kUnavailable, "secrets_missing", "评议暂不可用：服务未配置密钥目录"};
}
}  // namespace

Result<PhoneCodeSent> NoticeService::send_phone_code(const identity::Origin& origin, const std::string& phone_text) {
    if (phones_ == nullptr) return fail(secrets_missing());
    const auto phone = normalize_phone(phone_text);
    if (!phone) {
        return fail(Error::invalid("invalid_phone", "请填写 11 位手机号码", {{"phone", "不是有效的手机号码"}}));
    }
    const auto phone_digest = phones_->digest(*phone);
    const auto address_digest = phones_->digest("addr:" + origin.client_addr);
    PhoneCodeSent sent{mask_phone(*phone), std::chrono::duration_cast<seconds>(kCodeLifetime).count(), six_digits()};
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        const auto now = clock_.now();
        ASSIGN_OR_RETURN(auto previous, repos.notices().phone_code(phone_digest));
        if (previous && now - previous->sent_at < kCodeInterval) {
            return fail(rate_limited("验证码发送过于频繁，请 60 秒后再试"));
        }
        ASSIGN_OR_RETURN(auto by_phone, repos.notices().actions_since(PublicAction::kPhoneCode, phone_digest, now - hours(1)));
        ASSIGN_OR_RETURN(auto by_address,
                         repos.notices().actions_since(PublicAction::kPhoneCode, address_digest, now - hours(1)));
        if (by_phone >= kCodesPerPhonePerHour || by_address >= kCodesPerAddressPerHour) {
            return fail(rate_limited("获取验证码的次数过多，请一小时后再试"));
        }
        RETURN_IF_ERROR(repos.notices().put_phone_code(
            {phone_digest, phones_->digest(phone_digest + ":" + sent.code), now, now + kCodeLifetime, 0}));
        RETURN_IF_ERROR(repos.notices().count_action(PublicAction::kPhoneCode, phone_digest, now));
        return repos.notices().count_action(PublicAction::kPhoneCode, address_digest, now);
    }));
    // Sent after the commit: a failed send leaves a code nobody knows, and the person asks again.
    RETURN_IF_ERROR(sms_.send(*phone, "【北京市星级智慧社区】您的验证码是 " + sent.code +
                                          "，10 分钟内有效，仅用于对公示名单发表意见。"));
    return sent;
}

Result<std::int64_t> NoticeService::comment(const identity::Origin& origin, std::int64_t round_id,
                                            const CommentRequest& request) {
    if (phones_ == nullptr) return fail(secrets_missing());
    std::vector<FieldError> problems;
    const auto content_chars = utf8_length(request.content);
    if (request.content.find_first_not_of(" \t\r\n") == std::string::npos) {
        problems.push_back({"content", "请填写评议内容"});
    } else if (content_chars > kMaxCommentChars) {
        problems.push_back({"content", "评议内容不能超过 2000 字"});
    }
    if (utf8_length(request.name) > kMaxNameChars) problems.push_back({"name", "姓名不能超过 50 字"});
    const auto phone = normalize_phone(request.phone);
    if (!phone && request.honeypot.empty()) problems.push_back({"phone", "请填写 11 位手机号码"});
    if (request.community_code.empty()) problems.push_back({"community_code", "请选择被评议的社区"});
    if (!problems.empty()) return fail(Error::invalid("invalid_request", "评议内容不完整或有误", problems));

    const auto address_digest = phones_->digest("addr:" + origin.client_addr);
    const auto phone_digest = phone ? phones_->digest(*phone) : std::string();
    const bool robot = !request.honeypot.empty();

    // Refused outside the notice before a code is spent on it.
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, round_id));
        const auto now = clock_.now();
        if (now < notice.starts_at || phase_of(notice, now) != NoticePhase::kOpen) return fail(notice_closed(notice, now));
        return ok();
    }));

    if (!robot) {
        // The code is checked, and a wrong try counted, in a transaction of its own: a refusal
        // must still use up one of the five tries.
        bool accepted = false;
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
            ASSIGN_OR_RETURN(auto code, repos.notices().phone_code(phone_digest));
            const auto now = clock_.now();
            if (!code || now >= code->expires_at || code->attempts >= kCodeAttempts) return ok();
            if (phones_->digest(phone_digest + ":" + request.phone_code) == code->code_digest) {
                accepted = true;
                return repos.notices().delete_phone_code(phone_digest);
            }
            ++code->attempts;
            return repos.notices().put_phone_code(*code);
        }));
        if (!accepted) {
            return fail(Error(ErrorCode::kRuleViolation, "phone_code_invalid", "手机验证码不正确或已过期，请重新获取",
                              {{"phone_code", "验证码不正确或已过期"}}));
        }
    }

    std::int64_t id = 0;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, round_id));
        const auto now = clock_.now();
        if (now < notice.starts_at || phase_of(notice, now) != NoticePhase::kOpen) return fail(notice_closed(notice, now));
        ASSIGN_OR_RETURN(auto items, notice_items(repos, round_id));
        const auto item = std::find_if(items.begin(), items.end(), [&](const NoticeItem& i) {
            return i.community_code == request.community_code && i.state == State::kProposed;
        });
        if (item == items.end()) return fail(Error::not_found("社区 '" + request.community_code + "' 不在本批次的公示名单中"));
        ASSIGN_OR_RETURN(auto by_address,
                         repos.notices().actions_since(PublicAction::kComment, address_digest, now - hours(1)));
        if (by_address >= kCommentsPerAddressPerHour) return fail(rate_limited("评议提交过于频繁，请一小时后再试"));
        if (!robot) {
            ASSIGN_OR_RETURN(auto by_phone,
                             repos.notices().actions_since(PublicAction::kComment, phone_digest, now - hours(24)));
            if (by_phone >= kCommentsPerPhonePerDay) return fail(rate_limited("同一手机号码每天最多提交 5 条评议"));
            RETURN_IF_ERROR(repos.notices().count_action(PublicAction::kComment, phone_digest, now));
        }
        RETURN_IF_ERROR(repos.notices().count_action(PublicAction::kComment, address_digest, now));
        Comment c;
        c.round_id = round_id;
        c.application_id = item->application_id;
        c.community_code = item->community_code;
        c.community_name = item->community_name;
        c.content = request.content;
        c.name = request.name;
        if (phone) {
            c.phone_sealed = phones_->seal(*phone);
            c.phone_masked = mask_phone(*phone);
            c.phone_digest = phone_digest;
        }
        c.client_addr = origin.client_addr;
        c.created_at = now;
        // The honeypot: what a robot fills in goes straight to the spam bin, unanswered.
        c.moderation = robot ? Moderation::kSpam : Moderation::kPending;
        ASSIGN_OR_RETURN(id, repos.notices().add_comment(c));
        return audit::record(repos, clock_, origin, "",
                             {"notice.comment", "comment:" + std::to_string(id), audit::Outcome::kSuccess,
                              c.community_code + (robot ? " honeypot" : "")});
    }));
    return id;
}

Result<std::vector<Comment>> NoticeService::comments(const identity::Actor& actor, std::int64_t round_id) {
    // 群众评议 is private to the city (DESIGN.md §1).
    if (!identity::is_city_role(actor.role)) return fail(Error::forbidden("群众评议仅供市级部门查看"));
    std::vector<Comment> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(published_notice(repos, round_id));
        ASSIGN_OR_RETURN(out, repos.notices().comments(round_id));
        return ok();
    }));
    for (auto& c : out) c.phone_sealed.clear();
    return out;
}

Result<Comment> NoticeService::moderate(const identity::Actor& actor, std::int64_t comment_id, Moderation moderation) {
    RETURN_IF_ERROR(require_city_social(actor, "审核群众评议"));
    Comment out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto comment, repos.notices().find_comment(comment_id));
        if (!comment) return fail(Error::not_found("评议不存在"));
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, comment->round_id));
        RETURN_IF_ERROR(require_not_finalized(notice));
        if (comment->disposition) return fail(Error::conflict("comment_disposed", "该评议已经答复，不能再改变审核结果"));
        comment->moderation = moderation;
        RETURN_IF_ERROR(repos.notices().update_comment(*comment));
        out = *comment;
        return audit::record(repos, clock_, actor,
                             {"notice.moderate", "comment:" + std::to_string(comment_id), audit::Outcome::kSuccess,
                              to_string(moderation)});
    }));
    out.phone_sealed.clear();
    return out;
}

Status NoticeService::revise(Repositories& repos, const identity::Actor& actor, std::int64_t application_id, int star,
                             const std::string& reason) {
    ASSIGN_OR_RETURN(auto application, repos.applications().find(application_id, kCityScope));
    if (!application) return fail(Error::not_found("申报不存在"));
    if (application->state != State::kProposed) {
        return fail(Error::conflict("wrong_state", std::string("申报当前状态为“") + applications::state_label(application->state) +
                                                       "”，不能重新决定"));
    }
    const int current = application->decided_star.value_or(0);
    if (star < 0 || star >= current) {
        return fail(Error::rule("star_not_lower", "重新决定的星级须低于原拟认定的" + standards::star_label(current) +
                                                      "（0 表示撤销拟认定）"));
    }
    applications::Event event;
    event.action = applications::Action::kRevise;
    event.from = application->state;
    event.opinion = reason;
    event.decision = star == 0 ? "withdraw" : "star " + std::to_string(star);
    if (star == 0) {
        application->state = State::kWithdrawn;
    } else {
        application->decided_star = star;
    }
    return applications::record_transition(repos, clock_, actor, *application, event);
}

Result<Comment> NoticeService::dispose(const identity::Actor& actor, std::int64_t comment_id,
                                       const DispositionRequest& request) {
    if (request.response.find_first_not_of(" \t\r\n") == std::string::npos) {
        return fail(Error::invalid("invalid_request", "请填写答复意见", {{"response", "请填写答复意见"}}));
    }
    if (request.result == Disposition::kUpheld && !request.star) {
        return fail(Error::invalid("invalid_request", "评议属实时须同时作出新的决定：给出新的星级（0 表示撤销拟认定）",
                                   {{"star", "评议属实时必填"}}));
    }
    if (request.result == Disposition::kDismissed && request.star) {
        return fail(Error::invalid("invalid_request", "评议不属实时不改变认定决定，请不要给出星级", {{"star", "仅在评议属实时填写"}}));
    }
    RETURN_IF_ERROR(require_city_social(actor, "答复群众评议"));
    Comment out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto comment, repos.notices().find_comment(comment_id));
        if (!comment) return fail(Error::not_found("评议不存在"));
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, comment->round_id));
        RETURN_IF_ERROR(require_not_finalized(notice));
        if (comment->disposition) return fail(Error::conflict("comment_disposed", "该评议已经答复"));
        if (comment->moderation == Moderation::kSpam) {
            return fail(Error::conflict("comment_spam", "该评议已标记为无效信息，无需答复"));
        }
        if (request.result == Disposition::kUpheld) {
            RETURN_IF_ERROR(revise(repos, actor, comment->application_id, *request.star,
                                   "群众评议反映属实：" + request.response));
        }
        const auto now = clock_.now();
        comment->moderation = Moderation::kAccepted;
        comment->disposition = request.result;
        comment->response = request.response;
        comment->disposed_by = actor.username;
        comment->disposed_at = now;
        RETURN_IF_ERROR(repos.notices().update_comment(*comment));
        out = *comment;
        return audit::record(repos, clock_, actor,
                             {"notice.disposition", "comment:" + std::to_string(comment_id), audit::Outcome::kSuccess,
                              std::string(to_string(request.result)) +
                                  (request.star ? " star " + std::to_string(*request.star) : "")});
    }));
    out.phone_sealed.clear();
    return out;
}

// ---- Spot checks (抽查) -------------------------------------------------------------------------

Result<Commitment> NoticeService::commit(const identity::Actor& actor, std::int64_t round_id,
                                         const std::string& seed_sha256) {
    const auto digest = normalize_sha256_hex(seed_sha256);
    if (!digest) {
        return fail(Error::invalid("invalid_request", "seed_sha256 应为 64 位十六进制的 SHA-256 摘要",
                                   {{"seed_sha256", "不是 SHA-256 摘要"}}));
    }
    RETURN_IF_ERROR(require_city_social(actor, "发布抽查种子承诺"));
    Commitment out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, round_id));
        RETURN_IF_ERROR(require_not_finalized(notice));
        out.round_id = round_id;
        out.seed_sha256 = *digest;
        out.committed_by = actor.username;
        out.committed_at = clock_.now();
        RETURN_IF_ERROR(repos.notices().insert_commitment(out));
        return audit::record(repos, clock_, actor,
                             {"spot_check.commit", round_object(round_id), audit::Outcome::kSuccess, out.seed_sha256});
    }));
    return out;
}

Result<Draw> NoticeService::draw(const identity::Actor& actor, std::int64_t round_id, const DrawRequest& request) {
    RETURN_IF_ERROR(require_city_social(actor, "抽取抽查社区"));
    Draw out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, round_id));
        RETURN_IF_ERROR(require_not_finalized(notice));
        ASSIGN_OR_RETURN(auto commitment, repos.notices().commitment(round_id));
        if (!commitment) return fail(Error::conflict("commitment_missing", "请先发布抽查种子的 SHA-256 承诺，再抽取"));
        if (commitment->seed) return fail(Error::conflict("already_drawn", "该批次已经抽取过抽查社区"));
        if (sha256_hex(request.seed) != commitment->seed_sha256) {
            return fail(Error::rule("seed_mismatch", "种子的 SHA-256 与公示前发布的承诺不一致"));
        }
        ASSIGN_OR_RETURN(auto items, notice_items(repos, round_id));
        std::vector<DrawCandidate> candidates;
        for (const auto& i : items) {
            if (i.state == State::kProposed) candidates.push_back({i.application_id, i.community_code, i.district_code});
        }
        identity::UserFilter filter;
        filter.role = Role::kEvaluator;
        ASSIGN_OR_RETURN(auto evaluators, repos.users().list(filter, {1, 10'000}));
        std::vector<Inspector> pool;
        for (const auto& u : evaluators.items) {
            if (!u.disabled) pool.push_back({u.username, district_of(u.org_code)});
        }
        std::sort(pool.begin(), pool.end(), [](const Inspector& a, const Inspector& b) { return a.username < b.username; });
        ASSIGN_OR_RETURN(auto drawn, notice::draw(request, candidates, pool));
        std::map<std::int64_t, std::string> names;
        for (const auto& i : items) names[i.application_id] = i.community_name;
        for (const auto& d : drawn) {
            SpotCheck check;
            check.round_id = round_id;
            check.application_id = d.application_id;
            check.community_code = d.community_code;
            check.community_name = names[d.application_id];
            check.district_code = d.district_code;
            check.inspectors = d.inspectors;
            ASSIGN_OR_RETURN(check.id, repos.notices().add_spot_check(check));
            out.checks.push_back(std::move(check));
        }
        commitment->seed = request.seed;
        commitment->drawn_at = clock_.now();
        commitment->per_district = request.per_district;
        commitment->rate = request.rate;
        commitment->inspectors_per_check = request.inspectors_per_check;
        commitment->candidates = std::move(candidates);
        commitment->inspector_pool = std::move(pool);
        RETURN_IF_ERROR(repos.notices().update_commitment(*commitment));
        out.commitment = *commitment;
        return audit::record(repos, clock_, actor,
                             {"spot_check.draw", round_object(round_id), audit::Outcome::kSuccess,
                              std::to_string(out.checks.size()) + " drawn"});
    }));
    return out;
}

Result<std::vector<SpotCheck>> NoticeService::spot_checks(const identity::Actor& actor, std::int64_t round_id) {
    if (!identity::is_city_role(actor.role) && actor.role != Role::kEvaluator) {
        return fail(Error::forbidden("只有市级部门和抽查人员可以查看抽查记录"));
    }
    std::vector<SpotCheck> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(published_notice(repos, round_id));
        ASSIGN_OR_RETURN(out, repos.notices().spot_checks(round_id));
        return ok();
    }));
    if (actor.role == Role::kEvaluator) {
        std::erase_if(out, [&](const SpotCheck& c) { return !may_inspect(actor, c); });
    }
    return out;
}

Result<SpotCheck> NoticeService::record_result(const identity::Actor& actor, std::int64_t spot_check_id,
                                               const SpotCheckResult& result) {
    if (!result.passed && result.findings.find_first_not_of(" \t\r\n") == std::string::npos) {
        return fail(Error::invalid("invalid_request", "抽查未通过时须写明发现的问题", {{"findings", "请填写发现的问题"}}));
    }
    if (utf8_length(result.findings) > kMaxFindingsChars) {
        return fail(Error::invalid("invalid_request", "抽查发现不能超过 5000 字", {{"findings", "过长"}}));
    }
    if (!result.passed && !result.star) {
        return fail(Error::invalid("invalid_request", "抽查未通过时须同时作出新的决定：给出新的星级（0 表示撤销拟认定）",
                                   {{"star", "抽查未通过时必填"}}));
    }
    if (result.passed && result.star) {
        return fail(Error::invalid("invalid_request", "抽查通过时不改变认定决定，请不要给出星级", {{"star", "仅在未通过时填写"}}));
    }
    if (actor.role != Role::kCitySocial && actor.role != Role::kEvaluator) {
        return fail(Error::forbidden("只有市社会办和抽中的抽查人员可以记录抽查结果"));
    }
    SpotCheck out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.notices().find_spot_check(spot_check_id));
        if (!check || !may_inspect(actor, *check)) return fail(Error::not_found("抽查记录不存在或未指派给您"));
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, check->round_id));
        RETURN_IF_ERROR(require_not_finalized(notice));
        if (check->passed) return fail(Error::conflict("result_recorded", "该抽查的结果已经记录"));
        if (!result.passed) {
            // A new decision needs the city's authority, not an inspector's.
            if (actor.role != Role::kCitySocial) {
                return fail(Error::forbidden("抽查未通过须由市社会办记录并作出新的决定"));
            }
            RETURN_IF_ERROR(revise(repos, actor, check->application_id, *result.star, "抽查未通过：" + result.findings));
        }
        check->passed = result.passed;
        check->findings = result.findings;
        check->recorded_by = actor.username;
        check->recorded_at = clock_.now();
        RETURN_IF_ERROR(repos.notices().update_spot_check(*check));
        out = *check;
        return audit::record(repos, clock_, actor,
                             {"spot_check.result", "spot_check:" + std::to_string(spot_check_id),
                              audit::Outcome::kSuccess, result.passed ? "passed" : "failed"});
    }));
    return out;
}

Result<SpotCheckPhoto> NoticeService::add_photo(const identity::Actor& actor, std::int64_t spot_check_id,
                                                const std::string& file_name, const std::string& bytes) {
    if (actor.role != Role::kCitySocial && actor.role != Role::kEvaluator) {
        return fail(Error::forbidden("只有市社会办和抽中的抽查人员可以上传抽查照片"));
    }
    if (bytes.size() > kMaxPhotoBytes) return fail(Error(ErrorCode::kTooLarge, "too_large", "单张照片不能超过 20 MB"));
    const auto type = applications::sniff_evidence_type(bytes);
    if (!type) {
        return fail(Error::invalid("unsupported_file_type", "只接受 PNG、JPEG 照片或 PDF（按文件内容判断）",
                                   {{"file", "文件 '" + file_name + "' 不是可接受的照片"}}));
    }
    ASSIGN_OR_RETURN(auto sha256, files_.put(bytes));
    SpotCheckPhoto photo{0, spot_check_id, sha256, static_cast<std::int64_t>(bytes.size()), type->content_type,
                         file_name.substr(0, 200), actor.username, clock_.now()};
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.notices().find_spot_check(spot_check_id));
        if (!check || !may_inspect(actor, *check)) return fail(Error::not_found("抽查记录不存在或未指派给您"));
        ASSIGN_OR_RETURN(auto notice, published_notice(repos, check->round_id));
        RETURN_IF_ERROR(require_not_finalized(notice));
        ASSIGN_OR_RETURN(auto existing, repos.notices().photos(spot_check_id));
        if (existing.size() >= kMaxPhotosPerCheck) {
            return fail(Error(ErrorCode::kTooLarge, "too_many_files", "每次抽查最多上传 20 张照片"));
        }
        photo.uploaded_at = clock_.now();
        ASSIGN_OR_RETURN(photo.id, repos.notices().add_photo(photo));
        return audit::record(repos, clock_, actor,
                             {"spot_check.photo", "spot_check:" + std::to_string(spot_check_id),
                              audit::Outcome::kSuccess, sha256});
    }));
    return photo;
}

Result<std::vector<SpotCheckPhoto>> NoticeService::photos(const identity::Actor& actor, std::int64_t spot_check_id) {
    std::vector<SpotCheckPhoto> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.notices().find_spot_check(spot_check_id));
        const bool visible = check && (identity::is_city_role(actor.role) || may_inspect(actor, *check));
        if (!visible) return fail(Error::not_found("抽查记录不存在或未指派给您"));
        ASSIGN_OR_RETURN(out, repos.notices().photos(spot_check_id));
        return ok();
    }));
    return out;
}

Result<std::pair<SpotCheckPhoto, std::string>> NoticeService::photo_file(const identity::Actor& actor,
                                                                         std::int64_t spot_check_id,
                                                                         std::int64_t photo_id) {
    ASSIGN_OR_RETURN(auto list, photos(actor, spot_check_id));
    const auto it = std::find_if(list.begin(), list.end(), [&](const SpotCheckPhoto& p) { return p.id == photo_id; });
    if (it == list.end()) return fail(Error::not_found("照片不存在"));
    ASSIGN_OR_RETURN(auto bytes, files_.get(it->sha256));
    return std::make_pair(*it, std::move(bytes));
}

// ---- Finalize (第十五条 命名) ---------------------------------------------------------------------

Result<std::vector<Certified>> NoticeService::finalize(const identity::Actor& actor, std::int64_t round_id) {
    RETURN_IF_ERROR(require_city_social(actor, "完成认定命名"));
    std::vector<Certified> out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto round, repos.rounds().find(round_id));
        if (!round) return fail(Error::not_found("认定批次不存在"));
        ASSIGN_OR_RETURN(auto notice, repos.notices().find(round_id));
        if (!notice) return fail(Error::conflict("notice_missing", "该批次尚未发布公示，不能命名"));
        RETURN_IF_ERROR(require_not_finalized(*notice));
        const auto now = clock_.now();
        if (now < notice->ends_at) {
            return fail(Error::conflict("notice_running", "公示期至 " + format_rfc3339(notice->ends_at) + " 结束，期满后才能命名"));
        }
        ASSIGN_OR_RETURN(auto comments, repos.notices().comments(round_id));
        const auto open_comments = std::count_if(comments.begin(), comments.end(), [](const Comment& c) {
            return c.moderation != Moderation::kSpam && !c.disposition;
        });
        if (open_comments > 0) {
            return fail(Error::conflict("comments_pending", "尚有 " + std::to_string(open_comments) + " 条群众评议未答复"));
        }
        ASSIGN_OR_RETURN(auto checks, repos.notices().spot_checks(round_id));
        const auto open_checks =
            std::count_if(checks.begin(), checks.end(), [](const SpotCheck& c) { return !c.passed.has_value(); });
        if (open_checks > 0) {
            return fail(Error::conflict("spot_checks_pending", "尚有 " + std::to_string(open_checks) + " 项抽查未记录结果"));
        }
        ASSIGN_OR_RETURN(auto items, notice_items(repos, round_id));
        if (sealer_.key_id().empty()) return fail(Error::invalid("secrets_missing", "服务未配置密钥目录，不能签发电子奖牌"));
        RETURN_IF_ERROR(repos.certifications().put_key({sealer_.key_id(), sealer_.public_pem(), now}));
        for (const auto& item : items) {
            if (item.state != State::kProposed) continue;
            ASSIGN_OR_RETURN(auto sequence, repos.certifications().next_sequence(round->year));
            certifications::Certification c;
            c.serial = certifications::format_serial(round->year, item.star, sequence);
            c.round_id = round_id;
            c.application_id = item.application_id;
            c.community_code = item.community_code;
            c.community_name = item.community_name;
            c.full_name = "北京市" + item.district + item.street + title_name(item.community_name);
            c.district_code = item.district_code;
            c.district_name = item.district;
            c.street_name = item.street;
            c.star = item.star;
            c.year = round->year;
            c.issued_at = now;
            c.status_changed_at = now;
            c.key_id = sealer_.key_id();
            c.payload = certifications::plaque_payload(c);
            ASSIGN_OR_RETURN(c.signature, sealer_.sign(c.payload));
            // A higher star supersedes what the community held (第十三条2 upgrades).
            ASSIGN_OR_RETURN(auto held, repos.certifications().of_community(c.community_code));
            for (const auto& old : held) {
                if (certifications::active(old.status) && old.star < c.star) {
                    RETURN_IF_ERROR(repos.certifications().set_status(
                        old.serial, certifications::CertificationStatus::kSuperseded, c.serial, now));
                }
            }
            RETURN_IF_ERROR(repos.certifications().insert(c));
            ASSIGN_OR_RETURN(auto application, repos.applications().find(item.application_id, kCityScope));
            if (!application) return fail(Error::internal("notice item without application"));
            applications::Event event;
            event.action = applications::Action::kFinalize;
            event.from = application->state;
            event.decision = c.serial;
            application->state = State::kCertified;
            RETURN_IF_ERROR(applications::record_transition(repos, clock_, actor, *application, event));
            out.push_back({c.community_code, c.community_name, c.star, c.serial});
        }
        RETURN_IF_ERROR(repos.notices().set_finalized(round_id, now));
        round->status = rounds::RoundStatus::kClosed;
        RETURN_IF_ERROR(repos.rounds().update(*round));
        return audit::record(repos, clock_, actor,
                             {"round.finalize", round_object(round_id), audit::Outcome::kSuccess,
                              std::to_string(out.size()) + " certified"});
    }));
    return out;
}

Result<DrawVerification> NoticeService::verify_draw(std::int64_t round_id) {
    DrawVerification out;
    std::optional<Commitment> commitment;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(commitment, repos.notices().commitment(round_id));
        ASSIGN_OR_RETURN(out.stored, repos.notices().spot_checks(round_id));
        return ok();
    }));
    if (!commitment) return fail(Error::not_found("该批次没有抽查种子承诺"));
    if (!commitment->seed) return fail(Error::conflict("not_drawn", "该批次尚未抽取，种子尚未公开"));
    out.commitment_holds = sha256_hex(*commitment->seed) == commitment->seed_sha256;
    DrawRequest request{*commitment->seed, commitment->per_district, commitment->rate, commitment->inspectors_per_check};
    ASSIGN_OR_RETURN(out.expected, notice::draw(request, commitment->candidates, commitment->inspector_pool));
    out.same_draw = out.expected.size() == out.stored.size();
    for (std::size_t i = 0; out.same_draw && i < out.expected.size(); ++i) {
        const auto& e = out.expected[i];
        const auto stored = std::find_if(out.stored.begin(), out.stored.end(),
                                         [&](const SpotCheck& s) { return s.community_code == e.community_code; });
        out.same_draw = stored != out.stored.end() && stored->inspectors == e.inspectors;
    }
    return out;
}

}  // namespace hx::notice

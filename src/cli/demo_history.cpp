#include "cli/demo_history.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <set>

#include "core/sha256.hpp"
#include "domain/identity/password.hpp"
#include "domain/notice/notice.hpp"
#include "domain/standards/standard.hpp"
#include "storage/store_factory.hpp"

namespace hx::cli {

namespace {

using identity::Actor;
using identity::Role;

constexpr const char* kDemoCommunity = "110101001001";  // 东城区东华门街道多福巷社区

/// A moment in Beijing time (UTC+8), the zone of every deadline of the measures.
Timestamp beijing(int year, unsigned month, unsigned day, int hour = 9, int minute = 0) {
    const std::chrono::sys_days date{std::chrono::year{year} / std::chrono::month{month} /
                                     std::chrono::day{day}};
    return std::chrono::time_point_cast<std::chrono::milliseconds>(date) +
           std::chrono::hours(hour - 8) + std::chrono::minutes(minute);
}

/// How one application's story ends in the history.
enum class Fate {
    kCertified,       // forwarded, approved, recommended, certified at the star it asked for
    kStreetReturned,  // returned by the street, completed and resubmitted, then certified
    kLowered,         // the evaluators did not verify some indicators: one star less
    kNotRecommended,  // a district department rejected it (第十四条2)
    kCityRejected,    // the city's decision: not certified
    kWithdrawn,       // the community withdrew it
};

struct Plan {
    std::string community_code;
    int target = 1;
    Fate fate = Fate::kCertified;
    std::int64_t application_id = 0;
    std::vector<std::string> achieved;
    std::string evaluator;
};

struct Community {
    std::string code;
    bool village = false;
};

/// The indicator codes of a standard: those the star rules count, and the others.
struct Catalogue {
    std::vector<std::string> counted;
    std::vector<std::string> other;
    std::vector<int> thresholds;  // thresholds[star] = counted indicators needed, [0] unused
};

class HistoryBuilder {
public:
    HistoryBuilder(App& app, const std::vector<regions::Region>& nodes)
        : app_(app), nodes_(nodes) {}

    Result<DemoHistory> build();

private:
    Status load_actors();
    Result<Catalogue> load_catalogue(const std::string& standard_id);
    Actor actor_of(const std::string& username, Role role, const std::string& org_code);
    Actor community_actor(const std::string& code);
    Actor street_actor(const std::string& community_code);
    Actor district_actor(const std::string& community_code, Role role);
    const std::string& evaluator_for(const std::string& community_code);
    std::vector<std::string> pick_achieved(const Catalogue& catalogue, int target);
    void at(Timestamp when) { app_.test_clock()->set(when); }

    Result<std::vector<Plan>> plan_round(int year, const std::vector<std::string>& candidates,
                                         int count, int max_star, std::size_t upgrades);
    Status run_round(int year, rounds::RoundKind kind, const std::string& standard_id,
                     std::vector<Plan>& plans);
    Status run_notice(int year, std::int64_t round_id, std::vector<Plan>& plans);
    /// Daily management between the naming of `year - 1`'s round and `year`'s round: the annual
    /// reports on `year - 1` (from 2014) in January, the annual spot check of `year` (2014 and
    /// 2015) in spring.
    Status add_annual_reports_and_spot_checks(int year);
    /// 第十八条: every community holding an active title reports on `year` by 31 January of the
    /// next year; most are accepted, some returned with a reason, a few are overdue.
    Status add_annual_reports(int year);
    /// 第十九条: the annual check of `year`, drawn from a committed seed as the notice's spot
    /// checks are, with results, one failure sanctioned under the ladder, and the 通报.
    Status add_annual_check(int year);
    Status add_sanctions();
    /// A rectification whose deadline lapses without an accepted report, then the revocation.
    Status add_lapsed_rectification();
    Status open_current_round();

    App& app_;
    const std::vector<regions::Region>& nodes_;
    std::mt19937 random_{2013};  // the same history on every run
    // Annual reports draw from their own generator, so the rounds stay as they were without them.
    std::mt19937 report_random_{2014};
    DemoHistory history_;
    std::map<std::string, Actor> known_;                           // the demo users by username
    std::vector<std::pair<std::string, std::string>> evaluators_;  // username, home node
    std::map<std::string, int> held_;                              // community → star it holds
    std::map<int, std::vector<notice::Certified>> issued_;         // year → certifications
    std::set<std::string> sanctioned_;  // communities a demo sanction already concerns
    bool lapsed_done_ = false;
    std::vector<Community> communities_;
    std::set<std::string> pilots_;
    Catalogue trial_;
    Catalogue construction_;
};

Status HistoryBuilder::load_actors() {
    // Evaluators of more home units, so that 回避 (never one's own district) always leaves
    // at least two inspectors for a spot check.
    const std::pair<const char*, const char*> extra[] = {
        {"expert_cy", "110105"}, {"expert_xc", "110102"}, {"expert_ft", "110106"}};
    const char* extra_names[] = {"评估专家（朝阳区，演示）", "评估专家（西城区，演示）",
                                 "评估专家（丰台区，演示）"};
    for (std::size_t i = 0; i < std::size(extra); ++i) {
        identity::NewUser user{extra[i].first, identity::generate_password(), extra_names[i],
                               "evaluator", extra[i].second, ""};
        ASSIGN_OR_RETURN(auto created, app_.identity().create_user_locally(user, false));
        (void)created;
        ++history_.staff_accounts;
    }
    return app_.store().read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto users, repos.users().list({}, {1, 1000}));
        for (const auto& user : users.items) {
            known_[user.username] =
                Actor{user.id, user.username, user.role, user.org_code, "local", "demo-history"};
            if (user.role == Role::kEvaluator)
                evaluators_.emplace_back(user.username, user.org_code);
        }
        return ok();
    });
}

Result<Catalogue> HistoryBuilder::load_catalogue(const std::string& standard_id) {
    ASSIGN_OR_RETURN(auto stored, app_.standards().get(standard_id, std::nullopt));
    const auto& standard = stored.standard;
    Catalogue out;
    for (const auto& category : standard.categories) {
        for (const auto& sub : category.subcategories) {
            for (const auto& indicator : sub.indicators) {
                const bool counted = standard.rules.count == standards::CountWhat::kAll ||
                                     (standard.rules.count == standards::CountWhat::kConstraint &&
                                      indicator.kind == standards::IndicatorKind::kConstraint) ||
                                     (standard.rules.count == standards::CountWhat::kGuiding &&
                                      indicator.kind == standards::IndicatorKind::kGuiding);
                (counted ? out.counted : out.other).push_back(indicator.code);
            }
        }
    }
    out.thresholds.assign(standards::kMaxStar + 2, 0);
    for (const auto& level : standard.rules.levels) {
        out.thresholds[static_cast<std::size_t>(level.star)] = level.min;
    }
    // Above the top star: everything counted.
    out.thresholds[static_cast<std::size_t>(standard.rules.max_star) + 1] =
        static_cast<int>(out.counted.size()) + 1;
    return out;
}

Actor HistoryBuilder::actor_of(const std::string& username, Role role,
                               const std::string& org_code) {
    if (auto it = known_.find(username); it != known_.end()) return it->second;
    // Staff of the history without an account: their actions carry the unit in the name.
    return Actor{0, username, role, org_code, "local", "demo-history"};
}

Actor HistoryBuilder::community_actor(const std::string& code) {
    if (code == kDemoCommunity) return known_.at("dc_community");
    return actor_of("demo_" + code, Role::kCommunity, code);
}

Actor HistoryBuilder::street_actor(const std::string& community_code) {
    const auto street = community_code.substr(0, 9);
    if (street == "110101001") return known_.at("dc_street");
    return actor_of("demo_" + street + "_street", Role::kStreet, street);
}

Actor HistoryBuilder::district_actor(const std::string& community_code, Role role) {
    const auto district = community_code.substr(0, 6);
    const char* suffix = role == Role::kDistrictSocial ? "social"
                         : role == Role::kDistrictIt   ? "it"
                                                       : "civil";
    if (district == "110101") return known_.at(std::string("dc_") + suffix);
    if (district == "110108" && role == Role::kDistrictSocial) return known_.at("hd_social");
    return actor_of("demo_" + district + "_" + suffix, role, district);
}

const std::string& HistoryBuilder::evaluator_for(const std::string& community_code) {
    // 回避: never an evaluator whose home unit lies in the community's district.
    const auto district = community_code.substr(0, 6);
    for (;;) {
        const auto& candidate = evaluators_[std::uniform_int_distribution<std::size_t>(
            0, evaluators_.size() - 1)(random_)];
        if (candidate.second.substr(0, 6) != district) return candidate.first;
    }
}

std::vector<std::string> HistoryBuilder::pick_achieved(const Catalogue& catalogue, int target) {
    const auto star = static_cast<std::size_t>(target);
    const int low = catalogue.thresholds[star];
    const int high =
        std::min(catalogue.thresholds[star + 1] - 1, static_cast<int>(catalogue.counted.size()));
    const int counted = std::uniform_int_distribution<int>(low, high)(random_);
    std::vector<std::string> codes = catalogue.counted;
    std::shuffle(codes.begin(), codes.end(), random_);
    codes.resize(static_cast<std::size_t>(counted));
    std::vector<std::string> others = catalogue.other;
    std::shuffle(others.begin(), others.end(), random_);
    const auto extra = std::uniform_int_distribution<std::size_t>(0, others.size() / 2)(random_);
    codes.insert(codes.end(), others.begin(), others.begin() + static_cast<std::ptrdiff_t>(extra));
    return codes;
}

Result<std::vector<Plan>> HistoryBuilder::plan_round(int year,
                                                     const std::vector<std::string>& candidates,
                                                     int count, int max_star,
                                                     std::size_t upgrades) {
    std::vector<Plan> plans;
    // Upgrades first (第十三条2: ★★★★ only for communities already at ★★★, ★★★★★ from ★★★★).
    // A third of them from ★★★★ to ★★★★★ where there are such titles, the rest from ★★★.
    std::vector<std::string> at_three;
    std::vector<std::string> at_four;
    for (const auto& [code, star] : held_) {
        if (code == kDemoCommunity) continue;
        if (star == 3) at_three.push_back(code);
        if (star == 4) at_four.push_back(code);
    }
    std::shuffle(at_three.begin(), at_three.end(), random_);
    std::shuffle(at_four.begin(), at_four.end(), random_);
    at_four.resize(std::min(at_four.size(), upgrades / 3));
    at_three.resize(std::min(at_three.size(), upgrades - at_four.size()));
    for (const auto* holders : {&at_four, &at_three}) {
        for (const auto& code : *holders)
            plans.push_back({code, held_[code] + 1, Fate::kCertified, 0, {}, {}});
    }
    std::uniform_int_distribution<int> percent(0, 99);
    for (const auto& code : candidates) {
        if (static_cast<int>(plans.size()) >= count) break;
        Plan plan{code, 1, Fate::kCertified, 0, {}, {}};
        const int star_roll = percent(random_);
        plan.target = star_roll < 35 ? 1 : star_roll < 75 ? 2 : std::min(3, max_star);
        const int roll = percent(random_);
        plan.fate = roll < 2                       ? Fate::kWithdrawn
                    : roll < 7                     ? Fate::kStreetReturned
                    : roll < 11                    ? Fate::kNotRecommended
                    : roll < 14                    ? Fate::kCityRejected
                    : roll < 20 && plan.target > 1 ? Fate::kLowered
                                                   : Fate::kCertified;
        if (code == kDemoCommunity) plan = {code, 3, Fate::kCertified, 0, {}, {}};
        plans.push_back(std::move(plan));
    }
    (void)year;
    return plans;
}

Status HistoryBuilder::run_round(int year, rounds::RoundKind kind, const std::string& standard_id,
                                 std::vector<Plan>& plans) {
    const auto& city = known_.at("city_social");
    const bool pilot = kind == rounds::RoundKind::kPilot;
    const auto& catalogue = pilot ? trial_ : construction_;

    at(beijing(year, 9, 1, 9, 30));
    rounds::NewRound request;
    request.year = year;
    request.kind = rounds::to_string(kind);
    request.standard_id = standard_id;
    request.name = std::to_string(year) + (pilot ? "年北京市星级智慧社区试点认定（演示）"
                                                 : "年度北京市星级智慧社区认定（演示）");
    ASSIGN_OR_RETURN(auto round, app_.rounds().create(city, request));
    at(beijing(year, 9, 1, 10, 0));
    RETURN_IF_ERROR(app_.rounds().open(city, round.id));
    ++history_.rounds;

    // October (第十四条1): self-assessment and application, spread over the month.
    const auto october = beijing(year, 10, 8);
    const auto span = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::days(22));
    for (std::size_t i = 0; i < plans.size(); ++i) {
        auto& plan = plans[i];
        at(october + span * static_cast<std::int64_t>(i) / static_cast<std::int64_t>(plans.size()));
        const auto community = community_actor(plan.community_code);
        ASSIGN_OR_RETURN(auto created, app_.applications().create(
                                           community, round.id, plan.community_code, plan.target));
        plan.application_id = created.application.id;
        plan.achieved = pick_achieved(catalogue, plan.target);
        applications::Assessment assessment{
            plan.achieved, true, "已建立社区信息资源长效更新机制，明确专人每月维护（演示）", true,
            "居民使用率稳步提高，社区服务响应时间缩短（演示）"};
        RETURN_IF_ERROR(app_.applications().save_assessment(community, plan.application_id,
                                                            assessment, std::nullopt));
        RETURN_IF_ERROR(app_.applications().submit(community, plan.application_id));
        ++history_.applications;
        if (plan.fate == Fate::kWithdrawn) {
            RETURN_IF_ERROR(app_.applications().withdraw(community, plan.application_id,
                                                         "社区换届，明年再行申报（演示）"));
        }
    }
    std::erase_if(plans, [](const Plan& plan) { return plan.fate == Fate::kWithdrawn; });

    // Early November: the streets forward or return (第十四条1).
    at(beijing(year, 11, 2));
    for (const auto& plan : plans) {
        const bool give_back = plan.fate == Fate::kStreetReturned;
        RETURN_IF_ERROR(app_.applications().street_review(
            street_actor(plan.community_code), plan.application_id,
            {give_back ? "return" : "forward",
             give_back ? "佐证材料不全，请补充居民服务台账后重新提交（演示）"
                       : "材料齐全，同意转报（演示）",
             std::nullopt, std::nullopt}));
    }
    at(beijing(year, 11, 5));
    for (const auto& plan : plans) {
        if (plan.fate != Fate::kStreetReturned) continue;
        RETURN_IF_ERROR(
            app_.applications().submit(community_actor(plan.community_code), plan.application_id));
    }
    at(beijing(year, 11, 6));
    for (const auto& plan : plans) {
        if (plan.fate != Fate::kStreetReturned) continue;
        RETURN_IF_ERROR(app_.applications().street_review(
            street_actor(plan.community_code), plan.application_id,
            {"forward", "已补充材料，同意转报（演示）", std::nullopt, std::nullopt}));
    }

    // 8–14 November: the three district departments review together (第十四条2).
    at(beijing(year, 11, 8));
    for (const auto& plan : plans) {
        for (const Role role : {Role::kDistrictSocial, Role::kDistrictIt, Role::kDistrictCivil}) {
            const bool reject = plan.fate == Fate::kNotRecommended && role == Role::kDistrictIt;
            RETURN_IF_ERROR(app_.applications().district_review(
                district_actor(plan.community_code, role), plan.application_id,
                {reject ? "reject" : "approve",
                 reject ? "信息系统尚未与区级平台对接，数据安全措施不到位，暂不推荐（演示）"
                        : "同意推荐（演示）",
                 std::nullopt, std::nullopt}));
            if (reject) break;
        }
    }
    std::erase_if(plans, [](const Plan& plan) { return plan.fate == Fate::kNotRecommended; });
    at(beijing(year, 11, 14, 16));
    std::map<std::string, int> ranks;
    for (const auto& plan : plans) {
        const int rank = ++ranks[plan.community_code.substr(0, 6)];
        RETURN_IF_ERROR(app_.applications().recommend(
            district_actor(plan.community_code, Role::kDistrictSocial), plan.application_id, rank,
            "经区社会办会同审核，予以推荐（演示）"));
    }

    // After the district deadline: the city's evaluation group (第十四条3).
    at(beijing(year, 11, 17));
    for (auto& plan : plans) {
        plan.evaluator = evaluator_for(plan.community_code);
        RETURN_IF_ERROR(app_.applications().assign_evaluator(city, plan.application_id,
                                                             plan.evaluator, std::nullopt));
    }
    at(beijing(year, 11, 24));
    for (const auto& plan : plans) {
        applications::EvaluationRequest evaluation;
        evaluation.effective = true;
        std::vector<std::string> verified = plan.achieved;
        if (plan.fate == Fate::kLowered || plan.fate == Fate::kCityRejected) {
            // Leave unverified as many counted indicators as it takes to fall one star (or,
            // for a rejection, below ★).
            const int keep = plan.fate == Fate::kLowered
                                 ? catalogue.thresholds[static_cast<std::size_t>(plan.target)] - 1
                                 : catalogue.thresholds[1] - 1;
            const std::set<std::string> counted(catalogue.counted.begin(), catalogue.counted.end());
            int counted_kept = 0;
            std::erase_if(verified, [&](const std::string& code) {
                if (counted.count(code) == 0) return false;
                return ++counted_kept > keep;
            });
            evaluation.opinion = "部分指标现场核实未达到要求，相关系统未实际运行（演示）";
        } else {
            evaluation.opinion = "现场核实与自评一致，作用发挥良好（演示）";
        }
        evaluation.verified = verified;
        RETURN_IF_ERROR(app_.applications().evaluate(actor_of(plan.evaluator, Role::kEvaluator, ""),
                                                     plan.application_id, evaluation));
    }
    at(beijing(year, 12, 1));
    for (const auto& plan : plans) {
        const int star = plan.fate == Fate::kCityRejected ? 0
                         : plan.fate == Fate::kLowered    ? plan.target - 1
                                                          : plan.target;
        RETURN_IF_ERROR(app_.applications().decide(city, plan.application_id, star,
                                                   star == 0
                                                       ? "经评估未达到星级标准，不予认定（演示）"
                                                       : "经评估小组评估，拟认定（演示）"));
    }
    std::erase_if(plans, [](const Plan& plan) { return plan.fate == Fate::kCityRejected; });
    return run_notice(year, round.id, plans);
}

Status HistoryBuilder::run_notice(int year, std::int64_t round_id, std::vector<Plan>& plans) {
    const auto& city = known_.at("city_social");
    at(beijing(year, 12, 2, 9));
    RETURN_IF_ERROR(app_.notice().publish(city, round_id));
    const std::string seed = "huixing-demo-" + std::to_string(year) + "-spot-check-seed";
    at(beijing(year, 12, 2, 10));
    RETURN_IF_ERROR(app_.notice().commit(city, round_id, sha256_hex(seed)));

    // Spot checks (第十五条): one community a district, drawn from the committed seed.
    at(beijing(year, 12, 3, 10));
    notice::DrawRequest draw_request;
    draw_request.seed = seed;
    draw_request.per_district = 1;
    draw_request.inspectors_per_check = 2;
    ASSIGN_OR_RETURN(auto draw, app_.notice().draw(city, round_id, draw_request));
    // Comments of the public during the notice (第十四条3), each confirmed by a phone code.
    struct PlannedComment {
        std::size_t plan_index;
        const char* content;
        bool spam;
        bool upheld;
    };
    std::vector<PlannedComment> comments = {
        {plans.size() / 5, "社区智慧停车系统运行良好，居民普遍满意（演示）", false, false},
        {plans.size() / 2, "社区网站多月未更新，申报材料中的线上服务实际很少使用（演示）", false,
         year == 2014},
        {plans.size() * 3 / 4, "点击领取优惠 www.example.com（演示）", true, false},
    };
    if (year == 2015)
        comments.push_back(
            {plans.size() / 3, "独居老人紧急呼叫设备已安装到户，反应及时（演示）", false, false});
    std::vector<std::int64_t> comment_ids;
    auto proposed_star = [](const Plan& plan) {
        return plan.fate == Fate::kLowered ? plan.target - 1 : plan.target;
    };
    for (auto& comment : comments) {
        // An upheld comment lowers a star: it concerns a community proposed at ★★ or more.
        while (comment.upheld && proposed_star(plans[comment.plan_index]) < 2) ++comment.plan_index;
    }
    for (std::size_t i = 0; i < comments.size(); ++i) {
        const auto& plan = plans[comments[i].plan_index];
        at(beijing(year, 12, 3 + static_cast<unsigned>(i), 20));
        const std::string phone =
            "1390000" + std::to_string(1000 + year % 100 * 10 + static_cast<int>(i));
        const identity::Origin origin{"203.0.113." + std::to_string(10 + i), "demo-history"};
        ASSIGN_OR_RETURN(auto sent, app_.notice().send_phone_code(origin, phone));
        notice::CommentRequest request{plan.community_code,
                                       comments[i].content,
                                       i % 2 == 0 ? "居民（演示）" : "",
                                       phone,
                                       sent.code,
                                       comments[i].spam ? "http://spam.example" : ""};
        ASSIGN_OR_RETURN(auto id, app_.notice().comment(origin, round_id, request));
        comment_ids.push_back(id);
        ++history_.comments;
    }
    at(beijing(year, 12, 7, 15));
    for (std::size_t i = 0; i < comments.size(); ++i) {
        if (comments[i].spam) continue;  // the honeypot filed it as spam already
        RETURN_IF_ERROR(
            app_.notice().moderate(city, comment_ids[i], notice::Moderation::kAccepted));
        auto& plan = plans[comments[i].plan_index];
        notice::DispositionRequest disposition;
        if (comments[i].upheld) {
            // 第十四条3: an upheld comment leads to a new decision, one star lower.
            disposition.result = notice::Disposition::kUpheld;
            disposition.response = "经核实，社区网站及线上服务未持续运行，认定星级下调一星（演示）";
            const int proposed = proposed_star(plan);
            disposition.star = proposed - 1;
            plan.fate = Fate::kLowered;
            plan.target = proposed;  // kLowered: one less than this
        } else {
            disposition.result = notice::Disposition::kDismissed;
            disposition.response = "感谢您的意见，已转社区参考（演示）";
        }
        RETURN_IF_ERROR(app_.notice().dispose(city, comment_ids[i], disposition));
    }

    at(beijing(year, 12, 8, 11));
    bool failed_one = false;
    for (const auto& check : draw.checks) {
        notice::SpotCheckResult result;
        result.passed = true;
        result.findings = "现场查看与申报材料一致（演示）";
        auto plan = std::find_if(plans.begin(), plans.end(), [&](const Plan& p) {
            return p.community_code == check.community_code;
        });
        const int proposed = plan == plans.end() ? 0 : proposed_star(*plan);
        if (year == 2015 && !failed_one && proposed >= 2) {
            failed_one = true;
            result.passed = false;
            result.findings = "抽查发现部分应用系统已停用，降低一星（演示）";
            result.star = proposed - 1;
            plan->target = proposed;
            plan->fate = Fate::kLowered;
        }
        RETURN_IF_ERROR(app_.notice().record_result(city, check.id, result));
        ++history_.spot_checks;
    }

    // 第十五条: after the notice, naming.
    at(beijing(year, 12, 12, 10));
    ASSIGN_OR_RETURN(auto certified, app_.notice().finalize(city, round_id));
    for (const auto& item : certified) {
        held_[item.community_code] = std::max(held_[item.community_code], item.star);
        ++history_.certified[year][item.star];
    }
    issued_[year] = std::move(certified);
    return ok();
}

/// A one-page PDF for the demo's attachments (the evidence store judges files by content).
std::string demo_pdf(const std::string& line) {
    const std::string stream = "BT /F1 14 Tf 72 760 Td (" + line + ") Tj ET";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const auto offset : offsets) {
        const std::string number = std::to_string(offset);
        out += std::string(10 - number.size(), '0') + number + " 00000 n \n";
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

Status HistoryBuilder::add_annual_reports_and_spot_checks(int year) {
    if (year - 1 >= 2014) RETURN_IF_ERROR(add_annual_reports(year - 1));
    if (year <= 2015) RETURN_IF_ERROR(add_annual_check(year));
    return ok();
}

Status HistoryBuilder::add_annual_reports(int year) {
    const auto& city = known_.at("city_social");
    const int next = year + 1;
    at(beijing(year, 12, 20, 10));
    RETURN_IF_ERROR(app_.supervision().set_report_deadline(city, year, beijing(next, 1, 31, 17)));
    ASSIGN_OR_RETURN(auto list, app_.supervision().report_list(city, year));

    // How each report ends: most accepted; some returned (in the earlier year filed again and
    // accepted, in the latest left returned with the city's reason); a few never submitted.
    enum class Ending { kAccepted, kReturned, kDraftOnly, kMissing };
    std::uniform_int_distribution<int> percent(0, 99);
    std::vector<Ending> endings;
    for (const auto& row : list.rows) {
        const int roll = percent(report_random_);
        Ending ending = roll < 2   ? Ending::kMissing
                        : roll < 4 ? Ending::kDraftOnly
                        : roll < 10 ? Ending::kReturned
                                    : Ending::kAccepted;
        if (row.community_code == kDemoCommunity) ending = Ending::kAccepted;
        endings.push_back(ending);
    }

    // January: the communities file, spread over the month.
    const auto january = beijing(next, 1, 4);
    const auto span = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::days(26));
    std::uniform_int_distribution<std::int64_t> residents(1'500, 30'000);
    std::uniform_int_distribution<std::int64_t> services(6, 60);
    std::uniform_int_distribution<std::int64_t> investment(5, 320);
    const auto rows = static_cast<std::int64_t>(std::max<std::size_t>(list.rows.size(), 1));
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const auto& row = list.rows[i];
        if (endings[i] == Ending::kMissing) continue;
        at(january + span * static_cast<std::int64_t>(i) / rows);
        const auto community = community_actor(row.community_code);
        supervision::ReportRequest request;
        request.summary = std::to_string(year) +
                          "年，本社区围绕智慧服务、智慧管理和智慧生活持续推进建设：社区服务平台"
                          "保持运行并按月更新信息，智慧养老和智慧停车覆盖更多居民，开展居民数字"
                          "技能培训。（演示数据）";
        request.plan = std::to_string(next) +
                       "年，本社区计划完善社区数据安全管理制度，推进线上服务事项与街道、区级平台"
                       "对接，增加适老化服务，力争达到更高星级标准。（演示数据）";
        request.residents_served = residents(report_random_);
        request.services_online = services(report_random_);
        request.investment = investment(report_random_);
        ASSIGN_OR_RETURN(auto saved, app_.supervision().save_report(community, year, request));
        (void)saved;
        if (row.community_code == kDemoCommunity) {
            ASSIGN_OR_RETURN(auto attached,
                             app_.supervision().add_report_attachment(
                                 community, year, std::to_string(year) + "年度工作台账（演示）.pdf",
                                 demo_pdf("Huixing demo: annual report ledger " +
                                          std::to_string(year) + " (demo data)")));
            (void)attached;
        }
        if (endings[i] == Ending::kDraftOnly) continue;
        ASSIGN_OR_RETURN(auto submitted, app_.supervision().submit_report(community, year));
        (void)submitted;
        ++history_.annual_reports;
    }

    // February: the city reviews.
    at(beijing(next, 2, 10, 10));
    ASSIGN_OR_RETURN(list, app_.supervision().report_list(city, year));
    std::vector<std::pair<std::string, std::int64_t>> returned;
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const auto& row = list.rows[i];
        if (!row.report || row.report->state != supervision::ReportState::kSubmitted) continue;
        const bool give_back = endings[i] == Ending::kReturned;
        ASSIGN_OR_RETURN(
            auto reviewed,
            app_.supervision().review_report(
                city, row.report->id, !give_back,
                give_back ? "工作总结缺少居民服务数据和线上服务事项清单，请补充后重新报送（演示）"
                          : "同意（演示）"));
        (void)reviewed;
        if (give_back) returned.emplace_back(row.community_code, row.report->id);
    }
    // The earlier year's returned reports are completed and accepted; the latest year's stay
    // returned, so the console shows the city's reason.
    if (year == 2014) {
        at(beijing(next, 2, 20, 10));
        for (const auto& [code, id] : returned) {
            const auto community = community_actor(code);
            ASSIGN_OR_RETURN(auto view, app_.supervision().my_report(community, year));
            supervision::ReportRequest request{
                view.report->summary + "已补充居民服务数据和线上服务事项清单。（演示数据）",
                view.report->plan, view.report->residents_served, view.report->services_online,
                view.report->investment};
            ASSIGN_OR_RETURN(auto saved, app_.supervision().save_report(community, year, request));
            (void)saved;
            ASSIGN_OR_RETURN(auto submitted, app_.supervision().submit_report(community, year));
            (void)submitted;
        }
        at(beijing(next, 2, 28, 10));
        for (const auto& [code, id] : returned) {
            ASSIGN_OR_RETURN(auto reviewed, app_.supervision().review_report(
                                                city, id, true, "已按要求补充，同意（演示）"));
            (void)reviewed;
        }
    }
    return ok();
}

Status HistoryBuilder::add_annual_check(int year) {
    const auto& city = known_.at("city_social");
    const std::string seed = "huixing-demo-" + std::to_string(year) + "-annual-check-seed";
    at(beijing(year, 3, 2, 10));
    ASSIGN_OR_RETURN(auto committed,
                     app_.supervision().commit_check(city, year, sha256_hex(seed)));
    (void)committed;
    at(beijing(year, 3, 9, 10));
    notice::DrawRequest request;
    request.seed = seed;
    request.per_district = 2;
    request.inspectors_per_check = 2;
    ASSIGN_OR_RETURN(auto items, app_.supervision().draw_check(city, year, request));

    // April: the inspections. One drawn community (never 多福巷) fails and is sanctioned under
    // the ladder: criticism in 2014; in 2015 a rectification, which its report then settles.
    at(beijing(year, 4, 15, 10));
    std::optional<supervision::AnnualCheckItem> failed;
    for (const auto& item : items) {
        supervision::CheckResult result;
        result.passed = true;
        result.findings = "现场查看社区服务平台、智慧应用运行正常，与认定时一致（演示）";
        if (!failed && item.community_code != kDemoCommunity &&
            sanctioned_.count(item.community_code) == 0) {
            result.passed = false;
            if (year == 2014) {
                result.findings = "社区服务平台信息更新滞后，部分线上服务事项无法办理（演示）";
                result.sanction = certifications::SanctionRequest{
                    certifications::SanctionKind::kCriticism,
                    "年度抽查发现社区服务平台信息更新滞后（第十九条、第二十条，演示）",
                    std::nullopt};
            } else {
                result.findings = "社区数据安全管理制度未落实，居民信息未加密存储（演示）";
                result.sanction = certifications::SanctionRequest{
                    certifications::SanctionKind::kRectification,
                    "年度抽查发现数据安全管理制度未落实，限期整改（第十九条、第二十条，演示）",
                    beijing(year, 7, 15, 17)};
            }
            sanctioned_.insert(item.community_code);
            failed = item;
            ++history_.sanctions;
        }
        ASSIGN_OR_RETURN(auto recorded, app_.supervision().record_check(city, item.id, result));
        (void)recorded;
        ++history_.annual_checks;
    }
    at(beijing(year, 4, 28, 10));
    ASSIGN_OR_RETURN(auto published, app_.supervision().publish_check(city, year));
    (void)published;

    if (year == 2015 && failed) {
        // The community files what it did; the city accepts and the title is valid again.
        at(beijing(year, 6, 18, 15));
        ASSIGN_OR_RETURN(auto filed,
                         app_.supervision().file_rectification(
                             community_actor(failed->community_code), failed->serial,
                             "已制定社区数据安全管理制度，居民信息改为加密存储，并对社区工作者开展"
                             "数据安全培训。（演示数据）"));
        ASSIGN_OR_RETURN(auto attached, app_.supervision().add_rectification_attachment(
                                            community_actor(failed->community_code), filed.id,
                                            "整改佐证（演示）.pdf",
                                            demo_pdf("Huixing demo: rectification evidence")));
        (void)attached;
        at(beijing(year, 6, 25, 10));
        ASSIGN_OR_RETURN(auto reviewed, app_.supervision().review_rectification(
                                            city, filed.id, true, "整改到位，恢复有效（演示）"));
        (void)reviewed;
    }
    return ok();
}

Status HistoryBuilder::add_sanctions() {
    const auto& city = known_.at("city_social");
    // A certification still active at its star (not superseded by an upgrade), used once.
    auto pick = [&](int year, std::size_t index) -> const notice::Certified& {
        const auto& list = issued_.at(year);
        for (std::size_t i = 0;; ++i) {
            const auto& item = list[(index + i) % list.size()];
            if (item.community_code == kDemoCommunity || held_[item.community_code] != item.star)
                continue;
            if (sanctioned_.insert(item.community_code).second) return item;
        }
    };
    struct Planned {
        Timestamp when;
        int year;
        std::size_t index;
        certifications::SanctionKind kind;
        const char* reason;
        std::optional<Timestamp> deadline;
    };
    const Planned planned[] = {
        {beijing(2016, 4, 12), 2014, 17, certifications::SanctionKind::kCriticism,
         "跟踪监督发现社区服务平台信息长期未更新（第二十条，演示）", std::nullopt},
        {beijing(2016, 6, 20), 2013, 41, certifications::SanctionKind::kWarning,
         "年度复查发现居民服务事项线上办理率明显下降（第二十条，演示）", std::nullopt},
        {beijing(2026, 10, 20), 2015, 23, certifications::SanctionKind::kRectification,
         "复查发现社区数据安全管理制度未落实，限期整改（第二十条，演示）",
         beijing(2027, 1, 20, 17)},
    };
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (const auto& sanction : planned) {
        if (sanction.when > now) continue;  // never a sanction in the future of the real clock
        if (sanction.when > beijing(2016, 9, 5)) RETURN_IF_ERROR(add_lapsed_rectification());
        at(sanction.when);
        const auto& certification = pick(sanction.year, sanction.index);
        RETURN_IF_ERROR(app_.certifications().sanction(
            city, certification.serial, {sanction.kind, sanction.reason, sanction.deadline}));
        ++history_.sanctions;
    }
    return add_lapsed_rectification();
}

Status HistoryBuilder::add_lapsed_rectification() {
    if (lapsed_done_) return ok();
    lapsed_done_ = true;
    // 第二十条 to its end: a rectification, a report the city returns, the deadline passes
    // without an accepted report, and the city revokes the title (the plaque verifies as
    // revoked at once).
    const auto& city = known_.at("city_social");
    const auto& list = issued_.at(2014);
    const notice::Certified* chosen = nullptr;
    for (std::size_t i = 0; chosen == nullptr; ++i) {
        const auto& item = list[(88 + i) % list.size()];
        if (item.community_code == kDemoCommunity || held_[item.community_code] != item.star)
            continue;
        if (sanctioned_.insert(item.community_code).second) chosen = &item;
    }
    at(beijing(2016, 9, 5, 10));
    RETURN_IF_ERROR(app_.certifications().sanction(
        city, chosen->serial,
        {certifications::SanctionKind::kRectification,
         "跟踪监督发现智慧化应用已大部分停用，限期整改（第二十条，演示）",
         beijing(2016, 11, 30, 17)}));
    ++history_.sanctions;
    const auto community = community_actor(chosen->community_code);
    at(beijing(2016, 11, 10, 15));
    ASSIGN_OR_RETURN(auto filed, app_.supervision().file_rectification(
                                     community, chosen->serial,
                                     "已联系供应商，计划明年恢复智慧停车系统。（演示数据）"));
    at(beijing(2016, 11, 18, 10));
    ASSIGN_OR_RETURN(auto reviewed,
                     app_.supervision().review_rectification(
                         city, filed.id, false,
                         "停用的应用均未恢复运行，整改未到位，请在期限内切实整改（演示）"));
    (void)reviewed;
    at(beijing(2016, 12, 15, 10));
    RETURN_IF_ERROR(app_.certifications().sanction(
        city, chosen->serial,
        {certifications::SanctionKind::kRevocation,
         "限期整改期满未整改到位，智慧化应用已全部停用，水平严重滑坡，撤销荣誉称号（第二十条，演示）",
         std::nullopt}));
    ++history_.sanctions;
    return ok();
}

Status HistoryBuilder::open_current_round() {
    const auto& city = known_.at("city_social");
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const auto today = std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(now + std::chrono::hours(8))};
    const int year = static_cast<int>(today.year());
    // Never later than now: the history must not run ahead of the real clock.
    auto not_after_now = [&](Timestamp when) {
        return std::min(when, now - std::chrono::minutes(30));
    };
    at(not_after_now(beijing(year, 9, 1, 9, 30)));
    rounds::NewRound request;
    request.year = year;
    request.kind = "annual";
    request.standard_id = "bj-construction";
    request.name = std::to_string(year) + "年度北京市星级智慧社区认定（演示）";
    ASSIGN_OR_RETURN(auto round, app_.rounds().create(city, request));
    RETURN_IF_ERROR(app_.rounds().open(city, round.id));
    ++history_.rounds;

    // 多福巷 holds ★★★ since the pilot round and drafts its way to ★★★★: a few indicators short.
    std::vector<std::string> candidates;
    for (const auto& community : communities_) {
        if (held_.count(community.code) == 0 && !community.village)
            candidates.push_back(community.code);
    }
    std::shuffle(candidates.begin(), candidates.end(), random_);
    candidates.resize(std::min<std::size_t>(candidates.size(), 14));
    candidates.insert(candidates.begin(), kDemoCommunity);
    std::vector<std::pair<std::string, std::int64_t>> forwarded;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto& code = candidates[i];
        at(not_after_now(beijing(year, 10, 10 + static_cast<unsigned>(i), 10)));
        const auto community = community_actor(code);
        const bool demo = code == kDemoCommunity;
        const int target = demo ? std::max(4, held_[code] + 1) : 1 + static_cast<int>(i % 3);
        ASSIGN_OR_RETURN(auto created,
                         app_.applications().create(community, round.id, code, target));
        ++history_.applications;
        auto achieved = demo ? std::vector<std::string>(construction_.counted.begin(),
                                                        construction_.counted.begin() + 52)
                             : pick_achieved(construction_, target);
        applications::Assessment assessment{achieved, true, "信息资源由社区专人按月更新（演示）",
                                            true, "智慧养老、智慧停车等应用覆盖大部分居民（演示）"};
        RETURN_IF_ERROR(app_.applications().save_assessment(community, created.application.id,
                                                            assessment, std::nullopt));
        // The first half stay drafts; the rest are submitted, a few forwarded by their street.
        if (demo || i < candidates.size() / 2) continue;
        RETURN_IF_ERROR(app_.applications().submit(community, created.application.id));
        if (i % 3 == 0) forwarded.emplace_back(code, created.application.id);
    }
    at(not_after_now(beijing(year, 11, 3, 10)));
    for (const auto& [code, id] : forwarded) {
        RETURN_IF_ERROR(app_.applications().street_review(
            street_actor(code), id, {"forward", "同意转报（演示）", std::nullopt, std::nullopt}));
    }
    return ok();
}

Result<DemoHistory> HistoryBuilder::build() {
    if (app_.test_clock() == nullptr) {
        return fail(Error::internal("demo history needs the settable clock"));
    }
    for (const auto& node : nodes_) {
        if (node.level == regions::Level::kCommunity) {
            communities_.push_back({node.code, node.kind.find("村") != std::string::npos});
        }
    }
    for (auto& code : demo_pilot_codes(nodes_)) pilots_.insert(std::move(code));
    RETURN_IF_ERROR(load_actors());
    ASSIGN_OR_RETURN(trial_, load_catalogue("bj-trial"));
    ASSIGN_OR_RETURN(construction_, load_catalogue("bj-construction"));

    // 2013: the pilot round over the 512 pilot communities (第九条), at most ★★★.
    std::vector<std::string> pilot_candidates(pilots_.begin(), pilots_.end());
    std::shuffle(pilot_candidates.begin(), pilot_candidates.end(), random_);
    std::erase(pilot_candidates, std::string(kDemoCommunity));
    pilot_candidates.insert(pilot_candidates.begin(), kDemoCommunity);
    ASSIGN_OR_RETURN(auto pilot_plans, plan_round(2013, pilot_candidates, 450, 3, 0));
    RETURN_IF_ERROR(run_round(2013, rounds::RoundKind::kPilot, "bj-trial", pilot_plans));
    RETURN_IF_ERROR(add_annual_reports_and_spot_checks(2014));

    // 2014 and 2015: yearly rounds on the construction standard toward ~1,500 (第二条).
    for (const int year : {2014, 2015}) {
        std::vector<std::string> candidates;
        for (const auto& community : communities_) {
            if (held_.count(community.code) != 0) continue;
            // Mostly urban communities (居委会) in the first years, some villages.
            if (community.village && std::uniform_int_distribution<int>(0, 9)(random_) != 0)
                continue;
            candidates.push_back(community.code);
        }
        std::shuffle(candidates.begin(), candidates.end(), random_);
        ASSIGN_OR_RETURN(auto plans, plan_round(year, candidates, 620, 3, year == 2014 ? 20 : 15));
        RETURN_IF_ERROR(run_round(year, rounds::RoundKind::kAnnual, "bj-construction", plans));
        RETURN_IF_ERROR(add_annual_reports_and_spot_checks(year + 1));
    }
    RETURN_IF_ERROR(add_sanctions());
    RETURN_IF_ERROR(open_current_round());
    app_.test_clock()->set(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
    return history_;
}

}  // namespace

std::vector<std::string> demo_pilot_codes(const std::vector<regions::Region>& nodes) {
    constexpr std::size_t kPilots = 512;  // 第九条: 首批试点 512 个社区
    std::vector<std::string> communities;
    for (const auto& node : nodes) {
        if (node.level == regions::Level::kCommunity) communities.push_back(node.code);
    }
    std::vector<std::string> chosen;
    if (communities.empty()) return chosen;
    // Every k-th community in code order: spread over all districts in proportion to size,
    // and the same on every run. 多福巷 (the demo community) is always among them.
    const double step = static_cast<double>(communities.size()) / kPilots;
    for (std::size_t i = 0; i < kPilots && i < communities.size(); ++i) {
        chosen.push_back(communities[static_cast<std::size_t>(static_cast<double>(i) * step)]);
    }
    return chosen;
}

Result<DemoHistory> build_demo_history(App& app, const std::vector<regions::Region>& nodes) {
    // The SMS codes of the demo's comments would fill the terminal; the log stays quiet here.
    const auto level = spdlog::get_level();
    spdlog::set_level(spdlog::level::warn);
    // Tens of thousands of small transactions: synced one by one they take minutes. The
    // database is brand new, so a crash loses nothing but the demo; FULL again at the end.
    RETURN_IF_ERROR(storage::set_bulk_load(app.store(), true));
    HistoryBuilder builder(app, nodes);
    auto history = builder.build();
    spdlog::set_level(level);
    RETURN_IF_ERROR(storage::set_bulk_load(app.store(), false));
    return history;
}

}  // namespace hx::cli

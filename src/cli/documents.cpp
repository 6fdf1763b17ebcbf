#include "cli/documents.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "render/documents.hpp"

namespace hx::cli {

namespace {

/// 2026年11月23日 in Beijing time.
std::string chinese_date(Timestamp t) {
    const auto text = format_rfc3339(t + std::chrono::hours(8));
    const auto month = std::stoi(text.substr(5, 2));
    const auto day = std::stoi(text.substr(8, 2));
    return text.substr(0, 4) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

/// 2026-11-02 10:15 in Beijing time.
std::string minute_of(Timestamp t) {
    const auto text = format_rfc3339(t);
    return text.substr(0, 10) + " " + text.substr(11, 5);
}

std::string minute_of(const std::optional<Timestamp>& t) { return t ? minute_of(*t) : std::string(); }

std::string decision_words(bool approved) { return approved ? "同意" : "不同意"; }

/// The latest event of an action (the street's forwarding, the recommendation), if any.
const applications::Event* last_event(const std::vector<applications::Event>& events, applications::Action action) {
    const applications::Event* found = nullptr;
    for (const auto& e : events) {
        if (e.action == action) found = &e;
    }
    return found;
}

/// The three district departments in the order the measures name them (第十四条2).
constexpr identity::Role kDistrictDepartments[] = {identity::Role::kDistrictSocial, identity::Role::kDistrictIt,
                                                   identity::Role::kDistrictCivil};

}  // namespace

Result<std::string> render_application_form(const applications::FormData& data) {
    using applications::Action;
    const auto& view = data.view;
    const auto& a = view.application;
    render::ApplicationForm form;
    form.round_name = view.round.name;
    form.community_full_name = "北京市" + data.district_name + data.street_name + a.community_name;
    form.community_code = a.community_code;
    form.district = data.district_name;
    form.street = data.street_name;
    form.current_star = a.current_star;
    form.target_star = a.target_star;
    form.eligible_star = view.eligible_star;
    form.standard_name = data.standard.name + "（" + data.standard.version + "）";
    form.standard_is_example = data.standard.has_example_provenance();
    std::map<std::string, std::vector<std::string>> evidence;
    for (const auto& e : view.evidence) evidence[e.indicator_code].push_back(e.file_name);
    const auto& claimed = a.assessment.achieved;
    for (const auto& category : data.standard.categories) {
        for (const auto& sub : category.subcategories) {
            for (const auto& indicator : sub.indicators) {
                render::FormIndicator line;
                line.code = indicator.code;
                line.name = indicator.title;
                line.category = category.name;
                line.constraint = indicator.kind == standards::IndicatorKind::kConstraint;
                line.claimed = std::find(claimed.begin(), claimed.end(), indicator.code) != claimed.end();
                if (const auto it = evidence.find(indicator.code); it != evidence.end()) line.evidence = it->second;
                form.indicators.push_back(std::move(line));
            }
        }
    }
    form.mechanism = a.assessment.mechanism;
    form.mechanism_note = a.assessment.mechanism_note;
    if (const auto it = evidence.find("mechanism"); it != evidence.end()) {
        for (const auto& file : it->second) form.mechanism_note += (form.mechanism_note.empty() ? "" : "\n") + ("佐证材料：" + file);
    }
    form.effectiveness_note = a.assessment.effectiveness_note;
    form.submitted_at = minute_of(a.submitted_at);
    if (const auto* street = last_event(view.events, Action::kStreetForward)) {
        form.street_opinion = "同意转报。" + street->opinion;
        form.street_at = minute_of(street->at);
    }
    for (const auto role : kDistrictDepartments) {
        const auto it = std::find_if(view.reviews.begin(), view.reviews.end(),
                                     [&](const applications::DistrictReview& r) { return r.role == role; });
        render::FormReview review;
        review.department = data.district_name.empty() ? identity::role_label(role)
                                                      : identity::role_label(role) + std::string("\n") + data.district_name;
        if (it != view.reviews.end()) {
            review.decision = decision_words(it->approved);
            review.opinion = it->opinion;
            review.username = it->username;
            review.at = minute_of(it->at);
        }
        form.reviews.push_back(std::move(review));
    }
    form.recommendation_rank = a.recommendation_rank;
    if (const auto* recommended = last_event(view.events, Action::kRecommend)) {
        form.district_opinion = recommended->opinion;
    }
    form.application_id = std::to_string(view.round.year) + "-" + std::to_string(a.id);
    return render::render_application_form_pdf(form);
}

Result<std::string> render_recommendation_list(const applications::RecommendationListData& data,
                                               const std::string& format) {
    render::RecommendationList list;
    list.round_name = data.round.name;
    list.district = data.package.district_name;
    list.district_code = data.package.district_code;
    for (const auto& entry : data.entries) {
        const auto& a = entry.application;
        std::string reviews;
        const bool all_approved = entry.reviews.size() == 3 &&
                                  std::all_of(entry.reviews.begin(), entry.reviews.end(),
                                              [](const applications::DistrictReview& r) { return r.approved; });
        if (all_approved) {
            reviews = "三部门均同意";
        } else {
            for (const auto& r : entry.reviews) {
                reviews += std::string(reviews.empty() ? "" : "；") + identity::role_label(r.role) + decision_words(r.approved);
            }
        }
        list.entries.push_back({a.recommendation_rank.value_or(0), a.community_name, a.community_code,
                                entry.street_name, a.target_star, entry.eligible_star, reviews});
    }
    list.generated_at = minute_of(data.generated_at);
    for (const auto& r : data.package.receipts) {
        list.receipts.push_back(std::string(identity::role_label(r.role)) + " 已于 " + minute_of(r.at) + " 签收");
    }
    if (format == "xlsx") return render::render_recommendation_list_xlsx(list);
    return render::render_recommendation_list_pdf(list);
}

Result<std::string> render_round_commendation(const rounds::Round& round, const notice::Notice& notice,
                                              const std::vector<certifications::Certification>& certified,
                                              const std::string& verify_url_base) {
    render::CommendationNotice document;
    document.year = round.year;
    document.round_name = round.name;
    // The number the system gives the notice; the offices' own numbering replaces it in print.
    document.document_number = "京社办发〔" + std::to_string(round.year) + "〕" + std::to_string(round.id) + "号";
    document.issued_on = chinese_date(notice.finalized_at.value_or(notice.ends_at));
    document.issuers = certifications::issuers();
    for (const auto& c : certified) {
        document.entries.push_back({c.district_name, c.street_name, c.community_name, c.star, c.serial});
    }
    document.verify_url_base = verify_url_base;
    return render::render_commendation_pdf(document);
}

Result<std::string> render_check_bulletin(const supervision::PublicCheck& check) {
    render::SpotCheckBulletin document;
    const auto& c = check.check;
    document.year = c.year;
    document.title = "关于" + std::to_string(c.year) + "年度北京市星级智慧社区抽查情况的通报";
    document.document_number = "京社办发〔" + std::to_string(c.year) + "〕抽" + std::to_string(c.year % 100) + "号";
    document.issued_on = chinese_date(c.published_at.value_or(c.draw.committed_at));
    document.issuers = certifications::issuers();
    std::int64_t failed = 0;
    for (std::size_t i = 0; i < check.items.size(); ++i) {
        const auto& item = check.items[i];
        const auto& certification = check.certifications.at(i);
        const bool passed = item.passed.value_or(false);
        failed += passed ? 0 : 1;
        document.entries.push_back({certification.district_name, certification.full_name, item.serial,
                                    certification.star, passed, item.findings,
                                    item.action ? certifications::sanction_label(*item.action) : "无"});
    }
    document.summary = "依据《北京市智慧社区认定管理办法》第十九条，市社会办、市经济信息化委、市民政局以事先公布摘要的随机种子抽取了 " +
                       std::to_string(check.items.size()) + " 个星级智慧社区进行年度抽查，其中 " +
                       std::to_string(failed) + " 个未通过，已按第二十条作出处理。抽取种子为“" +
                       c.draw.seed.value_or("") + "”，任何人均可据此复核抽取结果。";
    return render::render_spot_check_bulletin_pdf(document);
}

}  // namespace hx::cli

#include "cli/documents.hpp"

#include <chrono>

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

}  // namespace

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

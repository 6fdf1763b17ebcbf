// 第十九条: the annual spot check of the city's star communities, and its bulletin (抽查情况通报);
// the actions it announces are those of 第二十条 (限期整改, 撤销荣誉称号).
#include <algorithm>
#include <string>
#include <vector>

#include "render/documents.hpp"
#include "render/pdf_document.hpp"

namespace hx::render {

namespace {

constexpr std::size_t kMaxEntries = 20000;
constexpr std::size_t kMaxIssuers = 6;

Status validate(const SpotCheckBulletin& bulletin) {
    ContentCheck check("抽查情况通报");
    if (bulletin.year < 1000 || bulletin.year > 9999) {
        check.problem("year", "年度应为四位年份，收到 " + std::to_string(bulletin.year));
    }
    check.required("title", bulletin.title, "标题");
    check.required("document_number", bulletin.document_number, "发文字号");
    check.required("issued_on", bulletin.issued_on, "成文日期");
    check.bounded("summary", bulletin.summary, "抽查概述", ContentCheck::kMaxTextBytes);
    check.count("issuers", bulletin.issuers.size(), kMaxIssuers, "发文机关");
    for (const auto& issuer : bulletin.issuers) check.required("issuers", issuer, "发文机关名称");
    check.count("entries", bulletin.entries.size(), kMaxEntries, "抽查名单");
    for (const auto& entry : bulletin.entries) {
        check.required("entries.district", entry.district, "区（县）");
        check.required("entries.community", entry.community, "社区名称");
        check.required("entries.serial", entry.serial, "证书编号");
        check.star("entries.star", entry.star, 1, entry.community + " 的星级");
        check.bounded("entries.findings", entry.findings, "主要问题", ContentCheck::kMaxTextBytes);
        check.bounded("entries.action", entry.action, "处理意见");
    }
    return check.status();
}

bool has_action(const BulletinEntry& entry) {
    return !entry.action.empty() && entry.action != "无";
}

/// The figures of the year's check, counted from the entries: how many were checked, passed,
/// failed, and how many of each action (in the order the actions first appear).
std::string figures(const SpotCheckBulletin& bulletin) {
    const auto passed = std::count_if(bulletin.entries.begin(), bulletin.entries.end(),
                                      [](const BulletinEntry& e) { return e.passed; });
    const auto failed = static_cast<long>(bulletin.entries.size()) - passed;
    std::vector<std::pair<std::string, int>> actions;
    for (const auto& entry : bulletin.entries) {
        if (!has_action(entry)) continue;
        auto it = std::find_if(actions.begin(), actions.end(),
                               [&](const auto& a) { return a.first == entry.action; });
        if (it == actions.end()) {
            actions.push_back({entry.action, 1});
        } else {
            ++it->second;
        }
    }
    std::string text = std::to_string(bulletin.year) + "年度共抽查北京市星级智慧社区" +
                       std::to_string(bulletin.entries.size()) + "个，其中合格" +
                       std::to_string(passed) + "个，不合格" + std::to_string(failed) + "个";
    if (!actions.empty()) {
        std::vector<std::string> parts;
        for (const auto& [action, count] : actions) {
            parts.push_back(action + std::to_string(count) + "个");
        }
        text += "；作出处理的社区中，" + join_enumeration(parts);
    }
    return text + "。具体情况见下表。";
}

std::string closing(const SpotCheckBulletin& bulletin) {
    const bool any_action = std::any_of(bulletin.entries.begin(), bulletin.entries.end(),
                                        [](const BulletinEntry& e) { return has_action(e); });
    std::string text;
    if (any_action) {
        text +=
            "被责令限期整改的社区，须在规定期限内完成整改并报送整改报告，所在区（县）社会办、"
            "信息化主管部门、民政局负责督促检查；被撤销称号的社区，其电子奖牌自撤销之日起失效，"
            "公开验证页面同步显示为已撤销。\n";
    }
    text +=
        "各区（县）要以本次抽查为契机，加强对本地区智慧社区的日常管理和指导，坚持巩固提高、"
        "持续改进，推动智慧社区建设取得新成效。\n";
    return text;
}

PageFlow lay_out(const SpotCheckBulletin& bulletin) {
    PageFlow flow;
    add_masthead(flow, bulletin.issuers, bulletin.document_number);
    add_title(flow, bulletin.title);
    add_salutation(flow, "各区（县）社会办、信息化主管部门、民政局，各星级智慧社区");
    std::string opening =
        "根据《北京市智慧社区认定管理办法》第十九条，市社会办、市经济信息化委、"
        "市民政局对全市星级智慧社区开展了" +
        std::to_string(bulletin.year) + "年度抽查。现将抽查情况通报如下。\n";
    add_body_text(flow, opening + bulletin.summary + "\n" + figures(bulletin));
    flow.space(10);

    Table table;
    // Widths in points of the 457-point body; the serial goes under the community's name.
    table.columns = {{"序号", 28, TextAlign::kCenter},
                     {"区（县）", 52, TextAlign::kCenter},
                     {"社区名称及证书编号", 122, TextAlign::kLeft},
                     {"星级", 42, TextAlign::kCenter},
                     {"结论", 40, TextAlign::kCenter},
                     {"主要问题", 123, TextAlign::kLeft},
                     {"处理", 50, TextAlign::kCenter}};
    table.body = cell_style(9.5);
    table.head = heading_style(9.5);
    table.padding = 3.5;
    int number = 0;
    for (const auto& entry : bulletin.entries) {
        table.rows.push_back(
            {{std::to_string(++number), entry.district, entry.community + "\n" + entry.serial,
              star_words(entry.star), entry.passed ? "合格" : "不合格",
              entry.findings.empty() ? "—" : entry.findings,
              entry.action.empty() ? "无" : entry.action}});
    }
    flow.table(table);
    flow.space(14);
    add_body_text(flow, closing(bulletin));
    add_signature(flow, bulletin.issuers, bulletin.issued_on);
    flow.space(16);
    TextStyle note = body_style(15);
    note.justify = false;
    flow.paragraph("（此件公开发布）", note, 30);
    return flow;
}

}  // namespace

Result<std::string> render_spot_check_bulletin_pdf(const SpotCheckBulletin& bulletin) {
    RETURN_IF_ERROR(validate(bulletin));
    const PageFlow flow = lay_out(bulletin);
    PdfInfo info;
    info.title = bulletin.title;
    info.author = join_enumeration(bulletin.issuers);
    info.subject = bulletin.document_number;
    info.keywords = "第十九条 年度抽查 通报";
    return write_pdf(info, {{&flow, draw_dash_page_number}});
}

}  // namespace hx::render

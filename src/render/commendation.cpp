// 第十五条: the commendation notice (通报表彰) in the name of 市社会办, 市经济信息化委 and
// 市民政局, with the list of the round's star communities as its annex.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "render/documents.hpp"
#include "render/pdf_document.hpp"

namespace hx::render {

namespace {

constexpr std::size_t kMaxEntries = 20000;
constexpr std::size_t kMaxIssuers = 6;

Status validate(const CommendationNotice& notice) {
    ContentCheck check("通报表彰");
    if (notice.year < 1000 || notice.year > 9999) {
        check.problem("year", "年度应为四位年份，收到 " + std::to_string(notice.year));
    }
    check.required("round_name", notice.round_name, "认定批次");
    check.required("document_number", notice.document_number, "发文字号");
    check.required("issued_on", notice.issued_on, "成文日期");
    check.required("verify_url_base", notice.verify_url_base, "验证网址");
    check.count("issuers", notice.issuers.size(), kMaxIssuers, "发文机关");
    for (const auto& issuer : notice.issuers) check.required("issuers", issuer, "发文机关名称");
    check.count("entries", notice.entries.size(), kMaxEntries, "表彰名单");
    for (const auto& entry : notice.entries) {
        check.required("entries.district", entry.district, "区（县）");
        check.bounded("entries.street", entry.street, "街道（乡镇）");
        check.required("entries.community", entry.community, "社区名称");
        check.required("entries.serial", entry.serial, "证书编号");
        check.star("entries.star", entry.star, 1, entry.community + " 的星级");
    }
    return check.status();
}

/// The communities of one star, district by district in the order the districts first appear.
struct StarGroup {
    int star = 0;
    std::vector<std::pair<std::string, std::vector<const CommendationEntry*>>> districts;
    std::size_t count = 0;
};

std::vector<StarGroup> group(const std::vector<CommendationEntry>& entries) {
    std::vector<StarGroup> groups;
    for (int star = 5; star >= 1; --star) {
        StarGroup star_group{star, {}, 0};
        for (const auto& entry : entries) {
            if (entry.star != star) continue;
            auto it = std::find_if(star_group.districts.begin(), star_group.districts.end(),
                                   [&](const auto& d) { return d.first == entry.district; });
            if (it == star_group.districts.end()) {
                star_group.districts.push_back({entry.district, {}});
                it = std::prev(star_group.districts.end());
            }
            it->second.push_back(&entry);
            ++star_group.count;
        }
        if (star_group.count > 0) groups.push_back(std::move(star_group));
    }
    return groups;
}

std::string title_of(const CommendationNotice& notice) {
    return "关于表彰" + std::to_string(notice.year) + "年度北京市星级智慧社区的通报";
}

std::string annex_title(const CommendationNotice& notice) {
    return std::to_string(notice.year) + "年度北京市星级智慧社区名单";
}

std::string body(const CommendationNotice& notice, const std::vector<StarGroup>& groups) {
    std::vector<std::string> counts;
    for (const auto& star_group : groups) {
        counts.push_back(star_words(star_group.star) + std::to_string(star_group.count) + "个");
    }
    const CommendationEntry& first = *groups.front().districts.front().second.front();
    const std::string total = std::to_string(notice.entries.size());
    std::string text;
    text +=
        "根据《北京市智慧社区认定管理办法》，经社区自愿申报、街道（乡镇）审核、区（县）逐级推荐、"
        "市级专门评估小组择优认定，并在各区（县）、街道和市社会办、市经济信息化委、市民政局门户网站"
        "以及首都之窗公示七天，" +
        notice.round_name + "共认定北京市星级智慧社区" + total + "个，其中" +
        join_enumeration(counts) + "。\n";
    text += "为表彰先进、树立典型，根据《北京市智慧社区认定管理办法》第十五条，决定对" +
            first.district + first.street + first.community +
            (notice.entries.size() > 1 ? "等" + total + "个社区" : "") +
            "予以通报表彰，授予“北京市星级智慧社区”称号和北京市星级智慧社区电子奖牌。\n";
    text +=
        "希望受到表彰的社区以认定命名为新起点，坚持巩固提高、持续发展、持续改进的方针，不断研究新情"
        "况、"
        "解决新问题，总结新经验，取得新成绩，每年将智慧社区工作总结和下年度工作计划报市社会办、"
        "市经济信息化委、市民政局。各区（县）社会办、信息化主管部门、民政局要做好本地区智慧社区的"
        "组织、协调、监督、指导、检查和日常管理工作。全市智慧社区实行年度抽查和动态管理，对发生重大"
        "问题和水平严重滑坡的，将视情节给予批评、警告、限期整改直至撤销荣誉称号等处理。\n";
    text += "各星级智慧社区的电子奖牌载有证书编号和二维码。社会各界可访问 " +
            notice.verify_url_base + "（其后接证书编号）查验每块奖牌的真伪和当前状态。\n";
    return text;
}

PageFlow lay_out(const CommendationNotice& notice) {
    const auto groups = group(notice.entries);
    PageFlow flow;
    add_masthead(flow, notice.issuers, notice.document_number);
    add_title(flow, title_of(notice));
    add_salutation(flow, "各区（县）社会办、信息化主管部门、民政局");
    add_body_text(flow, body(notice, groups));
    flow.space(12);
    TextStyle annex_line = body_style(15);
    annex_line.justify = false;
    flow.paragraph("附件：" + annex_title(notice), annex_line, 30);
    add_signature(flow, notice.issuers, notice.issued_on);
    flow.space(16);
    TextStyle note = body_style(15);
    note.justify = false;
    flow.paragraph("（此件公开发布）", note, 30);

    // The annex starts on a page of its own (GB/T 9704: 附件 flush left in 黑体, then its title).
    flow.new_page();
    flow.paragraph("附件", heading_style(16));
    flow.space(10);
    add_title(flow, annex_title(notice), 20, 8);
    TextStyle total = body_style(12);
    total.align = TextAlign::kCenter;
    total.justify = false;
    flow.paragraph("（共" + std::to_string(notice.entries.size()) + "个，按星级和区（县）排列）",
                   total);
    flow.space(8);

    int number = 0;
    int ordinal = 0;
    for (const auto& star_group : groups) {
        const std::string heading = chinese_ordinal(++ordinal) + star_words(star_group.star) +
                                    "智慧社区（" + std::to_string(star_group.count) + "个）";
        const TextStyle heading_text = heading_style(14);
        flow.keep(measure_paragraph(flow.measure(), heading, flow.width(), heading_text) + 80);
        flow.space(10);
        flow.paragraph(heading, heading_text);
        flow.space(6);
        Table table;
        table.columns = {{"序号", 0.7, TextAlign::kCenter},
                         {"街道（乡镇）", 2.0, TextAlign::kLeft},
                         {"社区名称", 3.0, TextAlign::kLeft},
                         {"证书编号", 2.5, TextAlign::kCenter}};
        table.body = cell_style(11);
        table.head = heading_style(11);
        for (const auto& [district, entries] : star_group.districts) {
            table.rows.push_back(
                {{district + "（" + std::to_string(entries.size()) + "个）"}, true});
            for (const CommendationEntry* entry : entries) {
                table.rows.push_back(
                    {{std::to_string(++number), entry->street, entry->community, entry->serial}});
            }
        }
        flow.table(table);
    }
    return flow;
}

}  // namespace

Result<std::string> render_commendation_pdf(const CommendationNotice& notice) {
    RETURN_IF_ERROR(validate(notice));
    const PageFlow flow = lay_out(notice);
    PdfInfo info;
    info.title = title_of(notice);
    info.author = join_enumeration(notice.issuers);
    info.subject = notice.document_number + " · " + notice.round_name;
    info.keywords = "第十五条 通报表彰 北京市星级智慧社区";
    return write_pdf(info, {{&flow, draw_dash_page_number}});
}

}  // namespace hx::render

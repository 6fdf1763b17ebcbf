// 第十四条2: a district's ranked recommendation list (推荐名单) for a round — 优中选优, sent with
// the application forms to the three city departments by 15 November.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "render/documents.hpp"
#include "render/pdf_document.hpp"
#include "render/xlsx_workbook.hpp"

namespace hx::render {

namespace {

constexpr std::size_t kMaxEntries = 5000;
constexpr std::size_t kMaxReceipts = 20;

Status validate(const RecommendationList& list) {
    ContentCheck check("推荐名单");
    check.required("round_name", list.round_name, "认定批次");
    check.required("district", list.district, "区（县）名称");
    check.bounded("district_code", list.district_code, "区（县）代码");
    check.bounded("generated_at", list.generated_at, "生成时间");
    check.count("entries", list.entries.size(), kMaxEntries, "推荐名单");
    std::set<int> ranks;
    for (const auto& entry : list.entries) {
        check.required("entries.community", entry.community, "社区名称");
        check.required("entries.community_code", entry.community_code, "社区代码");
        check.bounded("entries.street", entry.street, "街道（乡镇）");
        check.bounded("entries.reviews", entry.reviews, "区级审核意见",
                      ContentCheck::kMaxTextBytes);
        check.star("entries.target_star", entry.target_star, 1, "申报星级");
        check.star("entries.eligible_star", entry.eligible_star, 0, "可申报星级");
        if (entry.rank < 1) {
            check.problem("entries.rank", entry.community + " 的推荐排序应从 1 开始，收到 " +
                                              std::to_string(entry.rank));
        } else if (!ranks.insert(entry.rank).second) {
            check.problem("entries.rank", "推荐排序 " + std::to_string(entry.rank) + " 重复");
        }
    }
    if (list.receipts.size() > kMaxReceipts) {
        check.problem("receipts", "签收记录过多（最多 " + std::to_string(kMaxReceipts) + " 条）");
    }
    for (const auto& receipt : list.receipts) check.bounded("receipts", receipt, "签收记录");
    return check.status();
}

std::vector<RecommendationEntry> by_rank(const RecommendationList& list) {
    std::vector<RecommendationEntry> entries = list.entries;
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.rank < b.rank; });
    return entries;
}

std::string title_of(const RecommendationList& list) {
    return list.district + "星级智慧社区推荐名单";
}

PageFlow lay_out(const RecommendationList& list) {
    PageFlow flow;
    add_title(flow, title_of(list), 20, 8);
    TextStyle line = body_style(13);
    line.align = TextAlign::kCenter;
    line.justify = false;
    // The round's name carries its kind in brackets already (…认定（年度认定）): printed as is.
    flow.paragraph(list.round_name, line);
    flow.space(14);

    TextStyle facts = body_style(11.5);
    facts.justify = false;
    std::string district = "推荐单位：" + list.district + "社会办（会同" + list.district +
                           "信息化主管部门、" + list.district + "民政局审核）";
    flow.paragraph(district, facts);
    std::string count =
        "推荐社区：" + std::to_string(list.entries.size()) + " 个，按推荐排序（优中选优）排列";
    if (!list.district_code.empty()) count += "　区划代码：" + list.district_code;
    flow.paragraph(count, facts);
    if (!list.generated_at.empty()) flow.paragraph("生成时间：" + list.generated_at, facts);
    flow.space(10);

    Table table;
    // Widths in points of the 457-point body: a 12-digit code stays on one line.
    table.columns = {
        {"推荐\n排序", 34, TextAlign::kCenter}, {"社区名称", 104, TextAlign::kLeft},
        {"社区代码", 82, TextAlign::kCenter},   {"街道（乡镇）", 70, TextAlign::kLeft},
        {"申报\n星级", 44, TextAlign::kCenter}, {"可申报\n星级", 44, TextAlign::kCenter},
        {"区级审核意见", 79, TextAlign::kLeft}};
    table.body = cell_style(10.5);
    table.head = heading_style(10.5);
    for (const auto& entry : by_rank(list)) {
        table.rows.push_back(
            {{std::to_string(entry.rank), entry.community, entry.community_code, entry.street,
              star_words(entry.target_star), star_words(entry.eligible_star), entry.reviews}});
    }
    flow.table(table);

    flow.space(18);
    flow.paragraph("报送签收情况", heading_style(12));
    flow.space(4);
    TextStyle receipt = body_style(11.5);
    receipt.justify = false;
    if (list.receipts.empty()) {
        flow.paragraph(
            "尚无签收记录。本名单连同申报表一式三份，分别报市社会办、市经济信息化委、市民政局。",
            receipt, 24);
    }
    for (const auto& entry : list.receipts) flow.paragraph("· " + entry, receipt, 24);

    // The three departments sign and stamp the paper copy (会同审核).
    flow.space(30);
    TextStyle stamp = body_style(12);
    stamp.justify = false;
    const std::string stamps = list.district + "社会办（盖章）　　" + list.district +
                               "信息化主管部门（盖章）　　" + list.district + "民政局（盖章）";
    flow.block(70, [stamps, stamp](cairo_t* cr, double x, double y, double width) {
        TextStyle centred = stamp;
        centred.align = TextAlign::kCenter;
        draw_paragraph(cr, stamps, x, y, width, centred);
        TextStyle date = stamp;
        date.align = TextAlign::kRight;
        draw_paragraph(cr, "年　　月　　日", x, y + 40, width - 24, date);
    });
    return flow;
}

}  // namespace

Result<std::string> render_recommendation_list_pdf(const RecommendationList& list) {
    RETURN_IF_ERROR(validate(list));
    const PageFlow flow = lay_out(list);
    const std::string footer = title_of(list);
    PdfInfo info;
    info.title = title_of(list) + " · " + list.round_name;
    info.author = list.district + "社会办";
    info.subject = "第十四条 逐级推荐";
    return write_pdf(
        info,
        {{&flow, [&footer](cairo_t* cr, const PageGeometry& geometry, const PageStamp& stamp) {
              draw_page_of_total(cr, geometry, stamp, footer);
          }}});
}

Result<std::string> render_recommendation_list_xlsx(const RecommendationList& list) {
    RETURN_IF_ERROR(validate(list));
    const auto entries = by_rank(list);
    XlsxProperties properties;
    properties.title = title_of(list) + " · " + list.round_name;
    properties.author = list.district + "社会办";
    properties.subject = "第十四条 逐级推荐";
    return write_xlsx(properties, [&](lxw_workbook* workbook, lxw_format* header, lxw_format* text,
                                      lxw_format* wrapped, XlsxFailure& failure) {
        XlsxSheet sheet(workbook, "推荐名单", header, text, wrapped, failure);
        sheet.columns({{"推荐排序", 10, false},
                       {"社区名称", 32, true},
                       {"社区代码", 16, false},
                       {"街道（乡镇）", 18, false},
                       {"申报星级", 10, false},
                       {"可申报星级", 12, false},
                       {"区级审核意见", 30, true},
                       {"区（县）", 12, false},
                       {"认定批次", 36, false}});
        lxw_row_t row = 1;
        for (const auto& entry : entries) {
            sheet.number(row, 0, entry.rank);
            sheet.text(row, 1, entry.community, true);
            sheet.text(row, 2, entry.community_code);  // text: Excel would round a 12-digit code
            sheet.text(row, 3, entry.street);
            sheet.number(row, 4, entry.target_star);
            sheet.number(row, 5, entry.eligible_star);
            sheet.text(row, 6, entry.reviews, true);
            sheet.text(row, 7, list.district);
            sheet.text(row, 8, list.round_name);
            ++row;
        }
        XlsxSheet receipts(workbook, "报送签收", header, text, wrapped, failure);
        receipts.columns({{"签收情况", 60, true}});
        row = 1;
        for (const auto& receipt : list.receipts) receipts.text(row++, 0, receipt, true);
    });
}

}  // namespace hx::render

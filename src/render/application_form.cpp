// 第十四条2: the recommended community's application form (智慧社区申报表), one copy each for
// 市社会办, 市经济信息化委 and 市民政局.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "render/documents.hpp"
#include "render/pdf_document.hpp"

namespace hx::render {

namespace {

constexpr std::size_t kMaxIndicators = 500;
constexpr std::size_t kMaxCopies = 10;
constexpr std::size_t kMaxReviews = 10;

Status validate(const ApplicationForm& form) {
    ContentCheck check("申报表");
    check.required("round_name", form.round_name, "认定批次");
    check.required("community_full_name", form.community_full_name, "社区名称");
    check.required("community_code", form.community_code, "社区代码");
    check.required("district", form.district, "所属区（县）");
    check.required("street", form.street, "所属街道（乡镇）");
    check.required("application_id", form.application_id, "申报编号");
    check.required("standard_name", form.standard_name, "认定标准");
    check.star("current_star", form.current_star, 0, "现有星级");
    check.star("target_star", form.target_star, 1, "申报星级");
    check.star("eligible_star", form.eligible_star, 0, "可申报星级");
    check.count("indicators", form.indicators.size(), kMaxIndicators, "指标");
    check.count("copies", form.copies.size(), kMaxCopies, "报送单位");
    for (const auto& copy : form.copies) check.required("copies", copy, "报送单位名称");
    for (const auto& indicator : form.indicators) {
        check.required("indicators.code", indicator.code, "指标代码");
        check.required("indicators.name", indicator.name, "指标内容", ContentCheck::kMaxTextBytes);
        check.bounded("indicators.category", indicator.category, "指标类别");
        for (const auto& file : indicator.evidence) check.bounded("indicators.evidence", file, "佐证材料");
    }
    if (form.reviews.size() > kMaxReviews) {
        check.problem("reviews", "审核意见过多（最多 " + std::to_string(kMaxReviews) + " 条）");
    }
    for (const auto& review : form.reviews) {
        check.required("reviews.department", review.department, "审核单位");
        check.bounded("reviews.decision", review.decision, "审核结论");
        check.bounded("reviews.opinion", review.opinion, "审核意见", ContentCheck::kMaxTextBytes);
        check.bounded("reviews.username", review.username, "经办人");
        check.bounded("reviews.at", review.at, "审核时间");
    }
    if (form.recommendation_rank && *form.recommendation_rank < 1) {
        check.problem("recommendation_rank",
                      "推荐排序应从 1 开始，收到 " + std::to_string(*form.recommendation_rank));
    }
    check.bounded("mechanism_note", form.mechanism_note, "长效机制说明",
                  ContentCheck::kMaxTextBytes);
    check.bounded("effectiveness_note", form.effectiveness_note, "作用发挥情况",
                  ContentCheck::kMaxTextBytes);
    check.bounded("street_opinion", form.street_opinion, "街道（乡镇）意见",
                  ContentCheck::kMaxTextBytes);
    check.bounded("district_opinion", form.district_opinion, "区（县）推荐意见",
                  ContentCheck::kMaxTextBytes);
    check.bounded("submitted_at", form.submitted_at, "提交时间");
    check.bounded("street_at", form.street_at, "街道审核时间");
    return check.status();
}

std::string or_blank(const std::string& text, const char* blank = "（未填写）") {
    return text.empty() ? blank : text;
}

void section(PageFlow& flow, const std::string& heading) {
    const TextStyle style = heading_style(13);
    // A heading keeps at least a few lines of its section with it.
    flow.keep(measure_paragraph(flow.measure(), heading, flow.width(), style) + 70);
    flow.space(12);
    flow.paragraph(heading, style);
    flow.space(6);
}

Table key_value_table() {
    Table table;
    table.header = false;
    table.columns = {{"", 1.65, TextAlign::kLeft, true},
                     {"", 1.8, TextAlign::kLeft, false},
                     {"", 1.65, TextAlign::kLeft, true},
                     {"", 1.8, TextAlign::kLeft, false}};
    table.body = cell_style(11);
    table.head = heading_style(10.5);
    table.padding = 5;
    return table;
}

void basic_facts(PageFlow& flow, const ApplicationForm& form) {
    section(flow, "一、社区基本情况");
    Table table = key_value_table();
    std::string standard = form.standard_name;
    if (form.standard_is_example) standard += "（含示例指标，见页首说明）";
    table.rows = {
        {{"社区名称", form.community_full_name}},
        {{"社区代码", form.community_code, "申报编号", form.application_id}},
        {{"所属区（县）", form.district, "所属街道（乡镇）", form.street}},
        {{"现有星级", form.current_star == 0 ? "无" : star_words(form.current_star), "申报星级",
          star_words(form.target_star) + "  " + star_marks(form.target_star)}},
        {{"可申报星级", star_words(form.eligible_star) + "（按自评达标指标测算）", "提交时间",
          or_blank(form.submitted_at, "（未提交）")}},
        {{"认定批次", form.round_name}},
        {{"认定标准", standard}},
    };
    flow.table(table);
}

void indicators(PageFlow& flow, const ApplicationForm& form) {
    section(flow, "二、指标自评情况");
    const auto claimed = std::count_if(form.indicators.begin(), form.indicators.end(),
                                       [](const FormIndicator& i) { return i.claimed; });
    const auto claimed_constraint =
        std::count_if(form.indicators.begin(), form.indicators.end(),
                      [](const FormIndicator& i) { return i.claimed && i.constraint; });
    TextStyle summary = body_style(12);
    summary.first_line_indent = 24;
    flow.paragraph("本表列出认定标准的全部指标 " + std::to_string(form.indicators.size()) +
                       " 项，社区自评达标 " + std::to_string(claimed) + " 项，其中约束性指标 " +
                       std::to_string(claimed_constraint) +
                       " 项。自评达标的指标须附佐证材料，以评估小组核验结果为准。",
                   summary);
    flow.space(6);

    Table table;
    table.columns = {{"序号", 0.6, TextAlign::kCenter},   {"指标代码", 1.1, TextAlign::kCenter},
                     {"一级类别", 1.5, TextAlign::kLeft}, {"指标内容", 4.0, TextAlign::kLeft},
                     {"性质", 0.9, TextAlign::kCenter},   {"自评", 0.9, TextAlign::kCenter}};
    table.body = cell_style(10);
    table.head = heading_style(10);
    int number = 0;
    for (const auto& indicator : form.indicators) {
        std::string content = indicator.name;
        for (std::size_t i = 0; i < indicator.evidence.size(); ++i) {
            content += (i == 0 ? "\n佐证材料：" : "、") + indicator.evidence[i];
        }
        table.rows.push_back(
            {{std::to_string(++number), indicator.code, indicator.category, content,
              indicator.constraint ? "约束性" : "—", indicator.claimed ? "√ 达标" : "未达标"}});
    }
    flow.table(table);
}

void mechanism(PageFlow& flow, const ApplicationForm& form) {
    section(flow, "三、长效机制与作用发挥情况");
    Table table = key_value_table();
    std::string mechanism = form.mechanism ? "已建立信息资源更新长效机制" : "未建立长效机制";
    if (!form.mechanism_note.empty()) mechanism += "\n" + form.mechanism_note;
    table.rows = {
        {{"长效机制", mechanism}},
        {{"作用发挥情况", or_blank(form.effectiveness_note)}},
    };
    flow.table(table);
}

void opinions(PageFlow& flow, const ApplicationForm& form) {
    section(flow, "四、街道（乡镇）及区（县）审核意见");
    Table table;
    // Wide enough for the longest department, 区信息化主管部门 (8 characters at 10.5 pt), on one
    // line: at 1.7 it wrapped its last two characters.
    table.columns = {{"审核单位", 2.1, TextAlign::kCenter},
                     {"审核结论及意见", 3.5, TextAlign::kLeft},
                     {"经办人", 1.1, TextAlign::kCenter},
                     {"审核时间", 1.8, TextAlign::kCenter}};
    table.body = cell_style(10.5);
    table.head = heading_style(10.5);
    table.rows.push_back(
        {{"街道（乡镇）\n" + form.street, or_blank(form.street_opinion, "（尚未审核）"), "—",
          or_blank(form.street_at, "—")}});
    for (const auto& review : form.reviews) {
        std::string text = review.decision;
        if (!review.opinion.empty()) text += (text.empty() ? "" : "。") + review.opinion;
        table.rows.push_back({{review.department, or_blank(text, "（尚未审核）"),
                               or_blank(review.username, "—"), or_blank(review.at, "—")}});
    }
    if (form.reviews.empty()) table.rows.push_back({{"区（县）三部门", "（尚未审核）"}});
    flow.table(table);
}

void recommendation(PageFlow& flow, const ApplicationForm& form) {
    section(flow, "五、区（县）推荐意见");
    Table table = key_value_table();
    const std::string rank =
        form.recommendation_rank
            ? "本区（县）推荐名单第 " + std::to_string(*form.recommendation_rank) + " 位"
            : "未列入推荐名单";
    table.rows = {
        {{"推荐排序", rank}},
        {{"推荐意见", or_blank(form.district_opinion)}},
    };
    flow.table(table);

    // Room for the stamps of the paper copy (盖章).
    TextStyle stamp = body_style(12);
    stamp.justify = false;
    stamp.align = TextAlign::kRight;
    flow.space(28);
    flow.paragraph(form.district + "社会办（盖章）\n\n年　　月　　日", stamp, 0, 36);
}

PageFlow lay_out(const ApplicationForm& form) {
    PageGeometry geometry;
    geometry.top = form.standard_is_example ? 112 : 92;
    PageFlow flow(geometry);
    add_title(flow, "北京市星级智慧社区申报表", 22, 10);
    TextStyle round = body_style(13);
    round.align = TextAlign::kCenter;
    round.justify = false;
    flow.paragraph(form.round_name, round);
    flow.space(8);
    basic_facts(flow, form);
    indicators(flow, form);
    mechanism(flow, form);
    opinions(flow, form);
    recommendation(flow, form);
    return flow;
}

/// The band above the body: the application id, the copy's addressee and, for a standard of
/// example indicators, the notice; and the page number below it.
PageFurniture furniture(const ApplicationForm& form) {
    return [&form](cairo_t* cr, const PageGeometry& geometry, const PageStamp& stamp) {
        const double width = geometry.body_width();
        const double y = 42;
        TextStyle left = heading_style(10);
        left.weight = FontWeight::kRegular;
        left.color = kInkSoft;
        draw_paragraph(cr, "申报编号：" + form.application_id, geometry.left, y + 2, width, left);
        TextStyle copy = heading_style(12);
        copy.align = TextAlign::kRight;
        copy.color = kOfficialRed;
        const std::string addressee = "报送：" + form.copies[stamp.part] + "（第" +
                                      std::to_string(stamp.part + 1) + "份，共" +
                                      std::to_string(form.copies.size()) + "份）";
        draw_paragraph(cr, addressee, geometry.left, y, width, copy);
        if (form.standard_is_example) {
            TextStyle notice = heading_style(9.5);
            notice.align = TextAlign::kCenter;
            notice.color = kOfficialRed;
            const double top = y + 26;
            const double height = measure_paragraph(cr, kExampleStandardNotice, width - 16, notice);
            cairo_save(cr);
            set_source(cr, kOfficialRed);
            cairo_set_line_width(cr, 0.8);
            cairo_rectangle(cr, geometry.left, top, width, height + 8);
            cairo_stroke(cr);
            cairo_restore(cr);
            draw_paragraph(cr, kExampleStandardNotice, geometry.left + 8, top + 4, width - 16,
                           notice);
        }
        draw_page_of_total(cr, geometry, stamp,
                           form.community_full_name + " · 北京市星级智慧社区申报表");
    };
}

}  // namespace

Result<std::string> render_application_form_pdf(const ApplicationForm& form) {
    RETURN_IF_ERROR(validate(form));
    const PageFlow flow = lay_out(form);
    // The three copies are the same pages with a different addressee in the band.
    std::vector<PdfPart> parts;
    for (std::size_t copy = 0; copy < form.copies.size(); ++copy) {
        parts.push_back({&flow, furniture(form)});
    }
    PdfInfo info;
    info.title = "北京市星级智慧社区申报表 · " + form.community_full_name;
    info.author = form.community_full_name;
    info.subject = form.round_name + " · 申报编号 " + form.application_id;
    info.keywords = "第十四条 申报表 一式" + std::to_string(form.copies.size()) + "份";
    return write_pdf(info, parts);
}

}  // namespace hx::render

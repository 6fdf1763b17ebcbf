#pragma once
/// The documents of the workflow, as PDF (A4, the look of a Chinese government document) and one
/// XLSX: the application form in three copies (第十四条2), a district's ranked recommendation list
/// (第十四条2), the commendation notice (第十五条) and the annual spot-check bulletin (第十九条).
/// docs/documents.md shows each.
///
/// Renderers only: the structs below are plain data, filled by whoever maps the domain to them;
/// every text is printed as given. Blocking work (call from a worker thread); safe on several
/// threads at once. Errors: Error::invalid("document_invalid", Chinese message, the field) when
/// the content cannot make the document (a list with no entries, a star outside 1–5, a missing
/// name…); Error::internal when cairo or libxlsxwriter fails.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hx::render {

// ---- 1. 第十四条2: 推荐的智慧社区申报表一式三份，分别报市社会办、市经济信息化委、市民政局
// -----------

struct FormIndicator {
    std::string code;
    std::string name;
    std::string category;     // 一级 category name
    bool constraint = false;  // 约束性指标
    bool claimed = false;     // the community says it meets this indicator
    std::vector<std::string> evidence;  // the file names of its evidence (佐证材料)
};

/// The review of one district department: 区社会办 / 区信息化主管部门 / 区民政局.
struct FormReview {
    std::string department;
    std::string decision;  // 同意 / 不同意, as the caller words it
    std::string opinion;
    std::string username;
    std::string at;  // 2026-11-02 10:15
};

struct ApplicationForm {
    std::string round_name;  // 2026年度北京市星级智慧社区认定（年度认定）
    std::string community_full_name;  // 北京市东城区东华门街道多福巷社区
    std::string community_code;
    std::string district;
    std::string street;
    int current_star = 0;
    int target_star = 0;
    int eligible_star = 0;
    std::string standard_name;  // 北京市智慧社区指导标准（试行） 第1版
    /// The standard holds example indicators (provenance "example"): every page says so.
    bool standard_is_example = false;
    std::vector<FormIndicator> indicators;
    bool mechanism = false;  // 长效机制
    std::string mechanism_note;
    std::string effectiveness_note;  // 作用发挥情况
    std::string submitted_at;        // 2026-10-20 14:03
    std::string street_opinion;      // 街道（乡镇）意见
    std::string street_at;
    std::vector<FormReview> reviews;  // the three district departments
    std::optional<int> recommendation_rank;
    std::string district_opinion;
    std::string application_id;  // printed as 申报编号
    /// One copy each; every page of a copy says "报送：X（第N份，共3份）".
    std::vector<std::string> copies = {"市社会办", "市经济信息化委", "市民政局"};
};

/// The notice printed on every page of a form whose standard holds example indicators.
inline constexpr const char* kExampleStandardNotice =
    "本表所列指标除第一类外为示例，并非官方标准原文，仅供演示与测试";

/// The copies one after another, each numbered from its own first page.
Result<std::string> render_application_form_pdf(const ApplicationForm& form);

// ---- 2. A district's recommendation list (推荐名单) for a round, ranked (第十四条2 优中选优)
// ------

struct RecommendationEntry {
    int rank = 0;  // 1 = first; unique in the list
    std::string community;
    std::string community_code;
    std::string street;
    int target_star = 0;
    int eligible_star = 0;
    std::string reviews;  // 三部门均同意
};

struct RecommendationList {
    std::string round_name;
    std::string district;
    std::string district_code;
    std::string generated_at;
    std::vector<RecommendationEntry> entries;  // printed by rank, whatever the order here
    std::vector<std::string> receipts;         // 市社会办 已于 2026-11-16 签收
};

Result<std::string> render_recommendation_list_pdf(const RecommendationList& list);
/// One sheet 推荐名单 (Chinese headers, frozen header row, codes as text) and one sheet 报送签收.
Result<std::string> render_recommendation_list_xlsx(const RecommendationList& list);

// ---- 3. 第十五条: the commendation notice 通报表彰, in the name of the three city departments
// ------

struct CommendationEntry {
    std::string district;
    std::string street;
    std::string community;
    int star = 0;  // 1..5
    std::string serial;
};

struct CommendationNotice {
    int year = 0;
    std::string round_name;
    std::string document_number;  // 京社办发〔2026〕12号 — supplied by the caller
    std::string issued_on;        // 2026年11月23日
    std::vector<std::string>
        issuers;  // 北京市社会建设工作办公室, 北京市经济和信息化委员会, 北京市民政局
    std::vector<CommendationEntry> entries;  // printed by star (highest first), then district
    std::string verify_url_base;             // https://…/public/verify/
};

Result<std::string> render_commendation_pdf(const CommendationNotice& notice);

// ---- 4. 第十九条: the annual spot-check bulletin (年度抽查情况通报)
// --------------------------------

struct BulletinEntry {
    std::string district;
    std::string community;
    std::string serial;
    int star = 0;
    bool passed = false;
    std::string findings;
    std::string action;  // 限期整改 / 撤销称号 / 无
};

struct SpotCheckBulletin {
    int year = 0;
    std::string title;
    std::string document_number;
    std::string issued_on;
    std::vector<std::string> issuers;
    std::string summary;
    std::vector<BulletinEntry> entries;  // printed in the order given
};

Result<std::string> render_spot_check_bulletin_pdf(const SpotCheckBulletin& bulletin);

}  // namespace hx::render

#pragma once
/// Daily management after naming (第十六–二十条): each certified community's yearly work report
/// (第十八条), the annual spot check (第十九条) and the rectification that a sanction may demand
/// (第二十条), with the configurable ladder of sanctions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/notice/notice.hpp"

namespace hx::supervision {

enum class ReportState { kDraft, kSubmitted, kAccepted, kReturned };
const char* to_string(ReportState state);
std::optional<ReportState> parse_report_state(std::string_view text);
const char* report_state_label(ReportState state);  // 草稿 / 已报送 / 已通过 / 已退回

/// The city's filing deadline of a year's reports.
struct ReportCampaign {
    int year = 0;
    Timestamp deadline;
    std::string set_by;
    Timestamp set_at;
};

/// 第十八条: 年度智慧社区工作总结和下年度智慧社区工作计划, with a few figures the city sums.
struct AnnualReport {
    std::int64_t id = 0;
    int year = 0;
    std::string community_code;
    std::string serial;  // the certification held when the report was begun
    std::string summary;
    std::string plan;
    std::int64_t residents_served = 0;  // 服务居民人次
    std::int64_t services_online = 0;   // 在线服务事项数
    std::int64_t investment = 0;        // 投入资金（万元）
    ReportState state = ReportState::kDraft;
    std::optional<Timestamp> submitted_at;
    std::string reviewed_by;
    std::optional<Timestamp> reviewed_at;
    std::string review_opinion;
    Timestamp updated_at;
};

/// 第二十条 限期整改: what the community did, for the city to accept or return.
struct RectificationReport {
    std::int64_t id = 0;
    std::string serial;
    std::int64_t sanction_id = 0;
    std::string content;
    ReportState state = ReportState::kSubmitted;
    std::string submitted_by;
    Timestamp submitted_at;
    std::string reviewed_by;
    std::optional<Timestamp> reviewed_at;
    std::string review_opinion;
};

enum class FileOwner { kAnnualReport, kRectificationReport, kAnnualCheck };
const char* to_string(FileOwner owner);

struct Attachment {
    std::int64_t id = 0;
    FileOwner owner_kind = FileOwner::kAnnualReport;
    std::int64_t owner_id = 0;
    std::string sha256;
    std::int64_t size = 0;
    std::string content_type;
    std::string file_name;
    std::string uploaded_by;
    Timestamp uploaded_at;
};

/// 第十九条: a year's spot check, drawn from a committed seed as the notice's spot checks are.
struct AnnualCheck {
    int year = 0;
    notice::Commitment draw;  // round_id is unused; the year names the campaign
    std::string published_by;
    std::optional<Timestamp> published_at;
};

struct AnnualCheckItem {
    std::int64_t id = 0;
    int year = 0;
    std::string serial;
    std::string community_code;
    std::string community_name;
    std::string district_code;
    std::vector<std::string> inspectors;
    std::optional<bool> passed;
    std::string findings;
    std::optional<certifications::SanctionKind> action;  // what the finding led to
    std::string recorded_by;
    std::optional<Timestamp> recorded_at;
};

class SupervisionRepository {
public:
    virtual ~SupervisionRepository() = default;

    virtual Status put_campaign(const ReportCampaign& campaign) = 0;
    virtual Result<std::optional<ReportCampaign>> campaign(int year) = 0;
    /// kAlreadyExists when the community already has a report of the year.
    virtual Result<std::int64_t> insert_report(const AnnualReport& report) = 0;
    virtual Status update_report(const AnnualReport& report) = 0;
    virtual Result<std::optional<AnnualReport>> find_report(std::int64_t id) = 0;
    virtual Result<std::optional<AnnualReport>> report_of(int year, const std::string& community_code) = 0;
    /// Every report of the year within a division-code scope prefix.
    virtual Result<std::vector<AnnualReport>> reports(int year, const std::string& scope) = 0;

    virtual Result<std::int64_t> insert_rectification(const RectificationReport& report) = 0;
    virtual Status update_rectification(const RectificationReport& report) = 0;
    virtual Result<std::optional<RectificationReport>> find_rectification(std::int64_t id) = 0;
    virtual Result<std::vector<RectificationReport>> rectifications(const std::string& serial) = 0;

    virtual Result<std::int64_t> add_attachment(const Attachment& attachment) = 0;
    virtual Result<std::vector<Attachment>> attachments(FileOwner owner, std::int64_t owner_id) = 0;

    /// kAlreadyExists (as `annual_check_exists`) for a second campaign of a year.
    virtual Status insert_check(const AnnualCheck& check) = 0;
    virtual Status update_check(const AnnualCheck& check) = 0;
    virtual Result<std::optional<AnnualCheck>> check(int year) = 0;
    virtual Result<std::vector<AnnualCheck>> checks() = 0;  // newest year first
    virtual Result<std::int64_t> add_check_item(const AnnualCheckItem& item) = 0;
    virtual Status update_check_item(const AnnualCheckItem& item) = 0;
    virtual Result<std::optional<AnnualCheckItem>> find_check_item(std::int64_t id) = 0;
    virtual Result<std::vector<AnnualCheckItem>> check_items(int year) = 0;
};

}  // namespace hx::supervision

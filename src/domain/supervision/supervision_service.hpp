#pragma once
/// The use cases of daily management (第十八–二十条). Checks run in the order of DESIGN.md §3:
/// the request (400), the role (403), the object and scope (404), its state (409), the rules
/// (422). Every change is audited in its own transaction.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/applications/application.hpp"
#include "domain/certifications/certification_service.hpp"
#include "domain/identity/user.hpp"
#include "domain/store.hpp"
#include "domain/supervision/supervision.hpp"

namespace hx::supervision {

struct ReportRequest {
    std::string summary;
    std::string plan;
    std::int64_t residents_served = 0;
    std::int64_t services_online = 0;
    std::int64_t investment = 0;
};

/// One community's report of a year as it and the city see it.
struct ReportView {
    std::optional<ReportCampaign> campaign;
    std::optional<AnnualReport> report;  // none until the community begins it
    std::vector<Attachment> attachments;
    std::string serial;  // the certification the report is for
    bool overdue = false;
};

/// A line of the city's list: every community holding an active certification, with its
/// report (if any) and whether it is overdue.
struct ReportRow {
    std::string community_code;
    std::string community_name;
    std::string district_code;
    std::string district;
    std::string serial;
    int star = 0;
    std::optional<AnnualReport> report;
    bool overdue = false;
};

struct ReportList {
    int year = 0;
    std::optional<ReportCampaign> campaign;
    std::vector<ReportRow> rows;
    std::int64_t submitted = 0;
    std::int64_t accepted = 0;
    std::int64_t overdue = 0;
};

/// A certification under rectification with its reports; `revocation_proposed` once the
/// deadline passed without an accepted report (第二十条: the city then decides on revocation).
struct RectificationCase {
    certifications::Certification certification;
    certifications::Sanction sanction;
    std::vector<RectificationReport> reports;
    bool overdue = false;
    bool revocation_proposed = false;
    /// The evidence of each report (report id → its attachments), for the city's review.
    std::map<std::int64_t, std::vector<Attachment>> attachments;
};

struct CheckResult {
    bool passed = false;
    std::string findings;
    /// What a failed check leads to (第十九–二十条): a sanction under the city's ladder.
    std::optional<certifications::SanctionRequest> sanction;
};

/// A published annual check as the public sees it.
struct PublicCheck {
    AnnualCheck check;
    std::vector<AnnualCheckItem> items;
    /// The certification of each item, in the same order (district name, star).
    std::vector<certifications::Certification> certifications;
};

inline constexpr std::size_t kMaxReportChars = 20'000;
inline constexpr std::size_t kMaxAttachmentBytes = 20 * 1024 * 1024;
inline constexpr std::size_t kMaxAttachments = 30;

class SupervisionService {
public:
    SupervisionService(Store& store, applications::FileStore& files, const Clock& clock)
        : store_(store), files_(files), clock_(clock) {}

    // 第十八条 annual reports.
    Result<ReportCampaign> set_report_deadline(const identity::Actor& actor, int year, Timestamp deadline);
    Result<ReportList> report_list(const identity::Actor& actor, int year);
    Result<ReportView> my_report(const identity::Actor& actor, int year);
    Result<ReportView> save_report(const identity::Actor& actor, int year, const ReportRequest& request);
    Result<ReportView> submit_report(const identity::Actor& actor, int year);
    Result<Attachment> add_report_attachment(const identity::Actor& actor, int year, const std::string& file_name,
                                             const std::string& bytes);
    Result<AnnualReport> review_report(const identity::Actor& actor, std::int64_t report_id, bool accept,
                                       const std::string& opinion);

    // 第二十条 rectification.
    Result<RectificationReport> file_rectification(const identity::Actor& actor, const std::string& serial,
                                                   const std::string& content);
    Result<Attachment> add_rectification_attachment(const identity::Actor& actor, std::int64_t report_id,
                                                    const std::string& file_name, const std::string& bytes);
    Result<RectificationReport> review_rectification(const identity::Actor& actor, std::int64_t report_id, bool accept,
                                                     const std::string& opinion);
    /// Every certification under rectification the caller may see (the city: all; a community:
    /// its own), overdue ones marked as proposed for revocation.
    Result<std::vector<RectificationCase>> rectifications(const identity::Actor& actor);

    // 第十九条 annual spot checks.
    Result<AnnualCheck> commit_check(const identity::Actor& actor, int year, const std::string& seed_sha256);
    Result<std::vector<AnnualCheckItem>> draw_check(const identity::Actor& actor, int year,
                                                    const notice::DrawRequest& request);
    Result<std::vector<AnnualCheckItem>> check_items(const identity::Actor& actor, int year);
    Result<AnnualCheckItem> record_check(const identity::Actor& actor, std::int64_t item_id, const CheckResult& result);
    /// 通报: 409 until every drawn community has a result.
    Result<PublicCheck> publish_check(const identity::Actor& actor, int year);
    Result<PublicCheck> public_check(int year);
    Result<std::vector<AnnualCheck>> published_checks();

    /// The bytes of an attachment of a report the caller may see.
    Result<std::pair<Attachment, std::string>> attachment_file(const identity::Actor& actor, FileOwner owner,
                                                               std::int64_t owner_id, std::int64_t attachment_id);

private:
    Result<Attachment> attach(const identity::Actor& actor, FileOwner owner, std::int64_t owner_id,
                              const std::string& file_name, const std::string& bytes,
                              const std::function<Status(Repositories&)>& check);

    Store& store_;
    applications::FileStore& files_;
    const Clock& clock_;
};

}  // namespace hx::supervision

#include "domain/supervision/supervision_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "core/sha256.hpp"
#include "domain/applications/evidence_type.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_repository.hpp"
#include "domain/regions/region_repository.hpp"

namespace hx::supervision {

namespace {

using certifications::Certification;
using certifications::CertificationStatus;
using identity::Role;

constexpr std::int64_t kAllCertifications = 10'000;

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

Status require_city_social(const identity::Actor& actor, const char* what) {
    if (actor.role == Role::kCitySocial) return ok();
    return fail(Error::forbidden(std::string("只有市社会办可以") + what));
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

/// The community's certification in force: the highest active one.
std::optional<Certification> held(const std::vector<Certification>& all) {
    std::optional<Certification> best;
    for (const auto& c : all) {
        if (certifications::active(c.status) && (!best || c.star > best->star)) best = c;
    }
    return best;
}

/// Every community holding an active certification within `scope`, one certification each.
/// With `year`, those that held one at the end of that year instead (24:00 of 31 December,
/// Beijing time): issued before then and not revoked or superseded before then — the
/// communities that owe that year's report (第十八条), whatever happened to them since.
Result<std::vector<Certification>> holders(Repositories& repos, const std::string& scope,
                                           std::optional<int> year = std::nullopt) {
    std::optional<Timestamp> year_end;
    if (year) {
        using namespace std::chrono;
        const sys_days next_new_year{std::chrono::year{*year + 1} / January / 1};
        year_end = time_point_cast<milliseconds>(next_new_year) - hours(8);  // 00:00 +08:00
    }
    const auto counts = [&](const Certification& c) {
        if (!year_end) return certifications::active(c.status);
        return c.issued_at < *year_end && (certifications::active(c.status) || c.status_changed_at >= *year_end);
    };
    ASSIGN_OR_RETURN(auto page, repos.certifications().list({}, {1, kAllCertifications}));
    std::map<std::string, Certification> best;
    for (auto& c : page.items) {
        if (!counts(c) || !starts_with(c.community_code, scope)) continue;
        auto it = best.find(c.community_code);
        if (it == best.end() || c.star > it->second.star) best[c.community_code] = std::move(c);
    }
    std::vector<Certification> out;
    for (auto& [code, c] : best) out.push_back(std::move(c));
    return out;
}

bool overdue(const std::optional<ReportCampaign>& campaign, const std::optional<AnnualReport>& report, Timestamp now) {
    if (!campaign || now <= campaign->deadline) return false;
    return !report || report->state == ReportState::kDraft || report->state == ReportState::kReturned;
}

Status check_report_request(const ReportRequest& r) {
    std::vector<FieldError> problems;
    if (utf8_length(r.summary) > kMaxReportChars) problems.push_back({"summary", "不能超过 20000 字"});
    if (utf8_length(r.plan) > kMaxReportChars) problems.push_back({"plan", "不能超过 20000 字"});
    if (r.residents_served < 0) problems.push_back({"residents_served", "不能为负数"});
    if (r.services_online < 0) problems.push_back({"services_online", "不能为负数"});
    if (r.investment < 0) problems.push_back({"investment", "不能为负数"});
    if (!problems.empty()) return fail(Error::invalid("invalid_request", "年度报告内容有误", problems));
    return ok();
}

std::string report_object(std::int64_t id) { return "annual_report:" + std::to_string(id); }

}  // namespace

// ---- 第十八条 annual reports ---------------------------------------------------------------------

Result<ReportCampaign> SupervisionService::set_report_deadline(const identity::Actor& actor, int year,
                                                                Timestamp deadline) {
    if (year < 2000 || year > 2100) return fail(Error::invalid("invalid_request", "年度无效", {{"year", "应为 2000–2100"}}));
    RETURN_IF_ERROR(require_city_social(actor, "设定年度报告的报送期限"));
    ReportCampaign campaign{year, deadline, actor.username, clock_.now()};
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.supervision().put_campaign(campaign));
        return audit::record(repos, clock_, actor,
                             {"annual_report.deadline", "year:" + std::to_string(year), audit::Outcome::kSuccess,
                              format_rfc3339(deadline)});
    }));
    return campaign;
}

Result<ReportList> SupervisionService::report_list(const identity::Actor& actor, int year) {
    if (!identity::is_city_role(actor.role) && !identity::is_district_role(actor.role) && actor.role != Role::kStreet) {
        return fail(Error::forbidden("只有街道、区级和市级部门可以查看年度报告报送情况"));
    }
    ReportList out;
    out.year = year;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out.campaign, repos.supervision().campaign(year));
        ASSIGN_OR_RETURN(auto certified, holders(repos, actor.scope(), year));
        ASSIGN_OR_RETURN(auto reports, repos.supervision().reports(year, actor.scope()));
        std::map<std::string, AnnualReport> by_community;
        for (auto& r : reports) by_community[r.community_code] = std::move(r);
        const auto now = clock_.now();
        for (auto& c : certified) {
            ReportRow row{c.community_code, c.community_name, c.district_code, c.district_name, c.serial, c.star, {}, false};
            if (auto it = by_community.find(c.community_code); it != by_community.end()) row.report = it->second;
            row.overdue = overdue(out.campaign, row.report, now);
            if (row.report && row.report->state == ReportState::kSubmitted) ++out.submitted;
            if (row.report && row.report->state == ReportState::kAccepted) ++out.accepted;
            if (row.overdue) ++out.overdue;
            out.rows.push_back(std::move(row));
        }
        return ok();
    }));
    return out;
}

Result<ReportView> SupervisionService::my_report(const identity::Actor& actor, int year) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("年度报告由社区报送"));
    ReportView out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out.campaign, repos.supervision().campaign(year));
        ASSIGN_OR_RETURN(auto all, repos.certifications().of_community(actor.org_code));
        const auto current = held(all);
        if (current) out.serial = current->serial;
        ASSIGN_OR_RETURN(out.report, repos.supervision().report_of(year, actor.org_code));
        if (out.report) {
            ASSIGN_OR_RETURN(out.attachments, repos.supervision().attachments(FileOwner::kAnnualReport, out.report->id));
            out.serial = out.report->serial;
        }
        if (!current && !out.report) return fail(Error::not_found("本社区没有有效的星级智慧社区称号，无需报送年度报告"));
        return ok();
    }));
    out.overdue = overdue(out.campaign, out.report, clock_.now());
    return out;
}

Result<ReportView> SupervisionService::save_report(const identity::Actor& actor, int year, const ReportRequest& request) {
    RETURN_IF_ERROR(check_report_request(request));
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("年度报告由社区报送"));
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto campaign, repos.supervision().campaign(year));
        if (!campaign) {
            return fail(Error::conflict("campaign_missing", std::to_string(year) + " 年度报告尚未开始报送（市级部门未设定期限）"));
        }
        ASSIGN_OR_RETURN(auto report, repos.supervision().report_of(year, actor.org_code));
        const auto now = clock_.now();
        if (!report) {
            ASSIGN_OR_RETURN(auto all, repos.certifications().of_community(actor.org_code));
            const auto current = held(all);
            if (!current) return fail(Error::rule("not_certified", "本社区没有有效的星级智慧社区称号，无需报送年度报告"));
            AnnualReport fresh;
            fresh.year = year;
            fresh.community_code = actor.org_code;
            fresh.serial = current->serial;
            report = fresh;
        } else if (report->state != ReportState::kDraft && report->state != ReportState::kReturned) {
            return fail(Error::conflict("wrong_state", std::string("年度报告当前为“") + report_state_label(report->state) +
                                                           "”，不能修改"));
        }
        report->summary = request.summary;
        report->plan = request.plan;
        report->residents_served = request.residents_served;
        report->services_online = request.services_online;
        report->investment = request.investment;
        report->updated_at = now;
        if (report->id == 0) {
            ASSIGN_OR_RETURN(report->id, repos.supervision().insert_report(*report));
        } else {
            RETURN_IF_ERROR(repos.supervision().update_report(*report));
        }
        return audit::record(repos, clock_, actor, {"annual_report.save", report_object(report->id), audit::Outcome::kSuccess, ""});
    }));
    return my_report(actor, year);
}

Result<ReportView> SupervisionService::submit_report(const identity::Actor& actor, int year) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("年度报告由社区报送"));
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto report, repos.supervision().report_of(year, actor.org_code));
        if (!report) return fail(Error::not_found("尚未填写 " + std::to_string(year) + " 年度报告"));
        if (report->state != ReportState::kDraft && report->state != ReportState::kReturned) {
            return fail(Error::conflict("wrong_state", std::string("年度报告当前为“") + report_state_label(report->state) +
                                                           "”，不能再报送"));
        }
        std::vector<FieldError> missing;
        if (blank(report->summary)) missing.push_back({"summary", "请填写年度工作总结"});
        if (blank(report->plan)) missing.push_back({"plan", "请填写下年度工作计划"});
        if (!missing.empty()) {
            return fail(Error(ErrorCode::kRuleViolation, "report_incomplete", "年度报告须包括工作总结和下年度工作计划（第十八条）",
                              missing));
        }
        const auto now = clock_.now();
        report->state = ReportState::kSubmitted;
        report->submitted_at = now;
        report->updated_at = now;
        RETURN_IF_ERROR(repos.supervision().update_report(*report));
        return audit::record(repos, clock_, actor,
                             {"annual_report.submit", report_object(report->id), audit::Outcome::kSuccess, ""});
    }));
    return my_report(actor, year);
}

Result<AnnualReport> SupervisionService::review_report(const identity::Actor& actor, std::int64_t report_id, bool accept,
                                                       const std::string& opinion) {
    if (!accept && blank(opinion)) {
        return fail(Error::invalid("invalid_request", "退回时请写明修改意见", {{"opinion", "请填写修改意见"}}));
    }
    RETURN_IF_ERROR(require_city_social(actor, "审核年度报告"));
    AnnualReport out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto report, repos.supervision().find_report(report_id));
        if (!report) return fail(Error::not_found("年度报告不存在"));
        if (report->state != ReportState::kSubmitted) {
            return fail(Error::conflict("wrong_state", std::string("年度报告当前为“") + report_state_label(report->state) +
                                                           "”，不能审核"));
        }
        const auto now = clock_.now();
        report->state = accept ? ReportState::kAccepted : ReportState::kReturned;
        report->reviewed_by = actor.username;
        report->reviewed_at = now;
        report->review_opinion = opinion;
        report->updated_at = now;
        RETURN_IF_ERROR(repos.supervision().update_report(*report));
        out = *report;
        return audit::record(repos, clock_, actor,
                             {accept ? "annual_report.accept" : "annual_report.return", report_object(report_id),
                              audit::Outcome::kSuccess, opinion.substr(0, 200)});
    }));
    return out;
}

Result<Attachment> SupervisionService::attach(const identity::Actor& actor, FileOwner owner, std::int64_t owner_id,
                                              const std::string& file_name, const std::string& bytes,
                                              const std::function<Status(Repositories&)>& check) {
    if (bytes.size() > kMaxAttachmentBytes) return fail(Error(ErrorCode::kTooLarge, "too_large", "单个附件不能超过 20 MB"));
    const auto type = applications::sniff_evidence_type(bytes);
    if (!type) {
        return fail(Error::invalid("unsupported_file_type", "只接受 PDF、PNG 或 JPEG 格式的附件（按文件内容判断）",
                                   {{"file", "文件 '" + file_name + "' 不是可接受的 PDF、PNG 或 JPEG"}}));
    }
    // The bytes are written and synced before the transaction that references them commits.
    ASSIGN_OR_RETURN(auto sha256, files_.put(bytes));
    Attachment attachment{0, owner, owner_id, sha256, static_cast<std::int64_t>(bytes.size()), type->content_type,
                          file_name.substr(0, 200), actor.username, clock_.now()};
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(check(repos));
        ASSIGN_OR_RETURN(auto existing, repos.supervision().attachments(owner, owner_id));
        if (existing.size() >= kMaxAttachments) {
            return fail(Error(ErrorCode::kTooLarge, "too_many_files", "每份报告最多上传 30 个附件"));
        }
        attachment.uploaded_at = clock_.now();
        ASSIGN_OR_RETURN(attachment.id, repos.supervision().add_attachment(attachment));
        return audit::record(repos, clock_, actor,
                             {"supervision.attachment", std::string(to_string(owner)) + ":" + std::to_string(owner_id),
                              audit::Outcome::kSuccess, sha256});
    }));
    return attachment;
}

Result<Attachment> SupervisionService::add_report_attachment(const identity::Actor& actor, int year,
                                                             const std::string& file_name, const std::string& bytes) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("年度报告由社区报送"));
    ASSIGN_OR_RETURN(auto view, my_report(actor, year));
    if (!view.report) return fail(Error::conflict("report_missing", "请先保存年度报告，再上传附件"));
    const auto id = view.report->id;
    return attach(actor, FileOwner::kAnnualReport, id, file_name, bytes, [&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto report, repos.supervision().find_report(id));
        if (!report || (report->state != ReportState::kDraft && report->state != ReportState::kReturned)) {
            return fail(Error::conflict("wrong_state", "年度报告已报送，不能再添加附件"));
        }
        return ok();
    });
}

// ---- 第二十条 rectification ----------------------------------------------------------------------

Result<RectificationReport> SupervisionService::file_rectification(const identity::Actor& actor, const std::string& serial,
                                                                   const std::string& content) {
    if (blank(content) || utf8_length(content) > kMaxReportChars) {
        return fail(Error::invalid("invalid_request", "请填写整改情况（不超过 20000 字）", {{"content", "请填写整改情况"}}));
    }
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("整改报告由被处理的社区报送"));
    RectificationReport out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto certification, repos.certifications().find(serial));
        if (!certification || certification->community_code != actor.org_code) {
            return fail(Error::not_found("证书 " + serial + " 不存在或不属于本社区"));
        }
        if (certification->status != CertificationStatus::kUnderRectification) {
            return fail(Error::conflict("wrong_state", std::string("证书当前状态为“") +
                                                           certifications::status_label(certification->status) +
                                                           "”，无需报送整改报告"));
        }
        ASSIGN_OR_RETURN(auto sanctions, repos.certifications().sanctions(serial));
        const auto last = std::find_if(sanctions.rbegin(), sanctions.rend(), [](const certifications::Sanction& s) {
            return s.kind == certifications::SanctionKind::kRectification;
        });
        if (last == sanctions.rend()) return fail(Error::internal("under rectification without a rectification sanction"));
        ASSIGN_OR_RETURN(auto reports, repos.supervision().rectifications(serial));
        if (std::any_of(reports.begin(), reports.end(), [&](const RectificationReport& r) {
                return r.sanction_id == last->id && r.state == ReportState::kSubmitted;
            })) {
            return fail(Error::conflict("report_pending", "已报送的整改报告尚待审核"));
        }
        out = {0, serial, last->id, content, ReportState::kSubmitted, actor.username, clock_.now(), "", std::nullopt, ""};
        ASSIGN_OR_RETURN(out.id, repos.supervision().insert_rectification(out));
        return audit::record(repos, clock_, actor,
                             {"rectification.file", "certification:" + serial, audit::Outcome::kSuccess,
                              "report " + std::to_string(out.id)});
    }));
    return out;
}

Result<Attachment> SupervisionService::add_rectification_attachment(const identity::Actor& actor, std::int64_t report_id,
                                                                    const std::string& file_name,
                                                                    const std::string& bytes) {
    if (actor.role != Role::kCommunity) return fail(Error::forbidden("整改报告由被处理的社区报送"));
    return attach(actor, FileOwner::kRectificationReport, report_id, file_name, bytes,
                  [&](Repositories& repos) -> Status {
                      ASSIGN_OR_RETURN(auto report, repos.supervision().find_rectification(report_id));
                      if (!report) return fail(Error::not_found("整改报告不存在"));
                      ASSIGN_OR_RETURN(auto certification, repos.certifications().find(report->serial));
                      if (!certification || certification->community_code != actor.org_code) {
                          return fail(Error::not_found("整改报告不存在"));
                      }
                      if (report->state != ReportState::kSubmitted) {
                          return fail(Error::conflict("wrong_state", "整改报告已审核，不能再添加附件"));
                      }
                      return ok();
                  });
}

Result<RectificationReport> SupervisionService::review_rectification(const identity::Actor& actor,
                                                                     std::int64_t report_id, bool accept,
                                                                     const std::string& opinion) {
    if (blank(opinion)) return fail(Error::invalid("invalid_request", "请写明审核意见", {{"opinion", "请填写审核意见"}}));
    RETURN_IF_ERROR(require_city_social(actor, "审核整改报告"));
    RectificationReport out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto report, repos.supervision().find_rectification(report_id));
        if (!report) return fail(Error::not_found("整改报告不存在"));
        if (report->state != ReportState::kSubmitted) return fail(Error::conflict("wrong_state", "该整改报告已经审核"));
        ASSIGN_OR_RETURN(auto certification, repos.certifications().find(report->serial));
        if (!certification) return fail(Error::internal("rectification report without certification"));
        if (accept && certification->status != CertificationStatus::kUnderRectification) {
            return fail(Error::conflict("wrong_state", std::string("证书当前状态为“") +
                                                           certifications::status_label(certification->status) +
                                                           "”，不能通过整改"));
        }
        const auto now = clock_.now();
        report->state = accept ? ReportState::kAccepted : ReportState::kReturned;
        report->reviewed_by = actor.username;
        report->reviewed_at = now;
        report->review_opinion = opinion;
        RETURN_IF_ERROR(repos.supervision().update_rectification(*report));
        // 第二十条: the rectification accepted, the title is in force again at once.
        if (accept) {
            RETURN_IF_ERROR(repos.certifications().set_status(report->serial, CertificationStatus::kValid, "", now));
        }
        out = *report;
        return audit::record(repos, clock_, actor,
                             {accept ? "rectification.accept" : "rectification.return", "certification:" + report->serial,
                              audit::Outcome::kSuccess, opinion.substr(0, 200)});
    }));
    return out;
}

Result<std::vector<RectificationCase>> SupervisionService::rectifications(const identity::Actor& actor) {
    if (!identity::is_city_role(actor.role) && !identity::is_district_role(actor.role) && actor.role != Role::kCommunity) {
        return fail(Error::forbidden("只有被处理的社区和区级、市级部门可以查看整改情况"));
    }
    std::vector<RectificationCase> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        certifications::CertificationFilter filter;
        filter.status = CertificationStatus::kUnderRectification;
        ASSIGN_OR_RETURN(auto page, repos.certifications().list(filter, {1, kAllCertifications}));
        const auto now = clock_.now();
        for (auto& c : page.items) {
            if (!starts_with(c.community_code, actor.scope())) continue;
            ASSIGN_OR_RETURN(auto sanctions, repos.certifications().sanctions(c.serial));
            const auto last = std::find_if(sanctions.rbegin(), sanctions.rend(), [](const certifications::Sanction& s) {
                return s.kind == certifications::SanctionKind::kRectification;
            });
            if (last == sanctions.rend()) continue;
            RectificationCase one{c, *last, {}, false, false, {}};
            ASSIGN_OR_RETURN(auto reports, repos.supervision().rectifications(c.serial));
            for (auto& r : reports) {
                if (r.sanction_id != last->id) continue;
                ASSIGN_OR_RETURN(one.attachments[r.id],
                                 repos.supervision().attachments(FileOwner::kRectificationReport, r.id));
                one.reports.push_back(std::move(r));
            }
            one.overdue = last->deadline && now > *last->deadline;
            // Past the deadline with nothing accepted: the city is to decide on revocation.
            one.revocation_proposed = one.overdue;
            out.push_back(std::move(one));
        }
        return ok();
    }));
    return out;
}

// ---- 第十九条 annual spot checks -----------------------------------------------------------------

Result<AnnualCheck> SupervisionService::commit_check(const identity::Actor& actor, int year,
                                                     const std::string& seed_sha256) {
    const auto digest = normalize_sha256_hex(seed_sha256);
    if (!digest) {
        return fail(Error::invalid("invalid_request", "seed_sha256 应为 64 位十六进制的 SHA-256 摘要",
                                   {{"seed_sha256", "不是 SHA-256 摘要"}}));
    }
    if (year < 2000 || year > 2100) return fail(Error::invalid("invalid_request", "年度无效", {{"year", "应为 2000–2100"}}));
    RETURN_IF_ERROR(require_city_social(actor, "发布年度抽查的种子承诺"));
    AnnualCheck check;
    check.year = year;
    check.draw.seed_sha256 = *digest;
    check.draw.committed_by = actor.username;
    check.draw.committed_at = clock_.now();
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.supervision().insert_check(check));
        return audit::record(repos, clock_, actor,
                             {"annual_check.commit", "year:" + std::to_string(year), audit::Outcome::kSuccess,
                              check.draw.seed_sha256});
    }));
    return check;
}

Result<std::vector<AnnualCheckItem>> SupervisionService::draw_check(const identity::Actor& actor, int year,
                                                                   const notice::DrawRequest& request) {
    RETURN_IF_ERROR(require_city_social(actor, "抽取年度抽查社区"));
    std::vector<AnnualCheckItem> out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.supervision().check(year));
        if (!check) return fail(Error::conflict("commitment_missing", "请先发布年度抽查种子的 SHA-256 承诺，再抽取"));
        if (check->draw.seed) return fail(Error::conflict("already_drawn", "该年度已经抽取过抽查社区"));
        if (sha256_hex(request.seed) != check->draw.seed_sha256) {
            return fail(Error::rule("seed_mismatch", "种子的 SHA-256 与事先发布的承诺不一致"));
        }
        ASSIGN_OR_RETURN(auto certified, holders(repos, regions::scope_prefix("110000")));
        std::map<std::string, Certification> by_code;
        std::vector<notice::DrawCandidate> candidates;
        for (auto& c : certified) {
            candidates.push_back({0, c.community_code, c.district_code});
            by_code[c.community_code] = c;
        }
        identity::UserFilter filter;
        filter.role = Role::kEvaluator;
        ASSIGN_OR_RETURN(auto evaluators, repos.users().list(filter, {1, 10'000}));
        std::vector<notice::Inspector> pool;
        for (const auto& u : evaluators.items) {
            if (u.disabled) continue;
            const bool city = u.org_code.size() < 6 || u.org_code.substr(0, 6) == "110000";
            pool.push_back({u.username, city ? std::string() : u.org_code.substr(0, 6)});
        }
        std::sort(pool.begin(), pool.end(),
                  [](const notice::Inspector& a, const notice::Inspector& b) { return a.username < b.username; });
        ASSIGN_OR_RETURN(auto drawn, notice::draw(request, candidates, pool));
        for (const auto& d : drawn) {
            const auto& c = by_code[d.community_code];
            AnnualCheckItem item;
            item.year = year;
            item.serial = c.serial;
            item.community_code = c.community_code;
            item.community_name = c.full_name;
            item.district_code = c.district_code;
            item.inspectors = d.inspectors;
            ASSIGN_OR_RETURN(item.id, repos.supervision().add_check_item(item));
            out.push_back(std::move(item));
        }
        check->draw.seed = request.seed;
        check->draw.drawn_at = clock_.now();
        check->draw.per_district = request.per_district;
        check->draw.rate = request.rate;
        check->draw.inspectors_per_check = request.inspectors_per_check;
        check->draw.candidates = std::move(candidates);
        check->draw.inspector_pool = std::move(pool);
        RETURN_IF_ERROR(repos.supervision().update_check(*check));
        return audit::record(repos, clock_, actor,
                             {"annual_check.draw", "year:" + std::to_string(year), audit::Outcome::kSuccess,
                              std::to_string(out.size()) + " drawn"});
    }));
    return out;
}

Result<std::vector<AnnualCheckItem>> SupervisionService::check_items(const identity::Actor& actor, int year) {
    if (!identity::is_city_role(actor.role) && actor.role != Role::kEvaluator) {
        return fail(Error::forbidden("只有市级部门和抽查人员可以查看年度抽查"));
    }
    std::vector<AnnualCheckItem> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.supervision().check(year));
        if (!check) return fail(Error::not_found(std::to_string(year) + " 年度抽查尚未开始"));
        ASSIGN_OR_RETURN(out, repos.supervision().check_items(year));
        return ok();
    }));
    if (actor.role == Role::kEvaluator) {
        std::erase_if(out, [&](const AnnualCheckItem& i) {
            return std::find(i.inspectors.begin(), i.inspectors.end(), actor.username) == i.inspectors.end();
        });
    }
    return out;
}

Result<AnnualCheckItem> SupervisionService::record_check(const identity::Actor& actor, std::int64_t item_id,
                                                         const CheckResult& result) {
    if (!result.passed && blank(result.findings)) {
        return fail(Error::invalid("invalid_request", "抽查未通过时须写明发现的问题", {{"findings", "请填写发现的问题"}}));
    }
    if (result.passed && result.sanction) {
        return fail(Error::invalid("invalid_request", "抽查通过时不作处理", {{"sanction", "仅在未通过时填写"}}));
    }
    if (result.sanction) RETURN_IF_ERROR(certifications::validate_sanction(*result.sanction));
    if (actor.role != Role::kCitySocial && actor.role != Role::kEvaluator) {
        return fail(Error::forbidden("只有市社会办和抽中的抽查人员可以记录年度抽查结果"));
    }
    AnnualCheckItem out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto item, repos.supervision().find_check_item(item_id));
        const bool mine = item && (actor.role == Role::kCitySocial ||
                                   std::find(item->inspectors.begin(), item->inspectors.end(), actor.username) !=
                                       item->inspectors.end());
        if (!mine) return fail(Error::not_found("抽查记录不存在或未指派给您"));
        ASSIGN_OR_RETURN(auto check, repos.supervision().check(item->year));
        if (check && check->published_at) return fail(Error::conflict("check_published", "该年度抽查结果已经通报，不能再改"));
        if (item->passed) return fail(Error::conflict("result_recorded", "该抽查的结果已经记录"));
        if (result.sanction) {
            if (actor.role != Role::kCitySocial) return fail(Error::forbidden("处理须由市社会办作出"));
            ASSIGN_OR_RETURN(auto applied, certifications::apply_sanction(repos, clock_, actor, item->serial, *result.sanction));
            (void)applied;
            item->action = result.sanction->kind;
        }
        item->passed = result.passed;
        item->findings = result.findings;
        item->recorded_by = actor.username;
        item->recorded_at = clock_.now();
        RETURN_IF_ERROR(repos.supervision().update_check_item(*item));
        out = *item;
        return audit::record(repos, clock_, actor,
                             {"annual_check.result", "annual_check_item:" + std::to_string(item_id),
                              audit::Outcome::kSuccess, result.passed ? "passed" : "failed"});
    }));
    return out;
}

Result<PublicCheck> SupervisionService::publish_check(const identity::Actor& actor, int year) {
    RETURN_IF_ERROR(require_city_social(actor, "通报年度抽查结果"));
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.supervision().check(year));
        if (!check) return fail(Error::not_found(std::to_string(year) + " 年度抽查尚未开始"));
        if (!check->draw.seed) return fail(Error::conflict("not_drawn", "尚未抽取抽查社区"));
        if (check->published_at) return fail(Error::conflict("check_published", "该年度抽查结果已经通报"));
        ASSIGN_OR_RETURN(auto items, repos.supervision().check_items(year));
        const auto open = std::count_if(items.begin(), items.end(), [](const AnnualCheckItem& i) { return !i.passed; });
        if (open > 0) return fail(Error::conflict("checks_pending", "尚有 " + std::to_string(open) + " 个社区未记录抽查结果"));
        check->published_by = actor.username;
        check->published_at = clock_.now();
        RETURN_IF_ERROR(repos.supervision().update_check(*check));
        return audit::record(repos, clock_, actor,
                             {"annual_check.publish", "year:" + std::to_string(year), audit::Outcome::kSuccess, ""});
    }));
    return public_check(year);
}

Result<PublicCheck> SupervisionService::public_check(int year) {
    PublicCheck out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto check, repos.supervision().check(year));
        if (!check || !check->published_at) return fail(Error::not_found(std::to_string(year) + " 年度抽查结果尚未通报"));
        out.check = *check;
        ASSIGN_OR_RETURN(out.items, repos.supervision().check_items(year));
        for (const auto& item : out.items) {
            ASSIGN_OR_RETURN(auto certification, repos.certifications().find(item.serial));
            if (!certification) return fail(Error::internal("annual check item without certification " + item.serial));
            out.certifications.push_back(std::move(*certification));
        }
        return ok();
    }));
    return out;
}

Result<std::vector<AnnualCheck>> SupervisionService::published_checks() {
    std::vector<AnnualCheck> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.supervision().checks());
        return ok();
    }));
    std::erase_if(out, [](const AnnualCheck& c) { return !c.published_at; });
    return out;
}

Result<std::pair<Attachment, std::string>> SupervisionService::attachment_file(const identity::Actor& actor,
                                                                               FileOwner owner, std::int64_t owner_id,
                                                                               std::int64_t attachment_id) {
    if (identity::is_administrator(actor.role)) return fail(Error::forbidden("三员不能查看业务数据"));
    // As for the lists these files belong to: an evaluator's home node is where they are bound,
    // not a licence to read that district's reports (they see only what they are assigned).
    if (actor.role == Role::kEvaluator) {
        return fail(Error::forbidden("评估专家不能查看年度报告和整改报告的附件"));
    }
    std::optional<Attachment> found;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        std::string community;
        if (owner == FileOwner::kAnnualReport) {
            ASSIGN_OR_RETURN(auto report, repos.supervision().find_report(owner_id));
            if (report) community = report->community_code;
        } else if (owner == FileOwner::kRectificationReport) {
            ASSIGN_OR_RETURN(auto report, repos.supervision().find_rectification(owner_id));
            if (report) {
                ASSIGN_OR_RETURN(auto certification, repos.certifications().find(report->serial));
                if (certification) community = certification->community_code;
            }
        }
        if (community.empty() || !starts_with(community, actor.scope())) return ok();
        ASSIGN_OR_RETURN(auto all, repos.supervision().attachments(owner, owner_id));
        for (auto& a : all) {
            if (a.id == attachment_id) found = std::move(a);
        }
        return ok();
    }));
    if (!found) return fail(Error::not_found("附件不存在或不在您的管辖范围内"));
    ASSIGN_OR_RETURN(auto bytes, files_.get(found->sha256));
    return std::make_pair(*found, std::move(bytes));
}

}  // namespace hx::supervision

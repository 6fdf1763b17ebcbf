#include "storage/sqlite/supervision_repository.hpp"

#include <cmath>

#include "storage/sqlite/draw_columns.hpp"
#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

using supervision::AnnualCheck;
using supervision::AnnualCheckItem;
using supervision::AnnualReport;
using supervision::Attachment;
using supervision::RectificationReport;
using supervision::ReportCampaign;

namespace {

constexpr std::string_view kReportColumns = R"sql(
SELECT id, year, community_code, serial, summary, plan, residents_served, services_online, investment,
       state, submitted_at, reviewed_by, reviewed_at, review_opinion, updated_at
  FROM annual_reports)sql";

constexpr std::string_view kRectificationColumns = R"sql(
SELECT id, serial, sanction_id, content, state, submitted_by, submitted_at, reviewed_by, reviewed_at,
       review_opinion
  FROM rectification_reports)sql";

constexpr std::string_view kCheckColumns = R"sql(
SELECT year, seed_sha256, committed_by, committed_at, seed, drawn_at, per_district, rate_permille,
       inspectors_per_check, candidates, inspector_pool, published_by, published_at
  FROM annual_checks)sql";

constexpr std::string_view kItemColumns = R"sql(
SELECT id, year, serial, community_code, community_name, district_code, inspectors, passed, findings,
       action, recorded_by, recorded_at
  FROM annual_check_items)sql";

Result<supervision::ReportState> state_at(const Statement& row, int index, const char* table, std::int64_t id) {
    const auto word = row.column_text(index);
    const auto state = supervision::parse_report_state(word);
    if (!state) return fail(corrupt_row(table, id, "unknown state '" + word + "'"));
    return *state;
}

Result<AnnualReport> read_report(const Statement& row) {
    AnnualReport r;
    r.id = row.column_int64(0);
    r.year = static_cast<int>(row.column_int64(1));
    r.community_code = row.column_text(2);
    r.serial = row.column_text(3);
    r.summary = row.column_text(4);
    r.plan = row.column_text(5);
    r.residents_served = row.column_int64(6);
    r.services_online = row.column_int64(7);
    r.investment = row.column_int64(8);
    ASSIGN_OR_RETURN(r.state, state_at(row, 9, "annual_reports", r.id));
    r.submitted_at = optional_time(row, 10);
    r.reviewed_by = row.column_text(11);
    r.reviewed_at = optional_time(row, 12);
    r.review_opinion = row.column_text(13);
    r.updated_at = from_unix_ms(row.column_int64(14));
    return r;
}

void bind_report(Statement& s, const AnnualReport& r) {
    s.bind_int64(1, r.year).bind_text(2, r.community_code).bind_text(3, r.serial).bind_text(4, r.summary);
    s.bind_text(5, r.plan).bind_int64(6, r.residents_served).bind_int64(7, r.services_online);
    s.bind_int64(8, r.investment).bind_text(9, supervision::to_string(r.state));
    s.bind_optional_int64(10, optional_ms(r.submitted_at)).bind_text(11, r.reviewed_by);
    s.bind_optional_int64(12, optional_ms(r.reviewed_at)).bind_text(13, r.review_opinion);
    s.bind_int64(14, to_unix_ms(r.updated_at));
}

Result<RectificationReport> read_rectification(const Statement& row) {
    RectificationReport r;
    r.id = row.column_int64(0);
    r.serial = row.column_text(1);
    r.sanction_id = row.column_int64(2);
    r.content = row.column_text(3);
    ASSIGN_OR_RETURN(r.state, state_at(row, 4, "rectification_reports", r.id));
    r.submitted_by = row.column_text(5);
    r.submitted_at = from_unix_ms(row.column_int64(6));
    r.reviewed_by = row.column_text(7);
    r.reviewed_at = optional_time(row, 8);
    r.review_opinion = row.column_text(9);
    return r;
}

Result<AnnualCheck> read_check(const Statement& row) {
    AnnualCheck c;
    c.year = static_cast<int>(row.column_int64(0));
    auto& d = c.draw;
    d.round_id = c.year;
    d.seed_sha256 = row.column_text(1);
    d.committed_by = row.column_text(2);
    d.committed_at = from_unix_ms(row.column_int64(3));
    if (!row.column_is_null(4)) d.seed = row.column_text(4);
    d.drawn_at = optional_time(row, 5);
    d.per_district = static_cast<int>(row.column_int64(6));
    d.rate = static_cast<double>(row.column_int64(7)) / 1000.0;
    d.inspectors_per_check = static_cast<int>(row.column_int64(8));
    RETURN_IF_ERROR(decode_draw_input(d, row.column_text(9), row.column_text(10), "annual_checks"));
    d.round_id = 0;
    c.published_by = row.column_text(11);
    c.published_at = optional_time(row, 12);
    return c;
}

void bind_check(Statement& s, const AnnualCheck& c) {
    const auto& d = c.draw;
    s.bind_int64(1, c.year).bind_text(2, d.seed_sha256).bind_text(3, d.committed_by);
    s.bind_int64(4, to_unix_ms(d.committed_at)).bind_optional_text(5, d.seed).bind_optional_int64(6, optional_ms(d.drawn_at));
    s.bind_int64(7, d.per_district).bind_int64(8, static_cast<std::int64_t>(std::llround(d.rate * 1000.0)));
    s.bind_int64(9, d.inspectors_per_check).bind_text(10, encode_candidates(d.candidates));
    s.bind_text(11, encode_pool(d.inspector_pool)).bind_text(12, c.published_by);
    s.bind_optional_int64(13, optional_ms(c.published_at));
}

Result<AnnualCheckItem> read_item(const Statement& row) {
    AnnualCheckItem i;
    i.id = row.column_int64(0);
    i.year = static_cast<int>(row.column_int64(1));
    i.serial = row.column_text(2);
    i.community_code = row.column_text(3);
    i.community_name = row.column_text(4);
    i.district_code = row.column_text(5);
    ASSIGN_OR_RETURN(i.inspectors, decode_names(row.column_text(6), "annual_check_items", i.id));
    if (!row.column_is_null(7)) i.passed = row.column_bool(7);
    i.findings = row.column_text(8);
    const auto action = row.column_text(9);
    if (!action.empty()) {
        i.action = certifications::parse_sanction_kind(action);
        if (!i.action) return fail(corrupt_row("annual_check_items", i.id, "unknown action '" + action + "'"));
    }
    i.recorded_by = row.column_text(10);
    i.recorded_at = optional_time(row, 11);
    return i;
}

}  // namespace

Status SqliteSupervisionRepository::put_campaign(const ReportCampaign& c) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
INSERT INTO report_campaigns (year, deadline, set_by, set_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (year) DO UPDATE SET deadline = excluded.deadline, set_by = excluded.set_by, set_at = excluded.set_at)sql"));
    s.bind_int64(1, c.year).bind_int64(2, to_unix_ms(c.deadline)).bind_text(3, c.set_by).bind_int64(4, to_unix_ms(c.set_at));
    return s.run();
}

Result<std::optional<ReportCampaign>> SqliteSupervisionRepository::campaign(int year) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare("SELECT year, deadline, set_by, set_at FROM report_campaigns WHERE year = ?1"));
    q.bind_int64(1, year);
    return read_one<ReportCampaign>(q, [](const Statement& row) -> Result<ReportCampaign> {
        return ReportCampaign{static_cast<int>(row.column_int64(0)), from_unix_ms(row.column_int64(1)), row.column_text(2),
                              from_unix_ms(row.column_int64(3))};
    });
}

Result<std::int64_t> SqliteSupervisionRepository::insert_report(const AnnualReport& r) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
INSERT INTO annual_reports (year, community_code, serial, summary, plan, residents_served, services_online,
                            investment, state, submitted_at, reviewed_by, reviewed_at, review_opinion, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql"));
    bind_report(s, r);
    RETURN_IF_ERROR(s.run());
    return connection_.last_insert_rowid();
}

Status SqliteSupervisionRepository::update_report(const AnnualReport& r) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
UPDATE annual_reports
   SET year = ?1, community_code = ?2, serial = ?3, summary = ?4, plan = ?5, residents_served = ?6,
       services_online = ?7, investment = ?8, state = ?9, submitted_at = ?10, reviewed_by = ?11,
       reviewed_at = ?12, review_opinion = ?13, updated_at = ?14
 WHERE id = ?15)sql"));
    bind_report(s, r);
    s.bind_int64(15, r.id);
    return s.run();
}

Result<std::optional<AnnualReport>> SqliteSupervisionRepository::find_report(std::int64_t id) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kReportColumns) + " WHERE id = ?1"));
    q.bind_int64(1, id);
    return read_one<AnnualReport>(q, read_report);
}

Result<std::optional<AnnualReport>> SqliteSupervisionRepository::report_of(int year, const std::string& community_code) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kReportColumns) + " WHERE year = ?1 AND community_code = ?2"));
    q.bind_int64(1, year).bind_text(2, community_code);
    return read_one<AnnualReport>(q, read_report);
}

Result<std::vector<AnnualReport>> SqliteSupervisionRepository::reports(int year, const std::string& scope) {
    ASSIGN_OR_RETURN(const auto range, scope_range(scope));
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kReportColumns) +
                                                 " WHERE year = ?1 AND community_code >= ?2 AND community_code < ?3"
                                                 " ORDER BY community_code"));
    q.bind_int64(1, year).bind_text(2, range.lower).bind_text(3, range.upper);
    return read_all<AnnualReport>(q, read_report);
}

Result<std::int64_t> SqliteSupervisionRepository::insert_rectification(const RectificationReport& r) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
INSERT INTO rectification_reports (serial, sanction_id, content, state, submitted_by, submitted_at, reviewed_by,
                                   reviewed_at, review_opinion)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql"));
    s.bind_text(1, r.serial).bind_int64(2, r.sanction_id).bind_text(3, r.content);
    s.bind_text(4, supervision::to_string(r.state)).bind_text(5, r.submitted_by).bind_int64(6, to_unix_ms(r.submitted_at));
    s.bind_text(7, r.reviewed_by).bind_optional_int64(8, optional_ms(r.reviewed_at)).bind_text(9, r.review_opinion);
    RETURN_IF_ERROR(s.run());
    return connection_.last_insert_rowid();
}

Status SqliteSupervisionRepository::update_rectification(const RectificationReport& r) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
UPDATE rectification_reports SET state = ?2, reviewed_by = ?3, reviewed_at = ?4, review_opinion = ?5 WHERE id = ?1)sql"));
    s.bind_int64(1, r.id).bind_text(2, supervision::to_string(r.state)).bind_text(3, r.reviewed_by);
    s.bind_optional_int64(4, optional_ms(r.reviewed_at)).bind_text(5, r.review_opinion);
    return s.run();
}

Result<std::optional<RectificationReport>> SqliteSupervisionRepository::find_rectification(std::int64_t id) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kRectificationColumns) + " WHERE id = ?1"));
    q.bind_int64(1, id);
    return read_one<RectificationReport>(q, read_rectification);
}

Result<std::vector<RectificationReport>> SqliteSupervisionRepository::rectifications(const std::string& serial) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kRectificationColumns) + " WHERE serial = ?1 ORDER BY id"));
    q.bind_text(1, serial);
    return read_all<RectificationReport>(q, read_rectification);
}

Result<std::int64_t> SqliteSupervisionRepository::add_attachment(const Attachment& a) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
INSERT INTO supervision_files (owner_kind, owner_id, sha256, size, content_type, file_name, uploaded_by, uploaded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql"));
    s.bind_text(1, supervision::to_string(a.owner_kind)).bind_int64(2, a.owner_id).bind_text(3, a.sha256);
    s.bind_int64(4, a.size).bind_text(5, a.content_type).bind_text(6, a.file_name).bind_text(7, a.uploaded_by);
    s.bind_int64(8, to_unix_ms(a.uploaded_at));
    RETURN_IF_ERROR(s.run());
    return connection_.last_insert_rowid();
}

Result<std::vector<Attachment>> SqliteSupervisionRepository::attachments(supervision::FileOwner owner,
                                                                          std::int64_t owner_id) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(R"sql(
SELECT id, owner_id, sha256, size, content_type, file_name, uploaded_by, uploaded_at
  FROM supervision_files WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id)sql"));
    q.bind_text(1, supervision::to_string(owner)).bind_int64(2, owner_id);
    return read_all<Attachment>(q, [owner](const Statement& row) -> Result<Attachment> {
        return Attachment{row.column_int64(0), owner,           row.column_int64(1), row.column_text(2),
                          row.column_int64(3), row.column_text(4), row.column_text(5), row.column_text(6),
                          from_unix_ms(row.column_int64(7))};
    });
}

Status SqliteSupervisionRepository::insert_check(const AnnualCheck& c) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
INSERT INTO annual_checks (year, seed_sha256, committed_by, committed_at, seed, drawn_at, per_district, rate_permille,
                           inspectors_per_check, candidates, inspector_pool, published_by, published_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql"));
    bind_check(s, c);
    const auto inserted = s.run();
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists) {
        return fail(Error::conflict("annual_check_exists", std::to_string(c.year) + " 年度抽查的种子承诺已经发布，不能更改"));
    }
    return inserted;
}

Status SqliteSupervisionRepository::update_check(const AnnualCheck& c) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
UPDATE annual_checks
   SET seed_sha256 = ?2, committed_by = ?3, committed_at = ?4, seed = ?5, drawn_at = ?6, per_district = ?7,
       rate_permille = ?8, inspectors_per_check = ?9, candidates = ?10, inspector_pool = ?11, published_by = ?12,
       published_at = ?13
 WHERE year = ?1)sql"));
    bind_check(s, c);
    return s.run();
}

Result<std::optional<AnnualCheck>> SqliteSupervisionRepository::check(int year) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kCheckColumns) + " WHERE year = ?1"));
    q.bind_int64(1, year);
    return read_one<AnnualCheck>(q, read_check);
}

Result<std::vector<AnnualCheck>> SqliteSupervisionRepository::checks() {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kCheckColumns) + " ORDER BY year DESC"));
    return read_all<AnnualCheck>(q, read_check);
}

Result<std::int64_t> SqliteSupervisionRepository::add_check_item(const AnnualCheckItem& i) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
INSERT INTO annual_check_items (year, serial, community_code, community_name, district_code, inspectors, passed,
                                findings, action, recorded_by, recorded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql"));
    std::optional<std::int64_t> passed;
    if (i.passed) passed = *i.passed ? 1 : 0;
    s.bind_int64(1, i.year).bind_text(2, i.serial).bind_text(3, i.community_code).bind_text(4, i.community_name);
    s.bind_text(5, i.district_code).bind_text(6, encode_names(i.inspectors)).bind_optional_int64(7, passed);
    s.bind_text(8, i.findings).bind_text(9, i.action ? certifications::to_string(*i.action) : "");
    s.bind_text(10, i.recorded_by).bind_optional_int64(11, optional_ms(i.recorded_at));
    RETURN_IF_ERROR(s.run());
    return connection_.last_insert_rowid();
}

Status SqliteSupervisionRepository::update_check_item(const AnnualCheckItem& i) {
    ASSIGN_OR_RETURN(auto s, connection_.prepare(R"sql(
UPDATE annual_check_items SET passed = ?2, findings = ?3, action = ?4, recorded_by = ?5, recorded_at = ?6
 WHERE id = ?1)sql"));
    std::optional<std::int64_t> passed;
    if (i.passed) passed = *i.passed ? 1 : 0;
    s.bind_int64(1, i.id).bind_optional_int64(2, passed).bind_text(3, i.findings);
    s.bind_text(4, i.action ? certifications::to_string(*i.action) : "").bind_text(5, i.recorded_by);
    s.bind_optional_int64(6, optional_ms(i.recorded_at));
    return s.run();
}

Result<std::optional<AnnualCheckItem>> SqliteSupervisionRepository::find_check_item(std::int64_t id) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kItemColumns) + " WHERE id = ?1"));
    q.bind_int64(1, id);
    return read_one<AnnualCheckItem>(q, read_item);
}

Result<std::vector<AnnualCheckItem>> SqliteSupervisionRepository::check_items(int year) {
    ASSIGN_OR_RETURN(auto q, connection_.prepare(std::string(kItemColumns) + " WHERE year = ?1 ORDER BY district_code, id"));
    q.bind_int64(1, year);
    return read_all<AnnualCheckItem>(q, read_item);
}

}  // namespace hx::storage::sqlite

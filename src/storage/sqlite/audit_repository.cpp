#include "storage/sqlite/audit_repository.hpp"

#include "storage/sqlite/query_support.hpp"

namespace hx::storage::sqlite {

using audit::AuditFilter;
using audit::AuditRecord;

namespace {

constexpr std::string_view kLast = R"sql(
SELECT seq, at, user_id, username, role, org_code, action, object, outcome, client_addr,
       request_id, detail, prev_hash, hash
  FROM audit_log
 ORDER BY seq DESC
 LIMIT 1)sql";

constexpr std::string_view kAppend = R"sql(
INSERT INTO audit_log (seq, at, user_id, username, role, org_code, action, object, outcome,
                       client_addr, request_id, detail, prev_hash, hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql";

// ?1 from, ?2 to (inclusive, NULL: open), ?3 username ('' : any), ?4 action prefix ('' : any),
// ?5 outcome (NULL: any). The username column compares without regard to ASCII case.
constexpr std::string_view kList = R"sql(
SELECT seq, at, user_id, username, role, org_code, action, object, outcome, client_addr,
       request_id, detail, prev_hash, hash
  FROM audit_log
 WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2)
   AND (?3 = '' OR username = ?3)
   AND (?4 = '' OR substr(action, 1, length(?4)) = ?4)
   AND (?5 IS NULL OR outcome = ?5)
 ORDER BY seq DESC
 LIMIT ?6 OFFSET ?7)sql";

constexpr std::string_view kListTotal = R"sql(
SELECT count(*)
  FROM audit_log
 WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2)
   AND (?3 = '' OR username = ?3)
   AND (?4 = '' OR substr(action, 1, length(?4)) = ?4)
   AND (?5 IS NULL OR outcome = ?5))sql";

constexpr std::string_view kScan = R"sql(
SELECT seq, at, user_id, username, role, org_code, action, object, outcome, client_addr,
       request_id, detail, prev_hash, hash
  FROM audit_log
 WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2)
   AND (?3 = '' OR username = ?3)
   AND (?4 = '' OR substr(action, 1, length(?4)) = ?4)
   AND (?5 IS NULL OR outcome = ?5)
 ORDER BY seq ASC)sql";

void bind_filter(Statement& query, const AuditFilter& filter) {
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    if (filter.from) from = to_unix_ms(*filter.from);
    if (filter.to) to = to_unix_ms(*filter.to);
    std::optional<std::string> outcome;
    if (filter.outcome) outcome = audit::to_string(*filter.outcome);
    query.bind_optional_int64(1, from).bind_optional_int64(2, to);
    query.bind_text(3, filter.username).bind_text(4, filter.action);
    query.bind_optional_text(5, outcome);
}

Result<AuditRecord> read_record(const Statement& row) {
    AuditRecord record;
    record.seq = row.column_int64(0);
    record.at = from_unix_ms(row.column_int64(1));
    record.user_id = row.column_int64(2);
    record.username = row.column_text(3);
    record.role = row.column_text(4);
    record.org_code = row.column_text(5);
    record.action = row.column_text(6);
    record.object = row.column_text(7);
    const std::string outcome = row.column_text(8);
    const auto parsed = audit::parse_outcome(outcome);
    if (!parsed) {
        return fail(Error::internal("audit_log record " + std::to_string(record.seq) +
                                    " has outcome '" + outcome + "'"));
    }
    record.outcome = *parsed;
    record.client_addr = row.column_text(9);
    record.request_id = row.column_text(10);
    record.detail = row.column_text(11);
    record.prev_hash = row.column_text(12);
    record.hash = row.column_text(13);
    return record;
}

}  // namespace

Result<std::optional<AuditRecord>> SqliteAuditRepository::last() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kLast));
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<AuditRecord>();
    ASSIGN_OR_RETURN(auto record, read_record(query));
    return std::optional<AuditRecord>(std::move(record));
}

Status SqliteAuditRepository::append(const AuditRecord& record) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kAppend));
    statement.bind_int64(1, record.seq).bind_int64(2, to_unix_ms(record.at));
    statement.bind_int64(3, record.user_id).bind_text(4, record.username);
    statement.bind_text(5, record.role).bind_text(6, record.org_code);
    statement.bind_text(7, record.action).bind_text(8, record.object);
    statement.bind_text(9, audit::to_string(record.outcome)).bind_text(10, record.client_addr);
    statement.bind_text(11, record.request_id).bind_text(12, record.detail);
    statement.bind_text(13, record.prev_hash).bind_text(14, record.hash);
    auto appended = statement.run();
    if (appended) return ok();
    if (appended.error().code() == ErrorCode::kAlreadyExists) {
        return fail(Error(ErrorCode::kAlreadyExists, "audit_seq_taken",
                          "审计记录序号 " + std::to_string(record.seq) + " 已存在"));
    }
    return appended;
}

Result<regions::Page<AuditRecord>> SqliteAuditRepository::list(const AuditFilter& filter,
                                                               const regions::PageRequest& page) {
    RETURN_IF_ERROR(check_page(page));
    regions::Page<AuditRecord> result;
    {
        ASSIGN_OR_RETURN(auto total, connection_.prepare(kListTotal));
        bind_filter(total, filter);
        ASSIGN_OR_RETURN(result.total, read_count(total));
    }
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kList));
    bind_filter(query, filter);
    query.bind_int64(6, page.page_size).bind_int64(7, page.offset());
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return result;
        ASSIGN_OR_RETURN(auto record, read_record(query));
        result.items.push_back(std::move(record));
    }
}

Status SqliteAuditRepository::scan(const AuditFilter& filter,
                                   const std::function<Status(const AuditRecord&)>& visit) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kScan));
    bind_filter(query, filter);
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return ok();
        ASSIGN_OR_RETURN(const auto record, read_record(query));
        RETURN_IF_ERROR(visit(record));
    }
}

}  // namespace hx::storage::sqlite

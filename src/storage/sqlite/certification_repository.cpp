#include "storage/sqlite/certification_repository.hpp"

#include "storage/sqlite/query_support.hpp"
#include "storage/sqlite/stats_counters.hpp"

namespace hx::storage::sqlite {

using certifications::Certification;
using certifications::CertificationStatus;
using certifications::Sanction;

namespace {

constexpr std::string_view kSelect = R"sql(
SELECT serial, round_id, application_id, community_code, community_name, full_name, district_code,
       district_name, street_name, star, year, issued_at, status, superseded_by, status_changed_at,
       payload, signature, key_id
  FROM certifications)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO certifications (serial, round_id, application_id, community_code, community_name,
                            full_name, district_code, district_name, street_name, star, year,
                            issued_at, status, superseded_by, status_changed_at, payload,
                            signature, key_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18))sql";

// Every filter is bound; an empty one matches all (?n = '' OR …), so one statement serves all.
constexpr std::string_view kWhere = R"sql(
 WHERE (?1 = '' OR district_code = ?1)
   AND (?2 = 0 OR star = ?2)
   AND (?3 = 0 OR year = ?3)
   AND (?4 = '' OR status = ?4)
   AND (?5 = '' OR community_name LIKE ?5 ESCAPE '\' OR community_code LIKE ?5 ESCAPE '\'
        OR full_name LIKE ?5 ESCAPE '\')
   AND (?6 = '' OR community_code = ?6)
   AND (?7 = 0 OR round_id = ?7))sql";

constexpr std::string_view kSetStatus = R"sql(
UPDATE certifications SET status = ?2, superseded_by = ?3, status_changed_at = ?4 WHERE serial = ?1)sql";

constexpr std::string_view kNextSequence = R"sql(
INSERT INTO certification_sequences (year, last) VALUES (?1, 1)
ON CONFLICT (year) DO UPDATE SET last = certification_sequences.last + 1
RETURNING last)sql";

constexpr std::string_view kInsertSanction = R"sql(
INSERT INTO sanctions (serial, kind, reason, deadline, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";
constexpr std::string_view kApplicationOfSerial =
    "SELECT application_id FROM certifications WHERE serial = ?1";
constexpr std::string_view kSanctions = R"sql(
SELECT id, serial, kind, reason, deadline, created_by, created_at FROM sanctions WHERE serial = ?1 ORDER BY id)sql";

constexpr std::string_view kPutKey = R"sql(
INSERT INTO seal_keys (key_id, public_pem, created_at) VALUES (?1, ?2, ?3)
ON CONFLICT (key_id) DO NOTHING)sql";
constexpr std::string_view kKeys = "SELECT key_id, public_pem, created_at FROM seal_keys ORDER BY created_at DESC";

Result<Certification> read(const Statement& row) {
    Certification c;
    c.serial = row.column_text(0);
    c.round_id = row.column_int64(1);
    c.application_id = row.column_int64(2);
    c.community_code = row.column_text(3);
    c.community_name = row.column_text(4);
    c.full_name = row.column_text(5);
    c.district_code = row.column_text(6);
    c.district_name = row.column_text(7);
    c.street_name = row.column_text(8);
    c.star = static_cast<int>(row.column_int64(9));
    c.year = static_cast<int>(row.column_int64(10));
    c.issued_at = from_unix_ms(row.column_int64(11));
    const auto status = certifications::parse_status(row.column_text(12));
    if (!status) {
        return fail(Error::internal("certifications row " + c.serial + ": unknown status '" + row.column_text(12) + "'"));
    }
    c.status = *status;
    c.superseded_by = row.column_text(13);
    c.status_changed_at = from_unix_ms(row.column_int64(14));
    c.payload = row.column_text(15);
    c.signature = row.column_text(16);
    c.key_id = row.column_text(17);
    return c;
}

void bind_filter(Statement& statement, const certifications::CertificationFilter& filter) {
    statement.bind_text(1, filter.district_code).bind_int64(2, filter.star.value_or(0));
    statement.bind_int64(3, filter.year.value_or(0));
    statement.bind_text(4, filter.status ? certifications::to_string(*filter.status) : "");
    statement.bind_text(5, filter.query.empty() ? std::string() : contains_pattern(filter.query));
    statement.bind_text(6, filter.community_code);
    statement.bind_int64(7, filter.round_id.value_or(0));
}

}  // namespace

Status SqliteCertificationRepository::insert(const Certification& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    statement.bind_text(1, c.serial).bind_int64(2, c.round_id).bind_int64(3, c.application_id);
    statement.bind_text(4, c.community_code).bind_text(5, c.community_name).bind_text(6, c.full_name);
    statement.bind_text(7, c.district_code).bind_text(8, c.district_name).bind_text(9, c.street_name);
    statement.bind_int64(10, c.star).bind_int64(11, c.year).bind_int64(12, to_unix_ms(c.issued_at));
    statement.bind_text(13, certifications::to_string(c.status)).bind_text(14, c.superseded_by);
    statement.bind_int64(15, to_unix_ms(c.status_changed_at)).bind_text(16, c.payload);
    statement.bind_text(17, c.signature).bind_text(18, c.key_id);
    return statement.run();
}

Result<std::optional<Certification>> SqliteCertificationRepository::find(const std::string& serial) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(std::string(kSelect) + " WHERE serial = ?1"));
    query.bind_text(1, serial);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Certification>();
    ASSIGN_OR_RETURN(auto c, read(query));
    return std::optional<Certification>(std::move(c));
}

Result<regions::Page<Certification>> SqliteCertificationRepository::list(
    const certifications::CertificationFilter& filter, const regions::PageRequest& page) {
    RETURN_IF_ERROR(check_page(page));
    regions::Page<Certification> out;
    ASSIGN_OR_RETURN(auto count, connection_.prepare("SELECT count(*) FROM certifications" + std::string(kWhere)));
    bind_filter(count, filter);
    ASSIGN_OR_RETURN(out.total, read_count(count));
    ASSIGN_OR_RETURN(auto query, connection_.prepare(std::string(kSelect) + std::string(kWhere) +
                                                     " ORDER BY issued_at DESC, serial DESC LIMIT ?8 OFFSET ?9"));
    bind_filter(query, filter);
    query.bind_int64(8, page.page_size).bind_int64(9, page.offset());
    ASSIGN_OR_RETURN(out.items, read_all<Certification>(query, read));
    return out;
}

Result<std::vector<Certification>> SqliteCertificationRepository::of_community(const std::string& community_code) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(std::string(kSelect) +
                                                     " WHERE community_code = ?1 ORDER BY issued_at DESC, serial DESC"));
    query.bind_text(1, community_code);
    return read_all<Certification>(query, read);
}

Status SqliteCertificationRepository::set_status(const std::string& serial, CertificationStatus status,
                                                 const std::string& superseded_by, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kSetStatus));
    statement.bind_text(1, serial).bind_text(2, certifications::to_string(status)).bind_text(3, superseded_by);
    statement.bind_int64(4, to_unix_ms(at));
    RETURN_IF_ERROR(statement.run());
    if (connection_.changes() == 0) return fail(Error::not_found("证书 " + serial + " 不存在"));
    return ok();
}

Result<std::int64_t> SqliteCertificationRepository::next_sequence(int year) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kNextSequence));
    query.bind_int64(1, year);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return fail(Error::internal("certification sequence returned no row"));
    const auto last = query.column_int64(0);
    query.reset();
    return last;
}

Result<std::int64_t> SqliteCertificationRepository::add_sanction(const Sanction& s) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertSanction));
    statement.bind_text(1, s.serial).bind_text(2, certifications::to_string(s.kind)).bind_text(3, s.reason);
    std::optional<std::int64_t> deadline;
    if (s.deadline) deadline = to_unix_ms(*s.deadline);
    statement.bind_optional_int64(4, deadline).bind_text(5, s.created_by).bind_int64(6, to_unix_ms(s.created_at));
    // A first sanction moves the funnel's counters of the certified application (stats_counters.hpp).
    std::int64_t application_id = 0;
    {
        ASSIGN_OR_RETURN(auto owner, connection_.prepare(kApplicationOfSerial));
        owner.bind_text(1, s.serial);
        ASSIGN_OR_RETURN(const bool found, owner.step());
        if (found) application_id = owner.column_int64(0);
    }
    std::int64_t id = 0;
    RETURN_IF_ERROR(with_counters(connection_, application_id, SharePart::kFigures, [&]() -> Status {
        RETURN_IF_ERROR(statement.run());
        id = connection_.last_insert_rowid();
        return ok();
    }));
    return id;
}

Result<std::vector<Sanction>> SqliteCertificationRepository::sanctions(const std::string& serial) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kSanctions));
    query.bind_text(1, serial);
    return read_all<Sanction>(query, [](const Statement& row) -> Result<Sanction> {
        Sanction s;
        s.id = row.column_int64(0);
        s.serial = row.column_text(1);
        const auto kind = certifications::parse_sanction_kind(row.column_text(2));
        if (!kind) return fail(Error::internal("sanctions row " + std::to_string(s.id) + ": unknown kind"));
        s.kind = *kind;
        s.reason = row.column_text(3);
        if (const auto deadline = row.column_optional_int64(4)) s.deadline = from_unix_ms(*deadline);
        s.created_by = row.column_text(5);
        s.created_at = from_unix_ms(row.column_int64(6));
        return s;
    });
}

Status SqliteCertificationRepository::put_key(const certifications::SealPublicKey& key) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kPutKey));
    statement.bind_text(1, key.key_id).bind_text(2, key.public_pem).bind_int64(3, to_unix_ms(key.created_at));
    return statement.run();
}

Result<std::vector<certifications::SealPublicKey>> SqliteCertificationRepository::keys() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kKeys));
    return read_all<certifications::SealPublicKey>(
        query, [](const Statement& row) -> Result<certifications::SealPublicKey> {
            return certifications::SealPublicKey{row.column_text(0), row.column_text(1),
                                                 from_unix_ms(row.column_int64(2))};
        });
}

}  // namespace hx::storage::sqlite

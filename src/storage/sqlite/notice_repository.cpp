#include "storage/sqlite/notice_repository.hpp"

#include "storage/sqlite/draw_columns.hpp"
#include "storage/sqlite/query_support.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace hx::storage::sqlite {

using notice::Comment;
using notice::Commitment;
using notice::Notice;
using notice::SpotCheck;
using notice::SpotCheckPhoto;

namespace {

constexpr std::string_view kInsertNotice = R"sql(
INSERT INTO notices (round_id, starts_at, ends_at, published_by, finalized_at)
VALUES (?1, ?2, ?3, ?4, NULL))sql";
constexpr std::string_view kFindNotice = R"sql(
SELECT round_id, starts_at, ends_at, published_by, finalized_at FROM notices WHERE round_id = ?1)sql";
constexpr std::string_view kListNotices = R"sql(
SELECT round_id, starts_at, ends_at, published_by, finalized_at FROM notices ORDER BY starts_at DESC)sql";
constexpr std::string_view kFinalize = R"sql(
UPDATE notices SET finalized_at = ?2 WHERE round_id = ?1)sql";

constexpr std::string_view kCommentColumns = R"sql(
SELECT id, round_id, application_id, community_code, community_name, content, name, phone_sealed,
       phone_masked, phone_digest, client_addr, created_at, moderation, disposition, response,
       disposed_by, disposed_at
  FROM comments)sql";
constexpr std::string_view kInsertComment = R"sql(
INSERT INTO comments (round_id, application_id, community_code, community_name, content, name,
                      phone_sealed, phone_masked, phone_digest, client_addr, created_at, moderation,
                      disposition, response, disposed_by, disposed_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16))sql";
constexpr std::string_view kUpdateComment = R"sql(
UPDATE comments SET moderation = ?2, disposition = ?3, response = ?4, disposed_by = ?5, disposed_at = ?6
 WHERE id = ?1)sql";

constexpr std::string_view kPutCode = R"sql(
INSERT INTO phone_codes (phone_digest, code_digest, sent_at, expires_at, attempts)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (phone_digest) DO UPDATE
   SET code_digest = excluded.code_digest, sent_at = excluded.sent_at,
       expires_at = excluded.expires_at, attempts = excluded.attempts)sql";
constexpr std::string_view kFindCode = R"sql(
SELECT phone_digest, code_digest, sent_at, expires_at, attempts FROM phone_codes WHERE phone_digest = ?1)sql";
constexpr std::string_view kDeleteCode = "DELETE FROM phone_codes WHERE phone_digest = ?1";
constexpr std::string_view kCountAction = R"sql(
INSERT INTO public_actions (action, key_digest, at) VALUES (?1, ?2, ?3))sql";
constexpr std::string_view kActionsSince = R"sql(
SELECT count(*) FROM public_actions WHERE action = ?1 AND key_digest = ?2 AND at >= ?3)sql";

constexpr std::string_view kInsertCommitment = R"sql(
INSERT INTO spot_check_commitments (round_id, seed_sha256, committed_by, committed_at, seed, drawn_at,
                                    per_district, rate_permille, inspectors_per_check, candidates,
                                    inspector_pool)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql";
constexpr std::string_view kFindCommitment = R"sql(
SELECT round_id, seed_sha256, committed_by, committed_at, seed, drawn_at, per_district, rate_permille,
       inspectors_per_check, candidates, inspector_pool
  FROM spot_check_commitments WHERE round_id = ?1)sql";
constexpr std::string_view kUpdateCommitment = R"sql(
UPDATE spot_check_commitments SET seed = ?5, drawn_at = ?6, per_district = ?7, rate_permille = ?8,
       inspectors_per_check = ?9, candidates = ?10, inspector_pool = ?11
 WHERE round_id = ?1 AND seed_sha256 = ?2 AND committed_by = ?3 AND committed_at = ?4)sql";

constexpr std::string_view kCheckColumns = R"sql(
SELECT id, round_id, application_id, community_code, community_name, district_code, inspectors,
       passed, findings, recorded_by, recorded_at
  FROM spot_checks)sql";
constexpr std::string_view kInsertCheck = R"sql(
INSERT INTO spot_checks (round_id, application_id, community_code, community_name, district_code,
                         inspectors, passed, findings, recorded_by, recorded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql";
constexpr std::string_view kUpdateCheck = R"sql(
UPDATE spot_checks SET passed = ?2, findings = ?3, recorded_by = ?4, recorded_at = ?5 WHERE id = ?1)sql";

constexpr std::string_view kInsertPhoto = R"sql(
INSERT INTO spot_check_photos (spot_check_id, sha256, size, content_type, file_name, uploaded_by, uploaded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql";
constexpr std::string_view kPhotos = R"sql(
SELECT id, spot_check_id, sha256, size, content_type, file_name, uploaded_by, uploaded_at
  FROM spot_check_photos WHERE spot_check_id = ?1 ORDER BY id)sql";

Notice read_notice(const Statement& row) {
    Notice n;
    n.round_id = row.column_int64(0);
    n.starts_at = from_unix_ms(row.column_int64(1));
    n.ends_at = from_unix_ms(row.column_int64(2));
    n.published_by = row.column_text(3);
    n.finalized_at = optional_time(row, 4);
    return n;
}

Result<Comment> read_comment(const Statement& row) {
    Comment c;
    c.id = row.column_int64(0);
    c.round_id = row.column_int64(1);
    c.application_id = row.column_int64(2);
    c.community_code = row.column_text(3);
    c.community_name = row.column_text(4);
    c.content = row.column_text(5);
    c.name = row.column_text(6);
    c.phone_sealed = row.column_text(7);
    c.phone_masked = row.column_text(8);
    c.phone_digest = row.column_text(9);
    c.client_addr = row.column_text(10);
    c.created_at = from_unix_ms(row.column_int64(11));
    const auto moderation = notice::parse_moderation(row.column_text(12));
    if (!moderation) return fail(corrupt_row("comments", c.id, "unknown moderation '" + row.column_text(12) + "'"));
    c.moderation = *moderation;
    if (!row.column_is_null(13)) {
        const auto disposition = notice::parse_disposition(row.column_text(13));
        if (!disposition) return fail(corrupt_row("comments", c.id, "unknown disposition '" + row.column_text(13) + "'"));
        c.disposition = *disposition;
    }
    c.response = row.column_text(14);
    c.disposed_by = row.column_text(15);
    c.disposed_at = optional_time(row, 16);
    return c;
}

void bind_commitment(Statement& statement, const Commitment& c) {
    statement.bind_int64(1, c.round_id).bind_text(2, c.seed_sha256).bind_text(3, c.committed_by);
    statement.bind_int64(4, to_unix_ms(c.committed_at)).bind_optional_text(5, c.seed);
    statement.bind_optional_int64(6, optional_ms(c.drawn_at)).bind_int64(7, c.per_district);
    statement.bind_int64(8, static_cast<std::int64_t>(std::llround(c.rate * 1000.0)));
    statement.bind_int64(9, c.inspectors_per_check).bind_text(10, encode_candidates(c.candidates));
    statement.bind_text(11, encode_pool(c.inspector_pool));
}

Result<Commitment> read_commitment(const Statement& row) {
    Commitment c;
    c.round_id = row.column_int64(0);
    c.seed_sha256 = row.column_text(1);
    c.committed_by = row.column_text(2);
    c.committed_at = from_unix_ms(row.column_int64(3));
    if (!row.column_is_null(4)) c.seed = row.column_text(4);
    c.drawn_at = optional_time(row, 5);
    c.per_district = static_cast<int>(row.column_int64(6));
    c.rate = static_cast<double>(row.column_int64(7)) / 1000.0;
    c.inspectors_per_check = static_cast<int>(row.column_int64(8));
    RETURN_IF_ERROR(decode_draw_input(c, row.column_text(9), row.column_text(10), "spot_check_commitments"));
    return c;
}

Result<SpotCheck> read_check(const Statement& row) {
    SpotCheck c;
    c.id = row.column_int64(0);
    c.round_id = row.column_int64(1);
    c.application_id = row.column_int64(2);
    c.community_code = row.column_text(3);
    c.community_name = row.column_text(4);
    c.district_code = row.column_text(5);
    ASSIGN_OR_RETURN(c.inspectors, decode_names(row.column_text(6), "spot_checks", c.id));
    if (!row.column_is_null(7)) c.passed = row.column_bool(7);
    c.findings = row.column_text(8);
    c.recorded_by = row.column_text(9);
    c.recorded_at = optional_time(row, 10);
    return c;
}

std::optional<std::int64_t> optional_bool(const std::optional<bool>& value) {
    if (!value) return std::nullopt;
    return *value ? 1 : 0;
}

}  // namespace

Status SqliteNoticeRepository::insert(const Notice& notice) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertNotice));
    statement.bind_int64(1, notice.round_id).bind_int64(2, to_unix_ms(notice.starts_at));
    statement.bind_int64(3, to_unix_ms(notice.ends_at)).bind_text(4, notice.published_by);
    const auto inserted = statement.run();
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists) {
        return fail(Error{ErrorCode::kFailedPrecondition, "notice_published", "该批次的公示已经发布"});
    }
    return inserted;
}

Result<std::optional<Notice>> SqliteNoticeRepository::find(std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindNotice));
    query.bind_int64(1, round_id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Notice>();
    return std::optional<Notice>(read_notice(query));
}

Result<std::vector<Notice>> SqliteNoticeRepository::list() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kListNotices));
    return read_all<Notice>(query, [](const Statement& row) -> Result<Notice> { return read_notice(row); });
}

Status SqliteNoticeRepository::set_finalized(std::int64_t round_id, Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kFinalize));
    statement.bind_int64(1, round_id).bind_int64(2, to_unix_ms(at));
    return statement.run();
}

Result<std::int64_t> SqliteNoticeRepository::add_comment(const Comment& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertComment));
    statement.bind_int64(1, c.round_id).bind_int64(2, c.application_id).bind_text(3, c.community_code);
    statement.bind_text(4, c.community_name).bind_text(5, c.content).bind_text(6, c.name);
    statement.bind_text(7, c.phone_sealed).bind_text(8, c.phone_masked).bind_text(9, c.phone_digest);
    statement.bind_text(10, c.client_addr).bind_int64(11, to_unix_ms(c.created_at));
    statement.bind_text(12, notice::to_string(c.moderation));
    statement.bind_optional_text(13, c.disposition ? std::optional<std::string>(notice::to_string(*c.disposition))
                                                   : std::nullopt);
    statement.bind_text(14, c.response).bind_text(15, c.disposed_by);
    statement.bind_optional_int64(16, optional_ms(c.disposed_at));
    RETURN_IF_ERROR(statement.run());
    return connection_.last_insert_rowid();
}

Result<std::optional<Comment>> SqliteNoticeRepository::find_comment(std::int64_t id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(std::string(kCommentColumns) + " WHERE id = ?1"));
    query.bind_int64(1, id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Comment>();
    ASSIGN_OR_RETURN(auto comment, read_comment(query));
    return std::optional<Comment>(std::move(comment));
}

Result<std::vector<Comment>> SqliteNoticeRepository::comments(std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(std::string(kCommentColumns) + " WHERE round_id = ?1 ORDER BY id"));
    query.bind_int64(1, round_id);
    return read_all<Comment>(query, read_comment);
}

Status SqliteNoticeRepository::update_comment(const Comment& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdateComment));
    statement.bind_int64(1, c.id).bind_text(2, notice::to_string(c.moderation));
    statement.bind_optional_text(3, c.disposition ? std::optional<std::string>(notice::to_string(*c.disposition))
                                                  : std::nullopt);
    statement.bind_text(4, c.response).bind_text(5, c.disposed_by);
    statement.bind_optional_int64(6, optional_ms(c.disposed_at));
    return statement.run();
}

Status SqliteNoticeRepository::put_phone_code(const notice::PhoneCode& code) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kPutCode));
    statement.bind_text(1, code.phone_digest).bind_text(2, code.code_digest);
    statement.bind_int64(3, to_unix_ms(code.sent_at)).bind_int64(4, to_unix_ms(code.expires_at));
    statement.bind_int64(5, code.attempts);
    return statement.run();
}

Result<std::optional<notice::PhoneCode>> SqliteNoticeRepository::phone_code(const std::string& phone_digest) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindCode));
    query.bind_text(1, phone_digest);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<notice::PhoneCode>();
    notice::PhoneCode code{query.column_text(0), query.column_text(1), from_unix_ms(query.column_int64(2)),
                           from_unix_ms(query.column_int64(3)), static_cast<int>(query.column_int64(4))};
    return std::optional<notice::PhoneCode>(std::move(code));
}

Status SqliteNoticeRepository::delete_phone_code(const std::string& phone_digest) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kDeleteCode));
    statement.bind_text(1, phone_digest);
    return statement.run();
}

Status SqliteNoticeRepository::count_action(notice::PublicAction action, const std::string& key_digest,
                                            Timestamp at) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kCountAction));
    statement.bind_text(1, notice::to_string(action)).bind_text(2, key_digest).bind_int64(3, to_unix_ms(at));
    return statement.run();
}

Result<std::int64_t> SqliteNoticeRepository::actions_since(notice::PublicAction action,
                                                           const std::string& key_digest, Timestamp since) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kActionsSince));
    query.bind_text(1, notice::to_string(action)).bind_text(2, key_digest).bind_int64(3, to_unix_ms(since));
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return fail(Error::internal("count(*) returned no row"));
    return query.column_int64(0);
}

Status SqliteNoticeRepository::insert_commitment(const Commitment& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertCommitment));
    bind_commitment(statement, c);
    const auto inserted = statement.run();
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists) {
        return fail(Error{ErrorCode::kFailedPrecondition, "commitment_exists", "该批次的抽查种子承诺已经发布，不能更改"});
    }
    return inserted;
}

Result<std::optional<Commitment>> SqliteNoticeRepository::commitment(std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFindCommitment));
    query.bind_int64(1, round_id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Commitment>();
    ASSIGN_OR_RETURN(auto c, read_commitment(query));
    return std::optional<Commitment>(std::move(c));
}

Status SqliteNoticeRepository::update_commitment(const Commitment& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdateCommitment));
    bind_commitment(statement, c);
    RETURN_IF_ERROR(statement.run());
    if (connection_.changes() == 0) return fail(Error::internal("commitment of round changed underneath"));
    return ok();
}

Result<std::int64_t> SqliteNoticeRepository::add_spot_check(const SpotCheck& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertCheck));
    statement.bind_int64(1, c.round_id).bind_int64(2, c.application_id).bind_text(3, c.community_code);
    statement.bind_text(4, c.community_name).bind_text(5, c.district_code);
    statement.bind_text(6, encode_names(c.inspectors));
    statement.bind_optional_int64(7, optional_bool(c.passed)).bind_text(8, c.findings);
    statement.bind_text(9, c.recorded_by).bind_optional_int64(10, optional_ms(c.recorded_at));
    RETURN_IF_ERROR(statement.run());
    return connection_.last_insert_rowid();
}

Result<std::optional<SpotCheck>> SqliteNoticeRepository::find_spot_check(std::int64_t id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(std::string(kCheckColumns) + " WHERE id = ?1"));
    query.bind_int64(1, id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<SpotCheck>();
    ASSIGN_OR_RETURN(auto check, read_check(query));
    return std::optional<SpotCheck>(std::move(check));
}

Result<std::vector<SpotCheck>> SqliteNoticeRepository::spot_checks(std::int64_t round_id) {
    ASSIGN_OR_RETURN(auto query,
                     connection_.prepare(std::string(kCheckColumns) + " WHERE round_id = ?1 ORDER BY district_code, id"));
    query.bind_int64(1, round_id);
    return read_all<SpotCheck>(query, read_check);
}

Status SqliteNoticeRepository::update_spot_check(const SpotCheck& c) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdateCheck));
    statement.bind_int64(1, c.id).bind_optional_int64(2, optional_bool(c.passed)).bind_text(3, c.findings);
    statement.bind_text(4, c.recorded_by).bind_optional_int64(5, optional_ms(c.recorded_at));
    return statement.run();
}

Result<std::int64_t> SqliteNoticeRepository::add_photo(const SpotCheckPhoto& p) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertPhoto));
    statement.bind_int64(1, p.spot_check_id).bind_text(2, p.sha256).bind_int64(3, p.size);
    statement.bind_text(4, p.content_type).bind_text(5, p.file_name).bind_text(6, p.uploaded_by);
    statement.bind_int64(7, to_unix_ms(p.uploaded_at));
    RETURN_IF_ERROR(statement.run());
    return connection_.last_insert_rowid();
}

Result<std::vector<SpotCheckPhoto>> SqliteNoticeRepository::photos(std::int64_t spot_check_id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kPhotos));
    query.bind_int64(1, spot_check_id);
    return read_all<SpotCheckPhoto>(query, [](const Statement& row) -> Result<SpotCheckPhoto> {
        return SpotCheckPhoto{row.column_int64(0), row.column_int64(1), row.column_text(2), row.column_int64(3),
                              row.column_text(4),  row.column_text(5),  row.column_text(6),
                              from_unix_ms(row.column_int64(7))};
    });
}

}  // namespace hx::storage::sqlite

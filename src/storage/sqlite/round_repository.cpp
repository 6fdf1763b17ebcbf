#include "storage/sqlite/round_repository.hpp"

#include <limits>

namespace hx::storage::sqlite {

using rounds::Round;
using rounds::RoundStatus;

namespace {

constexpr std::string_view kFind = R"sql(
SELECT id, year, kind, standard_id, standard_revision, scope, community_deadline,
       district_deadline, notice_days, status, name, created_at, opened_at
  FROM rounds
 WHERE id = ?1)sql";

constexpr std::string_view kList = R"sql(
SELECT id, year, kind, standard_id, standard_revision, scope, community_deadline,
       district_deadline, notice_days, status, name, created_at, opened_at
  FROM rounds
 ORDER BY year DESC, id)sql";

// ?1 … ?12 are the same fields in insert and update; update adds ?13, the id.
constexpr std::string_view kInsert = R"sql(
INSERT INTO rounds (year, kind, standard_id, standard_revision, scope, community_deadline,
                    district_deadline, notice_days, status, name, created_at, opened_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE rounds
   SET year = ?1, kind = ?2, standard_id = ?3, standard_revision = ?4, scope = ?5,
       community_deadline = ?6, district_deadline = ?7, notice_days = ?8, status = ?9,
       name = ?10, created_at = ?11, opened_at = ?12
 WHERE id = ?13)sql";

/// The model has no parse for a status (only the API's words are parsed there), so the one
/// mapping is read backwards: the word of each value, compared.
std::optional<RoundStatus> parse_status(std::string_view text) {
    for (const auto status : {RoundStatus::kDraft, RoundStatus::kOpen, RoundStatus::kClosed}) {
        if (text == rounds::to_string(status)) return status;
    }
    return std::nullopt;
}

std::optional<int> column_int(const Statement& row, int index) {
    const std::int64_t value = row.column_int64(index);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        return std::nullopt;
    }
    return static_cast<int>(value);
}

/// A row the code cannot read: the database was changed outside huixing (or by a newer one).
Error corrupt(std::int64_t id, const std::string& what) {
    return Error::internal("rounds row " + std::to_string(id) + ": " + what);
}

Result<Round> read_round(const Statement& row) {
    Round round;
    round.id = row.column_int64(0);
    const auto year = column_int(row, 1);
    const auto revision = column_int(row, 4);
    const auto notice_days = column_int(row, 8);
    if (!year || !revision || !notice_days) {
        return fail(corrupt(round.id, "year, standard_revision or notice_days out of range"));
    }
    round.year = *year;
    const std::string kind = row.column_text(2);
    const auto parsed_kind = rounds::parse_round_kind(kind);
    if (!parsed_kind) return fail(corrupt(round.id, "unknown kind '" + kind + "'"));
    round.kind = *parsed_kind;
    round.standard_id = row.column_text(3);
    round.standard_revision = *revision;
    const std::string scope = row.column_text(5);
    const auto parsed_scope = rounds::parse_round_scope(scope);
    if (!parsed_scope) return fail(corrupt(round.id, "unknown scope '" + scope + "'"));
    round.scope = *parsed_scope;
    round.calendar.community_deadline = from_unix_ms(row.column_int64(6));
    round.calendar.district_deadline = from_unix_ms(row.column_int64(7));
    round.calendar.notice_days = *notice_days;
    const std::string status = row.column_text(9);
    const auto parsed_status = parse_status(status);
    if (!parsed_status) return fail(corrupt(round.id, "unknown status '" + status + "'"));
    round.status = *parsed_status;
    round.name = row.column_text(10);
    round.created_at = from_unix_ms(row.column_int64(11));
    if (const auto opened = row.column_optional_int64(12)) round.opened_at = from_unix_ms(*opened);
    return round;
}

void bind_fields(Statement& statement, const Round& round) {
    statement.bind_int64(1, round.year).bind_text(2, rounds::to_string(round.kind));
    statement.bind_text(3, round.standard_id).bind_int64(4, round.standard_revision);
    statement.bind_text(5, rounds::to_string(round.scope));
    statement.bind_int64(6, to_unix_ms(round.calendar.community_deadline));
    statement.bind_int64(7, to_unix_ms(round.calendar.district_deadline));
    statement.bind_int64(8, round.calendar.notice_days);
    statement.bind_text(9, rounds::to_string(round.status)).bind_text(10, round.name);
    statement.bind_int64(11, to_unix_ms(round.created_at));
    std::optional<std::int64_t> opened_at;
    if (round.opened_at) opened_at = to_unix_ms(*round.opened_at);
    statement.bind_optional_int64(12, opened_at);
}

/// The readable error of a refused insert or update: a second round of the same year and kind,
/// or a standard revision that does not exist.
Error write_error(const Error& error, const Round& round) {
    if (error.code() == ErrorCode::kAlreadyExists) {
        return {ErrorCode::kAlreadyExists, "round_exists",
                std::to_string(round.year) + " 年的" + rounds::round_kind_label(round.kind) +
                    "批次已存在"};
    }
    if (error.code() == ErrorCode::kFailedPrecondition) {
        return Error::invalid("unknown_standard",
                              "标准 '" + round.standard_id + "' 第 " +
                                  std::to_string(round.standard_revision) + " 版不存在",
                              {{"standard_id", "没有这个标准版本"}});
    }
    return error;
}

}  // namespace

Result<std::int64_t> SqliteRoundRepository::insert(const Round& round) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsert));
    bind_fields(statement, round);
    const auto inserted = statement.run();
    if (!inserted) return fail(write_error(inserted.error(), round));
    return connection_.last_insert_rowid();
}

Result<std::optional<Round>> SqliteRoundRepository::find(std::int64_t id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kFind));
    query.bind_int64(1, id);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<Round>();
    ASSIGN_OR_RETURN(auto round, read_round(query));
    return std::optional<Round>(std::move(round));
}

Result<std::vector<Round>> SqliteRoundRepository::list() {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kList));
    std::vector<Round> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return out;
        ASSIGN_OR_RETURN(auto round, read_round(query));
        out.push_back(std::move(round));
    }
}

Status SqliteRoundRepository::update(const Round& round) {
    ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdate));
    bind_fields(statement, round);
    statement.bind_int64(13, round.id);
    const auto updated = statement.run();
    if (!updated) return fail(write_error(updated.error(), round));
    if (connection_.changes() == 0) {
        return fail(Error::not_found("认定批次 #" + std::to_string(round.id) + " 不存在"));
    }
    return ok();
}

}  // namespace hx::storage::sqlite

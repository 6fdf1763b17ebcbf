#include "storage/sqlite/standard_repository.hpp"

#include <charconv>
#include <limits>
#include <unordered_map>
#include <utility>

#include "domain/standards/validation.hpp"

namespace hx::storage::sqlite {

using standards::Category;
using standards::Indicator;
using standards::RevisionHeader;
using standards::StarLevel;
using standards::StoredStandard;
using standards::Subcategory;

namespace {

// ---- SQL ---------------------------------------------------------------------------------------
// Every child query starts with (id, revision) so one set of row readers serves find() (one
// revision) and latest_all() (the latest revision of every id).

constexpr std::string_view kRevision = R"sql(
SELECT id, revision, generation, name, version, kind, note, count_what, max_star, frozen,
       created_at, updated_at
  FROM standard_revisions
 WHERE id = ?1 AND revision = ?2)sql";

constexpr std::string_view kLatestRevision = R"sql(
SELECT id, revision, generation, name, version, kind, note, count_what, max_star, frozen,
       created_at, updated_at
  FROM standard_revisions
 WHERE id = ?1
 ORDER BY revision DESC
 LIMIT 1)sql";

constexpr std::string_view kAllLatestRevisions = R"sql(
SELECT r.id, r.revision, r.generation, r.name, r.version, r.kind, r.note, r.count_what,
       r.max_star, r.frozen, r.created_at, r.updated_at
  FROM standard_revisions r
 WHERE r.revision = (SELECT max(m.revision) FROM standard_revisions m WHERE m.id = r.id)
 ORDER BY r.id)sql";

constexpr std::string_view kLevels = R"sql(
SELECT id, revision, star, min, conditions, current_star_in
  FROM standard_levels
 WHERE id = ?1 AND revision = ?2
 ORDER BY position)sql";

constexpr std::string_view kCategories = R"sql(
SELECT id, revision, position, code, name, parent_position
  FROM standard_categories
 WHERE id = ?1 AND revision = ?2
 ORDER BY position)sql";

constexpr std::string_view kIndicators = R"sql(
SELECT id, revision, subcategory_position, code, title, description, kind, evidence_hint,
       life_elements, provenance
  FROM standard_indicators
 WHERE id = ?1 AND revision = ?2
 ORDER BY position)sql";

// The same columns for the latest revision of every id, ordered by id then position.
constexpr std::string_view kAllLatestLevels = R"sql(
WITH latest AS (SELECT id, max(revision) AS revision FROM standard_revisions GROUP BY id)
SELECT c.id, c.revision, c.star, c.min, c.conditions, c.current_star_in
  FROM latest JOIN standard_levels c ON c.id = latest.id AND c.revision = latest.revision
 ORDER BY c.id, c.position)sql";

constexpr std::string_view kAllLatestCategories = R"sql(
WITH latest AS (SELECT id, max(revision) AS revision FROM standard_revisions GROUP BY id)
SELECT c.id, c.revision, c.position, c.code, c.name, c.parent_position
  FROM latest JOIN standard_categories c ON c.id = latest.id AND c.revision = latest.revision
 ORDER BY c.id, c.position)sql";

constexpr std::string_view kAllLatestIndicators = R"sql(
WITH latest AS (SELECT id, max(revision) AS revision FROM standard_revisions GROUP BY id)
SELECT c.id, c.revision, c.subcategory_position, c.code, c.title, c.description, c.kind,
       c.evidence_hint, c.life_elements, c.provenance
  FROM latest JOIN standard_indicators c ON c.id = latest.id AND c.revision = latest.revision
 ORDER BY c.id, c.position)sql";

constexpr std::string_view kHeader =
    "SELECT id, revision, generation, frozen FROM standard_revisions "
    "WHERE id = ?1 AND revision = ?2";
constexpr std::string_view kLatestHeader =
    "SELECT id, revision, generation, frozen FROM standard_revisions "
    "WHERE id = ?1 ORDER BY revision DESC LIMIT 1";
constexpr std::string_view kRevisions =
    "SELECT id, revision, generation, frozen FROM standard_revisions "
    "WHERE id = ?1 ORDER BY revision DESC";

constexpr std::string_view kInsertRevision = R"sql(
INSERT INTO standard_revisions (id, revision, generation, name, version, kind, note, count_what,
                                max_star, frozen, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11))sql";

constexpr std::string_view kUpdateRevision = R"sql(
UPDATE standard_revisions
   SET generation = ?3, name = ?4, version = ?5, kind = ?6, note = ?7, count_what = ?8,
       max_star = ?9, updated_at = ?10
 WHERE id = ?1 AND revision = ?2)sql";

constexpr std::string_view kInsertLevel = R"sql(
INSERT INTO standard_levels (id, revision, star, position, min, conditions, current_star_in)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql";

constexpr std::string_view kInsertCategory = R"sql(
INSERT INTO standard_categories (id, revision, position, code, name, parent_position)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

constexpr std::string_view kInsertIndicator = R"sql(
INSERT INTO standard_indicators (id, revision, position, subcategory_position, code, title,
                                 description, kind, evidence_hint, life_elements, provenance)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql";

// Children first: indicators point at categories, 二级 categories at 一级 ones (one statement
// deletes both, so the self-reference is satisfied when it ends).
constexpr std::string_view kDeleteIndicators =
    "DELETE FROM standard_indicators WHERE id = ?1 AND revision = ?2";
constexpr std::string_view kDeleteCategories =
    "DELETE FROM standard_categories WHERE id = ?1 AND revision = ?2";
constexpr std::string_view kDeleteLevels =
    "DELETE FROM standard_levels WHERE id = ?1 AND revision = ?2";

constexpr std::string_view kFreeze =
    "UPDATE standard_revisions SET frozen = 1 WHERE id = ?1 AND revision = ?2 AND frozen = 0";

// ---- Messages ----------------------------------------------------------------------------------

std::string revision_name(const std::string& id, int revision) {
    return "标准 '" + id + "' 第 " + std::to_string(revision) + " 版";
}

Error revision_not_found(const std::string& id, int revision) {
    return Error::not_found(revision_name(id, revision) + "不存在");
}

/// A row the code cannot read: the database was changed outside huixing (or by a newer one).
Error corrupt(std::string_view table, const std::string& id, std::int64_t revision,
              const std::string& what) {
    return Error::internal(std::string(table) + " row of standard '" + id + "' revision " +
                           std::to_string(revision) + ": " + what);
}

// ---- Lists in one column -----------------------------------------------------------------------

std::string join_conditions(const std::vector<standards::Condition>& conditions) {
    std::string out;
    for (const auto condition : conditions) {
        if (!out.empty()) out += ',';
        out += standards::to_string(condition);
    }
    return out;
}

std::string join_stars(const std::vector<int>& stars) {
    std::string out;
    for (const int star : stars) {
        if (!out.empty()) out += ',';
        out += std::to_string(star);
    }
    return out;
}

std::string join_life_elements(const std::vector<standards::LifeElement>& elements) {
    std::string out;
    for (const auto element : elements) out += standards::to_string(element);
    return out;
}

/// The comma-separated items of `text`; none for "".
std::vector<std::string_view> split_commas(std::string_view text) {
    std::vector<std::string_view> out;
    if (text.empty()) return out;
    while (true) {
        const auto comma = text.find(',');
        out.push_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

/// The UTF-8 characters of `text`, or nothing when it is not well-formed UTF-8 at the level of
/// sequence lengths (each life element is written as one character, 吃 … 健).
std::optional<std::vector<std::string_view>> split_characters(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        const auto lead = static_cast<unsigned char>(text.front());
        std::size_t length = 0;
        if (lead < 0x80) {
            length = 1;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
        } else {
            return std::nullopt;
        }
        if (length > text.size()) return std::nullopt;
        out.push_back(text.substr(0, length));
        text.remove_prefix(length);
    }
    return out;
}

// ---- Reading rows ------------------------------------------------------------------------------

/// An INTEGER column that must fit an int (revision, star, min, …).
std::optional<int> column_int(const Statement& row, int index) {
    const std::int64_t value = row.column_int64(index);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        return std::nullopt;
    }
    return static_cast<int>(value);
}

Result<RevisionHeader> read_header(const Statement& row) {
    RevisionHeader header;
    header.id = row.column_text(0);
    const auto revision = column_int(row, 1);
    if (!revision) {
        return fail(
            corrupt("standard_revisions", header.id, row.column_int64(1), "revision out of range"));
    }
    header.revision = *revision;
    header.generation = row.column_int64(2);
    header.frozen = row.column_bool(3);
    return header;
}

/// A row of kRevision / kLatestRevision / kAllLatestRevisions, without its catalogue.
Result<StoredStandard> read_revision(const Statement& row) {
    StoredStandard stored;
    auto& standard = stored.standard;
    standard.id = row.column_text(0);
    const std::int64_t raw_revision = row.column_int64(1);
    const auto revision = column_int(row, 1);
    const auto max_star = column_int(row, 8);
    if (!revision || !max_star) {
        return fail(corrupt("standard_revisions", standard.id, raw_revision,
                            "revision or max_star out of range"));
    }
    stored.revision = *revision;
    stored.generation = row.column_int64(2);
    standard.name = row.column_text(3);
    standard.version = row.column_text(4);
    standard.kind = row.column_text(5);
    standard.note = row.column_text(6);
    const std::string count = row.column_text(7);
    const auto parsed_count = standards::parse_count_what(count);
    if (!parsed_count) {
        return fail(corrupt("standard_revisions", standard.id, raw_revision,
                            "unknown count_what '" + count + "'"));
    }
    standard.rules.count = *parsed_count;
    standard.rules.max_star = *max_star;
    stored.frozen = row.column_bool(9);
    stored.created_at = from_unix_ms(row.column_int64(10));
    stored.updated_at = from_unix_ms(row.column_int64(11));
    return stored;
}

/// One revision being put together from its child rows, in position order.
class Assembly {
public:
    explicit Assembly(StoredStandard& stored) : stored_(&stored) {}

    [[nodiscard]] const StoredStandard& stored() const { return *stored_; }

    /// A row of kLevels / kAllLatestLevels.
    Status add_level(const Statement& row) {
        StarLevel level;
        const auto star = column_int(row, 2);
        const auto min = column_int(row, 3);
        if (!star || !min) return fail(bad_row("standard_levels", "star or min out of range"));
        level.star = *star;
        level.min = *min;
        const std::string conditions = row.column_text(4);
        for (const auto word : split_commas(conditions)) {
            const auto condition = standards::parse_condition(word);
            if (!condition) {
                return fail(bad_row("standard_levels", "star " + std::to_string(level.star) +
                                                           " has unknown condition '" +
                                                           std::string(word) + "'"));
            }
            level.conditions.push_back(*condition);
        }
        if (!row.column_is_null(5)) {
            const std::string stars = row.column_text(5);
            std::vector<int> current;
            for (const auto item : split_commas(stars)) {
                int value = 0;
                const auto [end, error] =
                    std::from_chars(item.data(), item.data() + item.size(), value);
                if (error != std::errc() || end != item.data() + item.size()) {
                    return fail(bad_row("standard_levels", "star " + std::to_string(level.star) +
                                                               " has current_star_in '" + stars +
                                                               "'"));
                }
                current.push_back(value);
            }
            level.current_star_in = std::move(current);
        }
        stored_->standard.rules.levels.push_back(std::move(level));
        return ok();
    }

    /// A row of kCategories / kAllLatestCategories: a 一级 (no parent) or a 二级 category.
    Status add_category(const Statement& row) {
        const std::int64_t position = row.column_int64(2);
        auto& categories = stored_->standard.categories;
        if (row.column_is_null(5)) {
            categories.push_back(Category{row.column_text(3), row.column_text(4), {}});
            categories_.emplace(position, categories.size() - 1);
            return ok();
        }
        const std::int64_t parent = row.column_int64(5);
        const auto found = categories_.find(parent);
        if (found == categories_.end()) {
            return fail(
                bad_row("standard_categories", "category at position " + std::to_string(position) +
                                                   " has no 一级 category at parent_position " +
                                                   std::to_string(parent)));
        }
        auto& subcategories = categories[found->second].subcategories;
        subcategories.push_back(Subcategory{row.column_text(3), row.column_text(4), {}});
        subcategories_.emplace(position, std::make_pair(found->second, subcategories.size() - 1));
        return ok();
    }

    /// A row of kIndicators / kAllLatestIndicators.
    Status add_indicator(const Statement& row) {
        Indicator indicator;
        indicator.code = row.column_text(3);
        const std::int64_t subcategory = row.column_int64(2);
        const auto found = subcategories_.find(subcategory);
        if (found == subcategories_.end()) {
            return fail(bad_indicator(indicator.code, "no 二级 category at subcategory_position " +
                                                          std::to_string(subcategory)));
        }
        indicator.title = row.column_text(4);
        if (!row.column_is_null(5)) indicator.description = row.column_text(5);
        const std::string kind = row.column_text(6);
        const auto parsed_kind = standards::parse_indicator_kind(kind);
        if (!parsed_kind) return fail(bad_indicator(indicator.code, "unknown kind '" + kind + "'"));
        indicator.kind = *parsed_kind;
        if (!row.column_is_null(7)) indicator.evidence_hint = row.column_text(7);
        const std::string elements = row.column_text(8);
        const auto characters = split_characters(elements);
        if (!characters) {
            return fail(
                bad_indicator(indicator.code, "malformed life_elements '" + elements + "'"));
        }
        for (const auto character : *characters) {
            const auto element = standards::parse_life_element(character);
            if (!element) {
                return fail(bad_indicator(indicator.code,
                                          "unknown life element '" + std::string(character) + "'"));
            }
            indicator.life_elements.push_back(*element);
        }
        const std::string provenance = row.column_text(9);
        const auto parsed_provenance = standards::parse_provenance(provenance);
        if (!parsed_provenance) {
            return fail(bad_indicator(indicator.code, "unknown provenance '" + provenance + "'"));
        }
        indicator.provenance = *parsed_provenance;
        const auto [category, index] = found->second;
        stored_->standard.categories[category].subcategories[index].indicators.push_back(
            std::move(indicator));
        return ok();
    }

private:
    [[nodiscard]] Error bad_row(std::string_view table, const std::string& what) const {
        return corrupt(table, stored_->standard.id, stored_->revision, what);
    }
    [[nodiscard]] Error bad_indicator(const std::string& code, const std::string& what) const {
        return bad_row("standard_indicators", "indicator '" + code + "': " + what);
    }

    StoredStandard* stored_;
    std::unordered_map<std::int64_t, std::size_t> categories_;  // position → index
    std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> subcategories_;
};

/// Runs a child query and hands each row to the assembly of its (id, revision); `assembly_for`
/// answers null for a revision that is not being loaded.
template <typename AssemblyFor, typename Add>
Status read_children(Statement& query, std::string_view table, AssemblyFor assembly_for, Add add) {
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return ok();
        const std::string id = query.column_text(0);
        const std::int64_t revision = query.column_int64(1);
        Assembly* assembly = assembly_for(id, revision);
        if (assembly == nullptr) {
            return fail(corrupt(table, id, revision, "row of a revision that was not selected"));
        }
        RETURN_IF_ERROR(add(*assembly, query));
    }
}

/// Loads levels, categories and indicators with the three queries given (already bound).
template <typename AssemblyFor>
Status read_catalogues(Statement& levels, Statement& categories, Statement& indicators,
                       AssemblyFor assembly_for) {
    RETURN_IF_ERROR(
        read_children(levels, "standard_levels", assembly_for,
                      [](Assembly& a, const Statement& row) { return a.add_level(row); }));
    RETURN_IF_ERROR(
        read_children(categories, "standard_categories", assembly_for,
                      [](Assembly& a, const Statement& row) { return a.add_category(row); }));
    return read_children(indicators, "standard_indicators", assembly_for,
                         [](Assembly& a, const Statement& row) { return a.add_indicator(row); });
}

void bind_revision_fields(Statement& statement, const StoredStandard& stored) {
    const auto& standard = stored.standard;
    statement.bind_text(1, standard.id).bind_int64(2, stored.revision);
    statement.bind_int64(3, stored.generation).bind_text(4, standard.name);
    statement.bind_text(5, standard.version).bind_text(6, standard.kind);
    statement.bind_text(7, standard.note);
    statement.bind_text(8, standards::to_string(standard.rules.count));
    statement.bind_int64(9, standard.rules.max_star);
}

/// A repeated key in the catalogue: the tables cannot hold it (validate_standard says so first).
Error repeated(const StoredStandard& stored, std::string field, std::string message) {
    return standards::invalid_standard_error(stored.standard.id,
                                             {FieldError{std::move(field), std::move(message)}});
}

std::string indexed(std::string_view base, std::size_t index) {
    return std::string(base) + "[" + std::to_string(index) + "]";
}

}  // namespace

// ---- Reads -------------------------------------------------------------------------------------

Result<std::vector<StoredStandard>> SqliteStandardRepository::latest_all() {
    std::vector<StoredStandard> out;
    {
        ASSIGN_OR_RETURN(auto query, connection_.prepare(kAllLatestRevisions));
        while (true) {
            ASSIGN_OR_RETURN(const bool row, query.step());
            if (!row) break;
            ASSIGN_OR_RETURN(auto stored, read_revision(query));
            out.push_back(std::move(stored));
        }
    }
    if (out.empty()) return out;
    // `out` does not grow from here on, so the assemblies' pointers into it stay valid.
    std::vector<Assembly> assemblies;
    assemblies.reserve(out.size());
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < out.size(); ++i) {
        assemblies.emplace_back(out[i]);
        by_id.emplace(out[i].standard.id, i);
    }
    auto assembly_for = [&](const std::string& id, std::int64_t revision) -> Assembly* {
        const auto found = by_id.find(id);
        if (found == by_id.end() || out[found->second].revision != revision) return nullptr;
        return &assemblies[found->second];
    };
    ASSIGN_OR_RETURN(auto levels, connection_.prepare(kAllLatestLevels));
    ASSIGN_OR_RETURN(auto categories, connection_.prepare(kAllLatestCategories));
    ASSIGN_OR_RETURN(auto indicators, connection_.prepare(kAllLatestIndicators));
    RETURN_IF_ERROR(read_catalogues(levels, categories, indicators, assembly_for));
    return out;
}

Result<std::optional<StoredStandard>> SqliteStandardRepository::find(const std::string& id,
                                                                     std::optional<int> revision) {
    std::optional<StoredStandard> stored;
    {
        ASSIGN_OR_RETURN(auto query, connection_.prepare(revision ? kRevision : kLatestRevision));
        query.bind_text(1, id);
        if (revision) query.bind_int64(2, *revision);
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return stored;
        ASSIGN_OR_RETURN(stored, read_revision(query));
    }
    Assembly assembly(*stored);
    auto assembly_for = [&](const std::string& row_id, std::int64_t row_revision) -> Assembly* {
        return row_id == stored->standard.id && row_revision == stored->revision ? &assembly
                                                                                 : nullptr;
    };
    ASSIGN_OR_RETURN(auto levels, connection_.prepare(kLevels));
    ASSIGN_OR_RETURN(auto categories, connection_.prepare(kCategories));
    ASSIGN_OR_RETURN(auto indicators, connection_.prepare(kIndicators));
    for (Statement* query : {&levels, &categories, &indicators}) {
        query->bind_text(1, stored->standard.id).bind_int64(2, stored->revision);
    }
    RETURN_IF_ERROR(read_catalogues(levels, categories, indicators, assembly_for));
    return stored;
}

Result<std::optional<RevisionHeader>> SqliteStandardRepository::header(
    const std::string& id, std::optional<int> revision) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(revision ? kHeader : kLatestHeader));
    query.bind_text(1, id);
    if (revision) query.bind_int64(2, *revision);
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<RevisionHeader>();
    ASSIGN_OR_RETURN(auto found, read_header(query));
    return std::optional<RevisionHeader>(std::move(found));
}

Result<std::vector<RevisionHeader>> SqliteStandardRepository::revisions(const std::string& id) {
    ASSIGN_OR_RETURN(auto query, connection_.prepare(kRevisions));
    query.bind_text(1, id);
    std::vector<RevisionHeader> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return out;
        ASSIGN_OR_RETURN(auto found, read_header(query));
        out.push_back(std::move(found));
    }
}

// ---- Writes ------------------------------------------------------------------------------------

Status SqliteStandardRepository::insert(const StoredStandard& stored) {
    const auto& id = stored.standard.id;
    {
        // Written unfrozen: the triggers refuse children of a frozen revision. Frozen below.
        ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertRevision));
        bind_revision_fields(statement, stored);
        statement.bind_int64(10, to_unix_ms(stored.created_at));
        statement.bind_int64(11, to_unix_ms(stored.updated_at));
        auto inserted = statement.run();
        if (!inserted) {
            if (inserted.error().code() == ErrorCode::kAlreadyExists) {
                return fail(Error{ErrorCode::kAlreadyExists, "standard_revision_exists",
                                  revision_name(id, stored.revision) + "已存在"});
            }
            return inserted;
        }
    }
    RETURN_IF_ERROR(insert_children(stored));
    if (stored.frozen) return freeze(id, stored.revision);
    return ok();
}

Status SqliteStandardRepository::replace(const StoredStandard& stored) {
    const auto& id = stored.standard.id;
    ASSIGN_OR_RETURN(const auto current, header(id, stored.revision));
    if (!current) return fail(revision_not_found(id, stored.revision));
    if (current->frozen) {
        return fail(Error::conflict(
            "standard_frozen", revision_name(id, stored.revision) + "已被认定批次使用，不能修改"));
    }
    {
        ASSIGN_OR_RETURN(auto statement, connection_.prepare(kUpdateRevision));
        bind_revision_fields(statement, stored);
        statement.bind_int64(10, to_unix_ms(stored.updated_at));
        RETURN_IF_ERROR(statement.run());
    }
    RETURN_IF_ERROR(delete_children(id, stored.revision));
    return insert_children(stored);
}

Status SqliteStandardRepository::freeze(const std::string& id, int revision) {
    {
        ASSIGN_OR_RETURN(auto statement, connection_.prepare(kFreeze));
        statement.bind_text(1, id).bind_int64(2, revision);
        RETURN_IF_ERROR(statement.run());
        if (connection_.changes() > 0) return ok();
    }
    // Nothing changed: either frozen already (fine) or absent.
    ASSIGN_OR_RETURN(const auto current, header(id, revision));
    if (!current) return fail(revision_not_found(id, revision));
    return ok();
}

Status SqliteStandardRepository::delete_children(const std::string& id, int revision) {
    for (const auto sql : {kDeleteIndicators, kDeleteCategories, kDeleteLevels}) {
        ASSIGN_OR_RETURN(auto statement, connection_.prepare(sql));
        statement.bind_text(1, id).bind_int64(2, revision);
        RETURN_IF_ERROR(statement.run());
    }
    return ok();
}

Status SqliteStandardRepository::insert_children(const StoredStandard& stored) {
    const auto& standard = stored.standard;
    const auto& id = standard.id;
    {
        ASSIGN_OR_RETURN(auto statement, connection_.prepare(kInsertLevel));
        const auto& levels = standard.rules.levels;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const StarLevel& level = levels[i];
            statement.reset();
            statement.bind_text(1, id).bind_int64(2, stored.revision);
            statement.bind_int64(3, level.star).bind_int64(4, static_cast<std::int64_t>(i));
            statement.bind_int64(5, level.min).bind_text(6, join_conditions(level.conditions));
            if (level.current_star_in) {
                statement.bind_text(7, join_stars(*level.current_star_in));
            } else {
                statement.bind_null(7);
            }
            const auto written = statement.run();
            if (!written && written.error().code() == ErrorCode::kAlreadyExists) {
                return fail(repeated(stored, indexed("rules.levels", i) + ".star",
                                     "星级 " + std::to_string(level.star) + " 重复"));
            }
            RETURN_IF_ERROR(written);
        }
    }
    ASSIGN_OR_RETURN(auto category_statement, connection_.prepare(kInsertCategory));
    ASSIGN_OR_RETURN(auto indicator_statement, connection_.prepare(kInsertIndicator));
    std::int64_t category_position = 0;
    std::int64_t indicator_position = 0;
    auto insert_category = [&](const std::string& code, const std::string& name,
                               std::optional<std::int64_t> parent) -> Result<std::int64_t> {
        const std::int64_t position = category_position++;
        category_statement.reset();
        category_statement.bind_text(1, id).bind_int64(2, stored.revision);
        category_statement.bind_int64(3, position).bind_text(4, code).bind_text(5, name);
        category_statement.bind_optional_int64(6, parent);
        RETURN_IF_ERROR(category_statement.run());
        return position;
    };
    for (std::size_t c = 0; c < standard.categories.size(); ++c) {
        const Category& category = standard.categories[c];
        ASSIGN_OR_RETURN(const auto parent, insert_category(category.code, category.name, {}));
        for (std::size_t s = 0; s < category.subcategories.size(); ++s) {
            const Subcategory& subcategory = category.subcategories[s];
            ASSIGN_OR_RETURN(const auto position,
                             insert_category(subcategory.code, subcategory.name, parent));
            for (std::size_t i = 0; i < subcategory.indicators.size(); ++i) {
                const Indicator& indicator = subcategory.indicators[i];
                auto& statement = indicator_statement;
                statement.reset();
                statement.bind_text(1, id).bind_int64(2, stored.revision);
                statement.bind_int64(3, indicator_position++).bind_int64(4, position);
                statement.bind_text(5, indicator.code).bind_text(6, indicator.title);
                statement.bind_optional_text(7, indicator.description);
                statement.bind_text(8, standards::to_string(indicator.kind));
                statement.bind_optional_text(9, indicator.evidence_hint);
                statement.bind_text(10, join_life_elements(indicator.life_elements));
                statement.bind_text(11, standards::to_string(indicator.provenance));
                const auto written = statement.run();
                if (!written && written.error().code() == ErrorCode::kAlreadyExists) {
                    const std::string field =
                        indexed(
                            indexed(indexed("categories", c) + ".subcategories", s) + ".indicators",
                            i) +
                        ".code";
                    return fail(repeated(stored, field, "指标编号 '" + indicator.code + "' 重复"));
                }
                RETURN_IF_ERROR(written);
            }
        }
    }
    return ok();
}

}  // namespace hx::storage::sqlite

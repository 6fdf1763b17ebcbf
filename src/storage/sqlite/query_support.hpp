#pragma once
/// Small helpers the repositories share: the scope filter as an index-friendly code range,
/// LIKE patterns for name fragments, page checks.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

#include "core/result.hpp"
#include "domain/regions/region.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The codes a scope prefix covers, as the half-open range [lower, upper): `code >= lower AND
/// code < upper` is exactly "code starts with the prefix" for digit codes, and unlike LIKE it
/// runs on the primary key index.
struct CodeRange {
    std::string lower;
    std::string upper;
};

/// kInvalidArgument unless `scope` is 1–12 digits (Actor::scope() always is).
Result<CodeRange> scope_range(std::string_view scope);

/// `%fragment%` with the LIKE wildcards of the fragment escaped (ESCAPE '\'), so a user's `_`
/// or `%` matches itself.
std::string contains_pattern(std::string_view fragment);

/// kInvalidArgument for page < 1 or page_size outside 1…10000 (the services apply the
/// tighter limits of the public contract; this only keeps OFFSET and LIMIT sane).
Status check_page(const regions::PageRequest& page);

/// The single value of a `SELECT count(*) …`.
Result<std::int64_t> read_count(Statement& query);

/// A stored row the code cannot read (changed outside huixing, or by a newer one): kInternal
/// naming the table and the row.
Error corrupt_row(const char* table, std::int64_t id, const std::string& what);

/// A nullable time column: milliseconds since the epoch, or NULL.
std::optional<std::int64_t> optional_ms(const std::optional<Timestamp>& t);
std::optional<Timestamp> optional_time(const Statement& row, int index);

/// Every row of a bound query, each read by `read` (returning T or Result<T>).
template <typename T, typename Read>
Result<std::vector<T>> read_all(Statement& query, Read read) {
    std::vector<T> out;
    while (true) {
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (!row) return out;
        Result<T> item = read(query);
        if (!item) return fail(std::move(item).error());
        out.push_back(std::move(*item));
    }
}

/// The first row of a bound query read by `read`, or nothing.
template <typename T, typename Read>
Result<std::optional<T>> read_one(Statement& query, Read read) {
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return std::optional<T>();
    Result<T> item = read(query);
    if (!item) return fail(std::move(item).error());
    return std::optional<T>(std::move(*item));
}

}  // namespace hx::storage::sqlite

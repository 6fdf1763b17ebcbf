#pragma once
/// Small helpers the repositories share: the scope filter as an index-friendly code range,
/// LIKE patterns for name fragments, page checks.
#include <string>
#include <string_view>

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

}  // namespace hx::storage::sqlite

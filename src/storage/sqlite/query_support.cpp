#include "storage/sqlite/query_support.hpp"

#include <algorithm>

namespace hx::storage::sqlite {

namespace {
constexpr std::int64_t kMaxPageSize = 10'000;
constexpr std::size_t kMaxScopeLength = 12;
}  // namespace

Result<CodeRange> scope_range(std::string_view scope) {
    const bool digits =
        std::all_of(scope.begin(), scope.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (scope.empty() || scope.size() > kMaxScopeLength || !digits) {
        return fail(Error::invalid(
            "invalid_scope", "范围代码 '" + std::string(scope) + "' 无效：应为 1 到 12 位数字"));
    }
    CodeRange range{std::string(scope), std::string(scope)};
    // The next string after every code with this prefix: bump the last digit ('9' + 1 is ':',
    // which sorts after every digit).
    range.upper.back() = static_cast<char>(range.upper.back() + 1);
    return range;
}

std::string contains_pattern(std::string_view fragment) {
    std::string pattern = "%";
    for (const char c : fragment) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

Status check_page(const regions::PageRequest& page) {
    return regions::validate_page(page, kMaxPageSize);
}

Result<std::int64_t> read_count(Statement& query) {
    ASSIGN_OR_RETURN(const bool row, query.step());
    if (!row) return fail(Error::internal("count(*) returned no row"));
    return query.column_int64(0);
}

Error corrupt_row(const char* table, std::int64_t id, const std::string& what) {
    return Error::internal(std::string(table) + " row " + std::to_string(id) + ": " + what);
}

std::optional<std::int64_t> optional_ms(const std::optional<Timestamp>& t) {
    if (!t) return std::nullopt;
    return to_unix_ms(*t);
}

std::optional<Timestamp> optional_time(const Statement& row, int index) {
    const auto ms = row.column_optional_int64(index);
    if (!ms) return std::nullopt;
    return from_unix_ms(*ms);
}

}  // namespace hx::storage::sqlite

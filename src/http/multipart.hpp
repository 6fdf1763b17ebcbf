#pragma once
/// multipart/form-data (RFC 7578) for evidence uploads. Parsed from a body already limited in
/// size by the server; file names are kept as data and never reach the file system.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hx::http {

struct Part {
    std::string name;
    std::optional<std::string> file_name;
    std::string content_type;
    std::string data;
};

inline constexpr std::size_t kMaxParts = 16;

/// The boundary of a `multipart/form-data; boundary=…` content type, or nothing.
std::optional<std::string> multipart_boundary(std::string_view content_type);
/// Every part; 400 (`invalid_multipart`) for a malformed body, more than kMaxParts parts or a
/// missing closing boundary.
Result<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace hx::http

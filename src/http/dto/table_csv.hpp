#pragma once
/// A statistics table as CSV: UTF-8 with a BOM (so that Excel and WPS read the Chinese), CRLF line
/// ends, RFC 4180 quoting (a field with a comma, quote or line break is quoted, quotes doubled).
/// A text field a spreadsheet would run as a formula (= + - @ first) gets a leading quote.
#include <string>

#include "domain/stats/table.hpp"

namespace hx::dto {

std::string to_csv(const stats::Table& table);
/// One field, quoted only when RFC 4180 needs it.
std::string csv_field(const std::string& text);

}  // namespace hx::dto

#pragma once
/// Statistics tables → one XLSX workbook, one sheet per table: a bold frozen header row in Chinese,
/// whole numbers as numbers, ratios as percentages (0.1234 → 12.34%), text as text. Opens in Excel
/// and WPS (plain OOXML from libxlsxwriter; no macros, no external links).
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/stats/table.hpp"

namespace hx::render {

/// The bytes of the .xlsx file (written through a private temporary directory, see TempDir).
/// Errors: a text longer than a cell holds is Error::invalid("xlsx_cell_too_long", …); anything
/// else is Error::internal.
Result<std::string> write_tables_xlsx(const std::vector<stats::Table>& tables);

}  // namespace hx::render

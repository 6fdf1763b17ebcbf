#pragma once
/// Reads an .xlsx workbook from memory (an upload body) into sheets → rows → cells of text, for
/// the importers (src/http/dto/standards_xlsx.*). Only values are read: no styles, no formulas
/// (a formula cell gives its cached value), no dates (a date is its serial number).
///
/// Hostile files are refused before they cost memory: a limit on the number of zip entries, on
/// the uncompressed size (declared and actual) and on the text of all cells (a shared string
/// repeated a million times). Every refusal is Error::invalid("invalid_xlsx", …) in Chinese with
/// one FieldError; nothing throws.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hx::dto {

/// The reason of every Error about a file that is not a readable workbook.
inline constexpr std::string_view kInvalidXlsx = "invalid_xlsx";

struct XlsxLimits {
    /// The sum of the uncompressed sizes of all entries, as declared and as actually inflated.
    std::uint64_t max_uncompressed_bytes = std::uint64_t{20} * 1024 * 1024;
    /// Entries in the zip (a workbook has a dozen or so).
    std::size_t max_entries = 1000;
    /// The text of all cells together, counting a shared string once per cell that uses it.
    std::uint64_t max_cell_text_bytes = std::uint64_t{64} * 1024 * 1024;
};

/// One non-empty cell. `column` 0 is A. Numbers are their shortest decimal text, integers without
/// ".0" (17.0 → "17", 1E+2 → "100"); booleans are "TRUE" / "FALSE"; errors their code ("#N/A").
struct XlsxCell {
    std::size_t column = 0;
    std::string text;
};

/// A row with at least one non-empty cell; `number` is the row number Excel shows (from 1).
struct XlsxRow {
    std::uint32_t number = 0;
    std::vector<XlsxCell> cells;  // ascending columns

    /// The text at `column`, or "" when that cell is empty.
    [[nodiscard]] std::string_view text(std::size_t column) const;
};

struct XlsxSheet {
    std::string name;
    std::vector<XlsxRow> rows;  // ascending row numbers; empty rows left out
};

struct XlsxWorkbook {
    std::vector<XlsxSheet> sheets;  // worksheets in the workbook's order; chart sheets left out

    /// The sheet with this exact name, or null.
    [[nodiscard]] const XlsxSheet* sheet(std::string_view name) const;
};

/// The workbook in `bytes`, or Error::invalid("invalid_xlsx", …): not a zip (or an old .xls or
/// an encrypted workbook), too many entries, too large when inflated, no workbook part, malformed
/// XML, a bad cell reference or shared-string index.
Result<XlsxWorkbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

/// "A" for 0, "Z" for 25, "AA" for 26.
std::string xlsx_column_name(std::size_t column);
/// "F12" for column 5, row 12.
std::string xlsx_cell_ref(std::size_t column, std::uint32_t row);

}  // namespace hx::dto

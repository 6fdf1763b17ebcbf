#pragma once
/// Writing an .xlsx download with libxlsxwriter, the way every export of render/ does it: the
/// workbook is written into a private temporary directory (mode 0700 under $TMPDIR, removed
/// afterwards), each sheet has a bold frozen header row and text-formatted columns (so that Excel
/// keeps "1.10" and "110101001001" as typed), and the first failed write is kept with the cell it
/// happened at (libxlsxwriter reports errors as return codes only).
#include <xlsxwriter.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace hx::render {

struct XlsxColumn {
    const char* header;
    double width;
    bool wrap;  // long text: wrapped, top-aligned
};

/// The first failed write: the cell ("指标!F12") and libxlsxwriter's code.
using XlsxFailure = std::optional<std::pair<std::string, lxw_error>>;

class XlsxSheet {
public:
    XlsxSheet(lxw_workbook* workbook, const char* name, lxw_format* header, lxw_format* text,
              lxw_format* wrapped, XlsxFailure& failure);

    /// The header row, bold and frozen, and each column's width and text format.
    void columns(const std::vector<XlsxColumn>& columns);
    /// A text cell (skipped when empty).
    void text(lxw_row_t row, lxw_col_t column, const std::string& value, bool wrap = false);
    void number(lxw_row_t row, lxw_col_t column, int value);

private:
    void check(lxw_error error, lxw_row_t row, lxw_col_t column);

    const char* name_;
    lxw_worksheet* sheet_ = nullptr;
    lxw_format* header_;
    lxw_format* text_;
    lxw_format* wrapped_;
    XlsxFailure& failure_;
};

/// The document properties shown by Excel and WPS (文件 → 属性).
struct XlsxProperties {
    std::string title;
    std::string author;
    std::string subject;
};

/// Builds a workbook through `fill(workbook, header, text, wrapped, failure)` and returns the
/// bytes of the file. Errors: a text longer than an Excel cell holds (32,767 characters) is
/// Error::invalid("xlsx_cell_too_long", …) naming the cell; anything else Error::internal.
/// Nothing throws.
using XlsxFill = std::function<void(lxw_workbook*, lxw_format* header, lxw_format* text,
                                    lxw_format* wrapped, XlsxFailure& failure)>;
Result<std::string> write_xlsx(const XlsxProperties& properties, const XlsxFill& fill);

}  // namespace hx::render

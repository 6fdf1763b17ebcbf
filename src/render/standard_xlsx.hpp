#pragma once
/// Domain → XLSX for standards: the current catalogue as a workbook the city downloads, edits in
/// Excel or WPS and imports again. The layout is the one src/http/dto/standards_xlsx.* reads
/// (docs/standards.md §7): sheets 标准 (项目 | 值 | 填写说明), 星级规则 and 指标, a bold frozen
/// header row, text-formatted columns (so that Excel keeps "1.10" and "3、4" as typed), words
/// written in Chinese (约束性, 原文, 建立长效机制, 全部 …).
#include <string>

#include "core/result.hpp"
#include "domain/standards/standard.hpp"

namespace hx::render {

/// The bytes of the .xlsx file. libxlsxwriter writes to a file, so this goes through a private
/// temporary directory (mode 0700 under $TMPDIR) that is removed before returning.
/// Errors: a text longer than an Excel cell holds (32,767 characters) is
/// Error::invalid("xlsx_cell_too_long", …) naming the cell; anything else is Error::internal.
Result<std::string> write_standard_xlsx(const standards::Standard& standard);

}  // namespace hx::render

#pragma once
/// XLSX → domain for standards: the workbook the city (市社会办) downloads, edits in Excel or WPS
/// and imports again (docs/standards.md §7). src/render/standard_xlsx.* writes the same layout;
/// the round-trip test holds the two together.
///
/// Three sheets, headers in their first row, columns found by header text in any order, other
/// sheets and columns ignored:
///   标准      项目 | 值: 标识, 名称, 版本, 类型, 说明, 计数范围, 最高星级
///   星级规则  星级 | 最低指标数 | 必要条件 | 现有星级要求
///   指标      一级代码 | 一级名称 | 二级代码 | 二级名称 | 指标代码 | 指标内容 | 说明 | 类型 |
///             佐证材料 | 生活要素 | 来源
/// Every problem is one FieldError whose field is a cell ("指标!F12"), a header row ("指标!1:1")
/// or a sheet ("星级规则"), all collected; validate_standard's problems are mapped back to the
/// cells they come from. Nothing throws.
#include <string_view>

#include "core/result.hpp"
#include "domain/standards/standard.hpp"
#include "http/dto/xlsx_reader.hpp"

namespace hx::dto {

/// A standard from the bytes of an .xlsx file. A file that is not a readable workbook is
/// Error::invalid("invalid_xlsx", …) (see read_xlsx); a workbook whose content is wrong is
/// Error::invalid("invalid_standard", …) with one FieldError per problem.
Result<standards::Standard> parse_standard_xlsx(std::string_view bytes);

/// The same from a workbook already read.
Result<standards::Standard> parse_standard_workbook(const XlsxWorkbook& workbook);

}  // namespace hx::dto

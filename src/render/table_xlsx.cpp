#include "render/table_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "render/temp_dir.hpp"

namespace hx::render {

namespace {

std::string cell_name(lxw_row_t row, lxw_col_t column) {
    std::string letters;
    unsigned n = static_cast<unsigned>(column) + 1;
    while (n > 0) {
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
        n = (n - 1) / 26;
    }
    return letters + std::to_string(row + 1);
}

// Width in Excel's character units: a CJK character is about two.
double display_width(const std::string& text) {
    double width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        width += length >= 3 ? 2.0 : 1.0;
        i += length;
    }
    return width;
}

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* number = nullptr;
    lxw_format* percent = nullptr;
};

}  // namespace

Result<std::string> write_tables_xlsx(const std::vector<stats::Table>& tables) {
    ASSIGN_OR_RETURN(TempDir dir, TempDir::create());
    const std::string file = (dir.path() / "tables.xlsx").string();
    std::string tmpdir = dir.path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = tmpdir.data();
    options.use_zip64 = LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (workbook == nullptr) return fail(Error::internal("xlsx: workbook_new_opt failed"));

    Formats formats;
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_bg_color(formats.header, 0xDDEBF7);
    format_set_border(formats.header, LXW_BORDER_THIN);
    formats.text = workbook_add_format(workbook);
    format_set_num_format(formats.text, "@");  // codes such as 110101 stay text
    formats.number = workbook_add_format(workbook);
    format_set_num_format(formats.number, "0");
    formats.percent = workbook_add_format(workbook);
    format_set_num_format(formats.percent, "0.00%");

    std::optional<std::pair<std::string, lxw_error>> failure;
    auto check = [&](lxw_error error, const std::string& sheet, lxw_row_t row, lxw_col_t column) {
        if (error == LXW_NO_ERROR || failure) return;
        failure = {sheet + "!" + cell_name(row, column), error};
    };
    for (const auto& table : tables) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.name.c_str());
        if (sheet == nullptr) {
            failure = {table.name, LXW_ERROR_MEMORY_MALLOC_FAILED};
            break;
        }
        std::vector<double> widths;
        for (std::size_t c = 0; c < table.headers.size(); ++c) {
            const auto column = static_cast<lxw_col_t>(c);
            check(
                worksheet_write_string(sheet, 0, column, table.headers[c].c_str(), formats.header),
                table.name, 0, column);
            widths.push_back(display_width(table.headers[c]));
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 1);
            for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                const auto column = static_cast<lxw_col_t>(c);
                const auto& cell = table.rows[r][c];
                double width = 8;
                if (const auto* text = std::get_if<std::string>(&cell)) {
                    if (!text->empty()) {
                        check(
                            worksheet_write_string(sheet, row, column, text->c_str(), formats.text),
                            table.name, row, column);
                    }
                    width = display_width(*text);
                } else if (const auto* number = std::get_if<std::int64_t>(&cell)) {
                    check(worksheet_write_number(sheet, row, column, static_cast<double>(*number),
                                                 formats.number),
                          table.name, row, column);
                } else if (const auto* share = std::get_if<stats::Ratio>(&cell)) {
                    check(worksheet_write_number(sheet, row, column, share->value, formats.percent),
                          table.name, row, column);
                }
                if (c < widths.size()) widths[c] = std::max(widths[c], width);
            }
        }
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const auto column = static_cast<lxw_col_t>(c);
            check(
                worksheet_set_column(sheet, column, column, std::min(60.0, widths[c] + 2), nullptr),
                table.name, 0, column);
        }
        worksheet_freeze_panes(sheet, 1, 0);
    }

    const lxw_error closed = workbook_close(workbook);
    if (failure) {
        const auto& [cell, error] = *failure;
        if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
            std::string message =
                "单元格 " + cell + " 的文字超过 Excel 单元格上限（32767 个字符），无法导出";
            return fail(Error::invalid("xlsx_cell_too_long", message, {{cell, message}}));
        }
        return fail(Error::internal("xlsx: writing " + cell + ": " + lxw_strerror(error)));
    }
    if (closed != LXW_NO_ERROR) {
        return fail(Error::internal(std::string("xlsx: workbook_close: ") + lxw_strerror(closed)));
    }
    return read_whole_file(file);
}

}  // namespace hx::render

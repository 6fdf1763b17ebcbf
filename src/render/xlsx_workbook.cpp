#include "render/xlsx_workbook.hpp"

#include <exception>

#include "render/temp_dir.hpp"

namespace hx::render {

namespace {

std::string column_name(lxw_col_t column) {
    std::string out;
    unsigned n = static_cast<unsigned>(column) + 1;
    while (n > 0) {
        out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
        n = (n - 1) / 26;
    }
    return out;
}

Result<std::string> write(const XlsxProperties& properties, const XlsxFill& fill) {
    ASSIGN_OR_RETURN(TempDir dir, TempDir::create());
    const std::string file = (dir.path() / "export.xlsx").string();
    std::string tmpdir = dir.path().string();  // libxlsxwriter's own temporary files go here too
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = tmpdir.data();
    options.use_zip64 = LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (workbook == nullptr) return fail(Error::internal("xlsx: workbook_new_opt failed"));

    // libxlsxwriter copies the texts; it takes them as char*, hence the local copies.
    std::string title = properties.title;
    std::string author = properties.author;
    std::string subject = properties.subject;
    lxw_doc_properties document{};
    document.title = title.data();
    document.author = author.data();
    document.subject = subject.data();
    workbook_set_properties(workbook, &document);

    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_num_format(header, "@");
    format_set_bg_color(header, 0xDDEBF7);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* wrapped = workbook_add_format(workbook);
    format_set_num_format(wrapped, "@");
    format_set_text_wrap(wrapped);
    format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);

    XlsxFailure failure;
    fill(workbook, header, text, wrapped, failure);

    // Closing frees the workbook whatever happened, and writes the file.
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

}  // namespace

XlsxSheet::XlsxSheet(lxw_workbook* workbook, const char* name, lxw_format* header, lxw_format* text,
                     lxw_format* wrapped, XlsxFailure& failure)
    : name_(name), header_(header), text_(text), wrapped_(wrapped), failure_(failure) {
    sheet_ = workbook_add_worksheet(workbook, name);
    if (sheet_ == nullptr) failure_ = {std::string(name), LXW_ERROR_MEMORY_MALLOC_FAILED};
}

// A column formatted as text keeps what is typed ("1.10", "3、4") instead of making it a number.
void XlsxSheet::columns(const std::vector<XlsxColumn>& columns) {
    if (sheet_ == nullptr) return;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto column = static_cast<lxw_col_t>(i);
        check(worksheet_set_column(sheet_, column, column, columns[i].width,
                                   columns[i].wrap ? wrapped_ : text_),
              0, column);
        check(worksheet_write_string(sheet_, 0, column, columns[i].header, header_), 0, column);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
}

void XlsxSheet::text(lxw_row_t row, lxw_col_t column, const std::string& value, bool wrap) {
    if (sheet_ == nullptr || failure_ || value.empty()) return;
    check(worksheet_write_string(sheet_, row, column, value.c_str(), wrap ? wrapped_ : text_), row,
          column);
}

void XlsxSheet::number(lxw_row_t row, lxw_col_t column, int value) {
    if (sheet_ == nullptr || failure_) return;
    check(worksheet_write_number(sheet_, row, column, value, nullptr), row, column);
}

void XlsxSheet::check(lxw_error error, lxw_row_t row, lxw_col_t column) {
    if (error == LXW_NO_ERROR || failure_) return;
    failure_ = {std::string(name_) + "!" + column_name(column) + std::to_string(row + 1), error};
}

Result<std::string> write_xlsx(const XlsxProperties& properties, const XlsxFill& fill) {
    try {
        return write(properties, fill);
    } catch (const std::exception& error) {
        // Only allocation and the file system can throw here; nothing leaves this adapter.
        return fail(Error::internal(std::string("xlsx: ") + error.what()));
    }
}

}  // namespace hx::render

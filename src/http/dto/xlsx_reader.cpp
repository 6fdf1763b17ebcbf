#include "http/dto/xlsx_reader.hpp"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <pugixml.hpp>
#include <system_error>
#include <utility>

namespace hx::dto {

std::string_view XlsxRow::text(std::size_t column) const {
    const auto it = std::lower_bound(
        cells.begin(), cells.end(), column,
        [](const XlsxCell& cell, std::size_t wanted) { return cell.column < wanted; });
    if (it == cells.end() || it->column != column) return {};
    return it->text;
}

const XlsxSheet* XlsxWorkbook::sheet(std::string_view name) const {
    for (const XlsxSheet& candidate : sheets) {
        if (candidate.name == name) return &candidate;
    }
    return nullptr;
}

std::string xlsx_column_name(std::size_t column) {
    std::string out;
    std::size_t n = column + 1;
    while (n > 0) {
        const std::size_t digit = (n - 1) % 26;
        out.insert(out.begin(), static_cast<char>('A' + digit));
        n = (n - 1) / 26;
    }
    return out;
}

std::string xlsx_cell_ref(std::size_t column, std::uint32_t row) {
    return xlsx_column_name(column) + std::to_string(row);
}

namespace {

// Excel's own limits: XFD and row 1,048,576.
constexpr std::size_t kMaxColumns = 16384;
constexpr std::uint32_t kMaxRows = 1048576;

Error invalid_xlsx(std::string message, std::string field = "") {
    std::vector<FieldError> fields;
    fields.push_back({std::move(field), message});
    return Error::invalid(std::string(kInvalidXlsx), std::move(message), std::move(fields));
}

std::string size_text(std::uint64_t bytes) {
    constexpr std::uint64_t kMiB = std::uint64_t{1024} * 1024;
    if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
    return std::to_string(bytes) + " 字节";
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    out += text;
    out += "'";
    return out;
}

// ---- The zip container.

struct ZipDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

struct ZipFileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

class ZipArchive {
public:
    static Result<ZipArchive> open(std::string_view bytes, const XlsxLimits& limits) {
        if (bytes.empty()) return fail(invalid_xlsx("文件为空，不是 XLSX 工作簿"));
        // The compound-file signature: an old .xls, or an .xlsx that Excel encrypted.
        constexpr std::string_view kOle("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
        if (bytes.substr(0, kOle.size()) == kOle) {
            return fail(
                invalid_xlsx("文件是旧版 .xls 或已加密的工作簿：请在 Excel/WPS 中另存为不加密的 "
                             ".xlsx 后再导入"));
        }
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source == nullptr) {
            zip_error_fini(&error);
            return fail(invalid_xlsx("文件不是有效的 XLSX 工作簿（无法作为 ZIP 打开）"));
        }
        zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
        zip_error_fini(&error);
        if (raw == nullptr) {
            zip_source_free(source);
            return fail(invalid_xlsx("文件不是有效的 XLSX 工作簿（无法作为 ZIP 打开）"));
        }
        ZipArchive archive(std::unique_ptr<zip_t, ZipDiscard>(raw), limits);
        RETURN_IF_ERROR(archive.check_declared_sizes());
        return archive;
    }

    /// The inflated entry `name` (case-insensitive, as OOXML part names are), or nothing when
    /// absent. Counts against the uncompressed budget.
    Result<std::optional<std::string>> read(const std::string& name) {
        const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE);
        if (index < 0) return std::optional<std::string>();
        const auto entry = static_cast<zip_uint64_t>(index);
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive_.get(), entry, 0, &stat) != 0 ||
            (stat.valid & ZIP_STAT_SIZE) == 0) {
            return fail(invalid_xlsx("XLSX 文件中的 " + quoted(name) + " 无法读取"));
        }
        if (stat.size > limits_.max_uncompressed_bytes - consumed_) return fail(too_large());
        std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(archive_.get(), entry, 0));
        if (!file) {
            return fail(
                invalid_xlsx("XLSX 文件中的 " + quoted(name) + " 无法读取（可能已加密或已损坏）"));
        }
        std::string out(static_cast<std::size_t>(stat.size), '\0');
        std::size_t filled = 0;
        while (filled < out.size()) {
            const zip_int64_t got = zip_fread(file.get(), out.data() + filled, out.size() - filled);
            if (got <= 0) {
                return fail(invalid_xlsx("XLSX 文件中的 " + quoted(name) + " 已损坏"));
            }
            filled += static_cast<std::size_t>(got);
        }
        // An entry that inflates to more than it declares is a bomb or junk: one byte past the
        // declared size is enough to refuse it. Reaching the end also checks the CRC.
        char extra = 0;
        const zip_int64_t beyond = zip_fread(file.get(), &extra, 1);
        if (beyond > 0) {
            return fail(invalid_xlsx("XLSX 文件中的 " + quoted(name) +
                                     " 解压后大于其声明的大小，拒绝导入（文件异常）"));
        }
        if (beyond < 0 || zip_fclose(file.release()) != 0) {
            return fail(invalid_xlsx("XLSX 文件中的 " + quoted(name) + " 已损坏（校验失败）"));
        }
        consumed_ += stat.size;
        return std::optional<std::string>(std::move(out));
    }

private:
    ZipArchive(std::unique_ptr<zip_t, ZipDiscard> archive, const XlsxLimits& limits)
        : archive_(std::move(archive)), limits_(limits) {}

    // Refuses before inflating anything: too many entries, or declared sizes over the budget.
    Status check_declared_sizes() {
        const zip_int64_t count = zip_get_num_entries(archive_.get(), 0);
        if (count < 0) return fail(invalid_xlsx("文件不是有效的 XLSX 工作簿（ZIP 目录损坏）"));
        if (static_cast<std::uint64_t>(count) > limits_.max_entries) {
            return fail(invalid_xlsx("XLSX 文件包含的条目过多（" + std::to_string(count) +
                                     " 个，最多 " + std::to_string(limits_.max_entries) + " 个）"));
        }
        std::uint64_t declared = 0;
        for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
            zip_stat_t stat;
            zip_stat_init(&stat);
            if (zip_stat_index(archive_.get(), i, 0, &stat) != 0) {
                return fail(invalid_xlsx("文件不是有效的 XLSX 工作簿（ZIP 目录损坏）"));
            }
            if ((stat.valid & ZIP_STAT_SIZE) == 0) continue;
            if (stat.size > limits_.max_uncompressed_bytes - declared) return fail(too_large());
            declared += stat.size;
        }
        return ok();
    }

    [[nodiscard]] Error too_large() const {
        return invalid_xlsx("XLSX 文件解压后超过 " + size_text(limits_.max_uncompressed_bytes) +
                            "，拒绝导入（文件异常或内容过多）");
    }

    std::unique_ptr<zip_t, ZipDiscard> archive_;
    XlsxLimits limits_;
    std::uint64_t consumed_ = 0;
};

// ---- XML helpers: names are compared without their prefix (x:worksheet is a worksheet).

std::string_view local_name(const char* name) {
    const std::string_view text(name);
    const std::size_t colon = text.rfind(':');
    return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_node candidate : node.children()) {
        if (candidate.type() == pugi::node_element && local_name(candidate.name()) == name) {
            return candidate;
        }
    }
    return {};
}

template <typename Fn>
void for_each_child(pugi::xml_node node, std::string_view name, Fn&& fn) {
    for (pugi::xml_node candidate : node.children()) {
        if (candidate.type() == pugi::node_element && local_name(candidate.name()) == name) {
            fn(candidate);
        }
    }
}

std::string_view attribute(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute candidate : node.attributes()) {
        if (local_name(candidate.name()) == name) return candidate.value();
    }
    return {};
}

bool has_attribute(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute candidate : node.attributes()) {
        if (local_name(candidate.name()) == name) return true;
    }
    return false;
}

Status load_xml(pugi::xml_document& document, const std::string& text, const std::string& part) {
    // No DTD is processed, so no entity expansion: only the five predefined entities and
    // character references. A whitespace-only <t> (xml:space="preserve") is kept.
    const pugi::xml_parse_result parsed = document.load_buffer(
        text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
        pugi::encoding_auto);
    if (parsed) return ok();
    return fail(invalid_xlsx("XLSX 文件中的 " + quoted(part) + " 不是有效的 XML（第 " +
                             std::to_string(parsed.offset) + " 字节附近）"));
}

void append_utf8(std::string& out, std::uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// The code unit of an "_xHHHH_" escape at `pos`, or nothing.
std::optional<std::uint32_t> escape_at(std::string_view text, std::size_t pos) {
    if (pos + 7 > text.size() || text[pos] != '_' || text[pos + 1] != 'x' || text[pos + 6] != '_') {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    const auto [end, error] =
        std::from_chars(text.data() + pos + 2, text.data() + pos + 6, value, 16);
    if (error != std::errc() || end != text.data() + pos + 6) return std::nullopt;
    return value;
}

// OOXML writes control characters as _xHHHH_ (ECMA-376 22.9.2.19); Excel decodes every such
// escape, and so do we. A surrogate pair is two escapes.
std::string decode_escapes(std::string text) {
    if (text.find("_x") == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::optional<std::uint32_t> unit = escape_at(text, pos);
        if (!unit) {
            out += text[pos++];
            continue;
        }
        pos += 7;
        std::uint32_t code_point = *unit;
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            const std::optional<std::uint32_t> low = escape_at(text, pos);
            if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
                pos += 7;
            } else {
                code_point = 0xFFFD;
            }
        } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
            code_point = 0xFFFD;
        }
        append_utf8(out, code_point);
    }
    return out;
}

// The text of a <si> or <is>: its <t>, or the <t> of each rich-text run; phonetic runs (<rPh>)
// are annotations, not text.
std::string string_item_text(pugi::xml_node item) {
    std::string out;
    for (pugi::xml_node node : item.children()) {
        if (node.type() != pugi::node_element) continue;
        const std::string_view name = local_name(node.name());
        if (name == "t") {
            out += node.child_value();
        } else if (name == "r") {
            out += child(node, "t").child_value();
        }
    }
    return decode_escapes(std::move(out));
}

// 17 for "17", "17.0" and "1.7E1"; the shortest round-trip text otherwise ("0.1").
std::string number_text(std::string_view raw) {
    double value = 0;
    const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (error != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) {
        return std::string(raw);
    }
    if (value == std::trunc(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value) + 0);  // no "-0"
    }
    char buffer[64];
    const auto [out, out_error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (out_error != std::errc()) return std::string(raw);
    return std::string(buffer, out);
}

// "B12" → column 1. The row digits are not needed: the row element says the row.
std::optional<std::size_t> column_of(std::string_view ref) {
    std::size_t column = 0;
    std::size_t letters = 0;
    while (letters < ref.size() && ref[letters] >= 'A' && ref[letters] <= 'Z') {
        column = column * 26 + static_cast<std::size_t>(ref[letters] - 'A' + 1);
        if (column > kMaxColumns) return std::nullopt;
        ++letters;
    }
    if (letters == 0) return std::nullopt;
    for (std::size_t i = letters; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
    }
    return column - 1;
}

std::optional<std::uint32_t> unsigned_of(std::string_view text) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct Relationship {
    std::string type;
    std::string target;  // resolved to a part name
};

// "xl/" for "xl/workbook.xml".
std::string directory_of(const std::string& part) {
    const std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// A relationship target relative to `base_dir` (or absolute with a leading '/') as a part name,
// with "." and ".." resolved.
std::string resolve_target(const std::string& base_dir, std::string_view target) {
    std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                  : base_dir + std::string(target);
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= joined.size()) {
        std::size_t slash = joined.find('/', start);
        if (slash == std::string::npos) slash = joined.size();
        const std::string segment = joined.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = slash + 1;
    }
    std::string out;
    for (const std::string& segment : segments) {
        if (!out.empty()) out += '/';
        out += segment;
    }
    return out;
}

bool type_is(std::string_view type, std::string_view suffix) {
    return type.size() >= suffix.size() && type.substr(type.size() - suffix.size()) == suffix;
}

class WorkbookReader {
public:
    WorkbookReader(ZipArchive& archive, const XlsxLimits& limits)
        : archive_(archive), limits_(limits) {}

    Result<XlsxWorkbook> run() {
        ASSIGN_OR_RETURN(const std::string workbook_part, find_workbook_part());
        ASSIGN_OR_RETURN(const std::optional<std::string> workbook_text,
                         archive_.read(workbook_part));
        if (!workbook_text) {
            return fail(invalid_xlsx("文件不是 XLSX 工作簿：缺少工作簿（" + workbook_part + "）"));
        }
        pugi::xml_document workbook;
        RETURN_IF_ERROR(load_xml(workbook, *workbook_text, workbook_part));
        const pugi::xml_node root = workbook.document_element();
        if (local_name(root.name()) != "workbook") {
            return fail(invalid_xlsx("文件不是 XLSX 工作簿：" + workbook_part + " 不是工作簿"));
        }
        ASSIGN_OR_RETURN(const auto relationships, read_relationships(workbook_part));
        RETURN_IF_ERROR(read_shared_strings(workbook_part, relationships));

        XlsxWorkbook out;
        std::vector<std::pair<std::string, std::string>> sheet_parts;  // name, part
        const pugi::xml_node sheets = child(root, "sheets");
        for (pugi::xml_node sheet = sheets.first_child(); sheet; sheet = sheet.next_sibling()) {
            if (sheet.type() != pugi::node_element || local_name(sheet.name()) != "sheet") continue;
            const std::string name(attribute(sheet, "name"));
            const auto it = relationships.find(std::string(attribute(sheet, "id")));
            if (it == relationships.end()) {
                return fail(invalid_xlsx("XLSX 文件中工作表 " + quoted(name) + " 的数据缺失"));
            }
            if (!type_is(it->second.type, "/worksheet")) continue;  // a chart sheet
            sheet_parts.emplace_back(name, it->second.target);
        }
        for (const auto& [name, part] : sheet_parts) {
            XlsxSheet& sheet = out.sheets.emplace_back();
            sheet.name = name;
            RETURN_IF_ERROR(read_sheet(part, sheet));
        }
        return out;
    }

private:
    // _rels/.rels names the main part; nearly always xl/workbook.xml.
    Result<std::string> find_workbook_part() {
        ASSIGN_OR_RETURN(const auto root_relationships, read_relationships_of("_rels/.rels", ""));
        for (const auto& [id, relationship] : root_relationships) {
            if (type_is(relationship.type, "/officeDocument")) return relationship.target;
        }
        return std::string("xl/workbook.xml");
    }

    Result<std::map<std::string, Relationship>> read_relationships(const std::string& part) {
        const std::string dir = directory_of(part);
        return read_relationships_of(dir + "_rels/" + part.substr(dir.size()) + ".rels", dir);
    }

    Result<std::map<std::string, Relationship>> read_relationships_of(const std::string& rels_part,
                                                                      const std::string& base_dir) {
        std::map<std::string, Relationship> out;
        ASSIGN_OR_RETURN(const std::optional<std::string> text, archive_.read(rels_part));
        if (!text) return out;
        pugi::xml_document document;
        RETURN_IF_ERROR(load_xml(document, *text, rels_part));
        for_each_child(document.document_element(), "Relationship", [&](pugi::xml_node node) {
            if (attribute(node, "TargetMode") == "External") return;
            out[std::string(attribute(node, "Id"))] =
                Relationship{std::string(attribute(node, "Type")),
                             resolve_target(base_dir, attribute(node, "Target"))};
        });
        return out;
    }

    Status read_shared_strings(const std::string& workbook_part,
                               const std::map<std::string, Relationship>& relationships) {
        std::string part = directory_of(workbook_part) + "sharedStrings.xml";
        for (const auto& [id, relationship] : relationships) {
            if (type_is(relationship.type, "/sharedStrings")) part = relationship.target;
        }
        ASSIGN_OR_RETURN(const std::optional<std::string> text, archive_.read(part));
        if (!text) return ok();
        pugi::xml_document document;
        RETURN_IF_ERROR(load_xml(document, *text, part));
        for_each_child(document.document_element(), "si", [&](pugi::xml_node item) {
            shared_strings_.push_back(string_item_text(item));
        });
        return ok();
    }

    Status read_sheet(const std::string& part, XlsxSheet& sheet) {
        ASSIGN_OR_RETURN(const std::optional<std::string> text, archive_.read(part));
        if (!text) {
            return fail(invalid_xlsx("XLSX 文件中工作表 " + quoted(sheet.name) + " 的数据缺失（" +
                                     part + "）"));
        }
        pugi::xml_document document;
        RETURN_IF_ERROR(load_xml(document, *text, part));
        const pugi::xml_node data = child(document.document_element(), "sheetData");
        std::uint32_t previous_row = 0;
        Status status = ok();
        for (pugi::xml_node row = data.first_child(); row && status; row = row.next_sibling()) {
            if (row.type() != pugi::node_element || local_name(row.name()) != "row") continue;
            std::uint32_t number = previous_row + 1;
            if (has_attribute(row, "r")) {
                const std::optional<std::uint32_t> given = unsigned_of(attribute(row, "r"));
                if (!given || *given == 0 || *given > kMaxRows) {
                    return fail(invalid_xlsx("工作表 " + quoted(sheet.name) + " 的行号 " +
                                             quoted(attribute(row, "r")) + " 无效"));
                }
                number = *given;
            }
            if (number > kMaxRows) {
                return fail(invalid_xlsx("工作表 " + quoted(sheet.name) + " 的行数超过上限"));
            }
            previous_row = number;
            XlsxRow out_row;
            out_row.number = number;
            status = read_row(row, sheet.name, out_row);
            if (status && !out_row.cells.empty()) sheet.rows.push_back(std::move(out_row));
        }
        if (!status) return status;
        std::stable_sort(sheet.rows.begin(), sheet.rows.end(),
                         [](const XlsxRow& a, const XlsxRow& b) { return a.number < b.number; });
        return ok();
    }

    Status read_row(pugi::xml_node row, const std::string& sheet_name, XlsxRow& out) {
        std::size_t next_column = 0;
        for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
            if (cell.type() != pugi::node_element || local_name(cell.name()) != "c") continue;
            std::size_t column = next_column;
            if (has_attribute(cell, "r")) {
                const std::optional<std::size_t> given = column_of(attribute(cell, "r"));
                if (!given) {
                    return fail(invalid_xlsx("工作表 " + quoted(sheet_name) + " 的单元格引用 " +
                                             quoted(attribute(cell, "r")) + " 无效"));
                }
                column = *given;
            }
            if (column >= kMaxColumns) {
                return fail(invalid_xlsx("工作表 " + quoted(sheet_name) + " 的列数超过上限"));
            }
            next_column = column + 1;
            ASSIGN_OR_RETURN(std::string text, cell_text(cell, sheet_name, column, out.number));
            if (text.empty()) continue;
            cell_text_bytes_ += text.size();
            if (cell_text_bytes_ > limits_.max_cell_text_bytes) {
                return fail(invalid_xlsx("工作簿的单元格内容超过 " +
                                         size_text(limits_.max_cell_text_bytes) + "，拒绝导入"));
            }
            out.cells.push_back({column, std::move(text)});
        }
        std::stable_sort(out.cells.begin(), out.cells.end(),
                         [](const XlsxCell& a, const XlsxCell& b) { return a.column < b.column; });
        return ok();
    }

    Result<std::string> cell_text(pugi::xml_node cell, const std::string& sheet_name,
                                  std::size_t column, std::uint32_t row) {
        const std::string_view type = attribute(cell, "t");
        if (type == "inlineStr") return string_item_text(child(cell, "is"));
        const pugi::xml_node value = child(cell, "v");
        if (!value) return std::string();
        const std::string_view raw = value.child_value();
        if (type == "s") {
            const std::optional<std::uint32_t> index = unsigned_of(raw);
            if (!index || *index >= shared_strings_.size()) {
                const std::string field = sheet_name + "!" + xlsx_cell_ref(column, row);
                return fail(invalid_xlsx(
                    "单元格 " + field + " 引用了不存在的共享字符串 " + quoted(raw), field));
            }
            return shared_strings_[*index];
        }
        if (type == "b") return std::string(raw == "1" ? "TRUE" : "FALSE");
        if (type == "str" || type == "e" || type == "d") return decode_escapes(std::string(raw));
        return number_text(raw);
    }

    ZipArchive& archive_;
    XlsxLimits limits_;
    std::vector<std::string> shared_strings_;
    std::uint64_t cell_text_bytes_ = 0;
};

}  // namespace

Result<XlsxWorkbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
    // libzip is C and pugixml throws only on allocation failure; this adapter lets nothing out.
    try {
        ASSIGN_OR_RETURN(ZipArchive archive, ZipArchive::open(bytes, limits));
        return WorkbookReader(archive, limits).run();
    } catch (const std::bad_alloc&) {
        return fail(invalid_xlsx("XLSX 文件过大，无法读取"));
    } catch (const std::exception&) {
        return fail(invalid_xlsx("XLSX 文件无法读取"));
    }
}

}  // namespace hx::dto

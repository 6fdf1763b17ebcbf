#include "render/plaque_seal.hpp"

// next_in becomes a pointer to const: zlib never writes to its input.
#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "domain/certifications/certification.hpp"

namespace hx::render {

namespace plaque_seal {

namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";
// Chunks longer than this are not from a plaque (the PNG spec allows 2^31 - 1).
constexpr std::uint32_t kMaxPngChunk = 64U * 1024U * 1024U;
// The PDF search for the catalog and the trailer looks at this many bytes before the end.
constexpr std::size_t kPdfTailWindow = 4096;
// A seal record decompressed from a rewritten PDF: far more than any record.
constexpr std::size_t kMaxInflated = 1024 * 1024;

Error unreadable(std::string message) {
    return Error::invalid("plaque_unreadable", std::move(message));
}

Error seal_missing(std::string message) {
    return Error::invalid("seal_missing", std::move(message));
}

// ---- the record ------------------------------------------------------------------------------

Result<EmbeddedSeal> parse_record(std::string_view text, std::string_view where) {
    const auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return fail(unreadable(std::string(where) + "中的电子印章记录不是有效的 JSON"));
    }
    const auto field = [&](const char* name) -> std::optional<std::string> {
        const auto it = json.find(name);
        if (it == json.end() || !it->is_string()) return std::nullopt;
        return it->get<std::string>();
    };
    const auto format = field("format");
    if (!format || *format != kRecordFormat) {
        return fail(unreadable(std::string(where) + "中的电子印章记录格式未知（应为 " +
                               std::string(kRecordFormat) + "）"));
    }
    auto payload = field("payload");
    auto signature = field("signature");
    auto key_id = field("key_id");
    if (!payload || !signature || !key_id) {
        return fail(unreadable(std::string(where) +
                               "中的电子印章记录不完整：缺少 payload、signature 或 key_id"));
    }
    return EmbeddedSeal{std::move(*payload), std::move(*signature), std::move(*key_id)};
}

// ---- SVG -------------------------------------------------------------------------------------

/// For element content (the record and the title): quotes need no escaping there.
std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0U | (code >> 6U));
        out += static_cast<char>(0x80U | (code & 0x3FU));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0U | (code >> 12U));
        out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (code & 0x3FU));
    } else {
        out += static_cast<char>(0xF0U | (code >> 18U));
        out += static_cast<char>(0x80U | ((code >> 12U) & 0x3FU));
        out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (code & 0x3FU));
    }
}

/// The five named entities and numeric references; anything else is not our record.
std::optional<std::string> xml_unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '&') {
            out += text[i++];
            continue;
        }
        const auto end = text.find(';', i);
        if (end == std::string_view::npos || end - i > 12) return std::nullopt;
        const auto entity = text.substr(i + 1, end - i - 1);
        if (entity == "amp")
            out += '&';
        else if (entity == "lt")
            out += '<';
        else if (entity == "gt")
            out += '>';
        else if (entity == "quot")
            out += '"';
        else if (entity == "apos")
            out += '\'';
        else if (entity.size() > 1 && entity[0] == '#') {
            const bool hex = entity[1] == 'x' || entity[1] == 'X';
            const auto digits = entity.substr(hex ? 2 : 1);
            if (digits.empty()) return std::nullopt;
            std::uint32_t code = 0;
            for (const char d : digits) {
                unsigned value = 0;
                if (d >= '0' && d <= '9')
                    value = static_cast<unsigned>(d - '0');
                else if (hex && d >= 'a' && d <= 'f')
                    value = static_cast<unsigned>(d - 'a' + 10);
                else if (hex && d >= 'A' && d <= 'F')
                    value = static_cast<unsigned>(d - 'A' + 10);
                else
                    return std::nullopt;
                code = code * (hex ? 16U : 10U) + value;
                if (code > 0x10FFFF) return std::nullopt;
            }
            append_utf8(out, code);
        } else {
            return std::nullopt;
        }
        i = end + 1;
    }
    return out;
}

std::string svg_seal_open() {
    return "<hx:seal xmlns:hx=\"" + std::string(kSvgNamespace) + "\">";
}
constexpr std::string_view kSvgSealClose = "</hx:seal>";

bool xml_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// The prefix bound to our namespace (xmlns:PREFIX="urn:huixing:seal:1", on the element or on
/// an ancestor, either quote): an SVG editor may move the declaration or rename the prefix.
std::optional<std::string_view> svg_seal_prefix(std::string_view svg) {
    for (auto at = svg.find(kSvgNamespace); at != std::string_view::npos;
         at = svg.find(kSvgNamespace, at + 1)) {
        if (at < 2 || (svg[at - 1] != '"' && svg[at - 1] != '\'')) continue;
        std::size_t cursor = at - 1;  // the quote
        while (cursor > 0 && xml_space(svg[cursor - 1])) --cursor;
        if (cursor == 0 || svg[cursor - 1] != '=') continue;
        --cursor;
        while (cursor > 0 && xml_space(svg[cursor - 1])) --cursor;
        const std::size_t name_end = cursor;
        while (cursor > 0 && !xml_space(svg[cursor - 1]) && svg[cursor - 1] != '<') --cursor;
        const auto name = svg.substr(cursor, name_end - cursor);
        if (name.substr(0, 6) == "xmlns:" && name.size() > 6) return name.substr(6);
    }
    return std::nullopt;
}

Result<EmbeddedSeal> extract_from_svg(std::string_view svg) {
    if (svg.find("<svg") == std::string_view::npos) {
        return fail(unreadable("文件不是 SVG 图像：找不到 <svg> 元素"));
    }
    const auto missing = [] {
        return seal_missing("SVG 奖牌中没有电子印章（<metadata> 中找不到 " +
                            std::string(kSvgNamespace) + " 记录）");
    };
    const auto prefix = svg_seal_prefix(svg);
    if (!prefix) return fail(missing());
    // <PREFIX:seal …>RECORD</PREFIX:seal>, the start tag followed by a space or its end.
    const std::string open = "<" + std::string(*prefix) + ":seal";
    const std::string close_tag = "</" + std::string(*prefix) + ":seal>";
    std::size_t start = std::string_view::npos;
    for (auto at = svg.find(open); at != std::string_view::npos; at = svg.find(open, at + 1)) {
        const std::size_t after = at + open.size();
        if (after < svg.size() && (xml_space(svg[after]) || svg[after] == '>')) {
            if (start != std::string_view::npos) {
                return fail(unreadable("SVG 文件中有不止一个电子印章记录，无法确定以哪个为准"));
            }
            start = at;
        }
    }
    if (start == std::string_view::npos) return fail(missing());
    const auto tag_end = svg.find('>', start);
    const auto close = tag_end == std::string_view::npos ? tag_end : svg.find(close_tag, tag_end);
    if (close == std::string_view::npos || svg[tag_end - 1] == '/') {
        return fail(unreadable("SVG 文件中的电子印章记录不完整"));
    }
    const auto text = xml_unescape(svg.substr(tag_end + 1, close - tag_end - 1));
    if (!text) return fail(unreadable("SVG 文件中的电子印章记录含有无法识别的字符实体"));
    return parse_record(*text, "SVG 文件");
}

// ---- PNG -------------------------------------------------------------------------------------

void put_be32(std::string& out, std::uint32_t value) {
    out += static_cast<char>((value >> 24U) & 0xFFU);
    out += static_cast<char>((value >> 16U) & 0xFFU);
    out += static_cast<char>((value >> 8U) & 0xFFU);
    out += static_cast<char>(value & 0xFFU);
}

std::uint32_t get_be32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = (value << 8U) | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

struct PngChunk {
    std::size_t offset = 0;  // of the length field
    std::string_view type;
    std::string_view data;
};

/// Every chunk up to and including IEND, each checked against its CRC.
Result<std::vector<PngChunk>> png_chunks(std::string_view png) {
    std::vector<PngChunk> chunks;
    std::size_t at = kPngSignature.size();
    while (true) {
        if (png.size() - at < 12) return fail(unreadable("PNG 文件不完整：在 IEND 之前就结束了"));
        const std::uint32_t length = get_be32(png, at);
        if (length > kMaxPngChunk || png.size() - at - 12 < length) {
            return fail(unreadable("PNG 文件已损坏：数据块长度超出文件"));
        }
        PngChunk chunk{at, png.substr(at + 4, 4), png.substr(at + 8, length)};
        const std::uint32_t stored = get_be32(png, at + 8 + length);
        if (png_crc32(png.substr(at + 4, 4 + std::size_t{length})) != stored) {
            return fail(unreadable("PNG 文件已损坏：数据块 " + std::string(chunk.type) +
                                   " 的 CRC 校验失败"));
        }
        chunks.push_back(chunk);
        at += 12 + std::size_t{length};
        if (chunk.type == "IEND") return chunks;
    }
}

Result<EmbeddedSeal> extract_from_png(std::string_view png) {
    ASSIGN_OR_RETURN(auto chunks, png_chunks(png));
    std::optional<std::string_view> found;
    for (const auto& chunk : chunks) {
        if (chunk.type != "iTXt") continue;
        const auto keyword_end = chunk.data.find('\0');
        if (keyword_end == std::string_view::npos ||
            chunk.data.substr(0, keyword_end) != kPngKeyword)
            continue;
        if (found)
            return fail(unreadable("PNG 文件中有不止一个电子印章数据块，无法确定以哪个为准"));
        found = chunk.data.substr(keyword_end + 1);
    }
    if (!found) {
        return fail(seal_missing("PNG 奖牌中没有电子印章（找不到关键字为 " +
                                 std::string(kPngKeyword) + " 的 iTXt 数据块）"));
    }
    // compression flag, compression method, language tag\0, translated keyword\0, text
    std::string_view rest = *found;
    if (rest.size() < 2) return fail(unreadable("PNG 文件中的电子印章数据块不完整"));
    if (rest[0] != '\0')
        return fail(unreadable("PNG 文件中的电子印章数据块被压缩过，不是本系统生成的格式"));
    rest.remove_prefix(2);
    for (int field = 0; field < 2; ++field) {
        const auto end = rest.find('\0');
        if (end == std::string_view::npos)
            return fail(unreadable("PNG 文件中的电子印章数据块不完整"));
        rest.remove_prefix(end + 1);
    }
    return parse_record(rest, "PNG 文件");
}

// ---- PDF -------------------------------------------------------------------------------------

bool pdf_whitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool pdf_delimiter(char c) {
    return pdf_whitespace(c) || c == '/' || c == '<' || c == '>' || c == '[' || c == ']' ||
           c == '(' || c == ')' || c == '%';
}

/// The unsigned integer at `at` after whitespace; `at` moves past it.
std::optional<std::size_t> read_integer(std::string_view text, std::size_t& at) {
    while (at < text.size() && pdf_whitespace(text[at])) ++at;
    const std::size_t start = at;
    std::size_t value = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - start < 12) {
        value = value * 10 + static_cast<std::size_t>(text[at] - '0');
        ++at;
    }
    if (at == start) return std::nullopt;
    return value;
}

/// Where the name `key` (with its slash) occurs as a whole token in `text`, after `from`.
std::size_t find_name(std::string_view text, std::string_view key, std::size_t from = 0) {
    for (auto at = text.find(key, from); at != std::string_view::npos;
         at = text.find(key, at + 1)) {
        const std::size_t after = at + key.size();
        if (after == text.size() || pdf_delimiter(text[after])) return at;
    }
    return std::string_view::npos;
}

/// The end (one past ">>") of the dictionary that opens at `open` ("<<"), counting nesting.
std::size_t dictionary_end(std::string_view text, std::size_t open) {
    int depth = 0;
    for (std::size_t at = open; at + 1 < text.size(); ++at) {
        if (text[at] == '<' && text[at + 1] == '<') {
            ++depth;
            ++at;
        } else if (text[at] == '>' && text[at + 1] == '>') {
            --depth;
            ++at;
            if (depth == 0) return at + 1;
        }
    }
    return std::string_view::npos;
}

struct PdfTrailer {
    std::size_t size = 0;       // /Size
    std::size_t root = 0;       // /Root N 0 R
    std::size_t xref = 0;       // startxref
    std::string other_entries;  // everything else of the dictionary, copied into ours
};

Result<PdfTrailer> read_trailer(std::string_view pdf) {
    const auto bad = [] { return unreadable("cairo 生成的 PDF 结构与预期不符（trailer）"); };
    const auto tail_start = pdf.size() > kPdfTailWindow ? pdf.size() - kPdfTailWindow : 0;
    const auto trailer = pdf.rfind("trailer");
    const auto startxref = pdf.rfind("startxref");
    if (trailer == std::string_view::npos || trailer < tail_start ||
        startxref == std::string_view::npos || startxref < trailer) {
        return fail(bad());
    }
    PdfTrailer result;
    std::size_t at = startxref + std::string_view("startxref").size();
    const auto xref = read_integer(pdf, at);
    if (!xref) return fail(bad());
    result.xref = *xref;

    const auto open = pdf.find("<<", trailer);
    const auto close = open == std::string_view::npos ? open : dictionary_end(pdf, open);
    if (close == std::string_view::npos || close > startxref) return fail(bad());
    const auto dictionary = pdf.substr(open + 2, close - open - 4);

    const auto size_at = find_name(dictionary, "/Size");
    const auto root_at = find_name(dictionary, "/Root");
    if (size_at == std::string_view::npos || root_at == std::string_view::npos) return fail(bad());
    at = size_at + 5;
    const auto size = read_integer(dictionary, at);
    if (!size) return fail(bad());
    result.size = *size;
    const std::size_t size_end = at;
    at = root_at + 5;
    const auto root = read_integer(dictionary, at);
    if (!root) return fail(bad());
    result.root = *root;
    // Keep every entry but /Size (which grows) and /Prev (which now points at cairo's xref).
    result.other_entries =
        std::string(dictionary.substr(0, size_at)) + std::string(dictionary.substr(size_end));
    if (find_name(result.other_entries, "/Prev") != std::string::npos) return fail(bad());
    return result;
}

/// The catalog's dictionary text "<< … >>", as cairo wrote it.
Result<std::string_view> read_catalog(std::string_view pdf, std::size_t root) {
    const std::string header = std::to_string(root) + " 0 obj";
    std::size_t at = 0;
    std::size_t found = std::string_view::npos;
    // The last definition of the object wins (incremental updates); the header must start a line.
    for (at = pdf.find(header); at != std::string_view::npos; at = pdf.find(header, at + 1)) {
        if (at == 0 || pdf[at - 1] == '\n' || pdf[at - 1] == '\r') found = at;
    }
    if (found == std::string_view::npos)
        return fail(unreadable("cairo 生成的 PDF 中找不到文档目录（Catalog）"));
    const auto open = pdf.find("<<", found);
    const auto close = open == std::string_view::npos ? open : dictionary_end(pdf, open);
    if (close == std::string_view::npos) return fail(unreadable("cairo 生成的 PDF 文档目录不完整"));
    return pdf.substr(open, close - open);
}

std::string xref_entry(std::size_t offset) {
    std::array<char, 32> line{};
    std::snprintf(line.data(), line.size(), "%010zu 00000 n\r\n", offset);
    return line.data();
}

/// zlib-inflates a Flate stream (RFC 1950), up to kMaxInflated bytes: a record is a few
/// kilobytes, and a bomb must not fill memory.
Result<std::string> inflate(std::string_view deflated) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) return fail(Error::internal("zlib inflateInit failed"));
    std::string out;
    std::array<unsigned char, 16384> buffer{};
    stream.next_in = reinterpret_cast<const Bytef*>(deflated.data());
    stream.avail_in = static_cast<uInt>(std::min<std::size_t>(deflated.size(), UINT32_MAX));
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = buffer.data();
        stream.avail_out = static_cast<uInt>(buffer.size());
        status = ::inflate(&stream, Z_NO_FLUSH);
        out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
        if (out.size() > kMaxInflated) status = Z_MEM_ERROR;
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END) return fail(unreadable("PDF 文件中的电子印章对象压缩数据已损坏"));
    return out;
}

Result<EmbeddedSeal> extract_from_pdf(std::string_view pdf) {
    const auto type_at = find_name(pdf, kPdfType);
    if (type_at == std::string_view::npos) {
        return fail(seal_missing("PDF 奖牌中没有电子印章（找不到 /Type " + std::string(kPdfType) +
                                 " 对象）"));
    }
    if (find_name(pdf, kPdfType, type_at + 1) != std::string_view::npos) {
        return fail(unreadable("PDF 文件中有不止一个电子印章对象，无法确定以哪个为准"));
    }
    const auto bad = [] { return unreadable("PDF 文件中的电子印章对象不完整"); };
    const auto open = pdf.rfind("<<", type_at);
    if (open == std::string_view::npos) return fail(bad());
    const auto close = dictionary_end(pdf, open);
    if (close == std::string_view::npos || close < type_at) return fail(bad());
    const auto dictionary = pdf.substr(open, close - open);
    // We write the record uncompressed; tools that rewrite a PDF (qpdf by default) compress
    // streams with Flate, which is undone here. Any other encoding is not a record we read.
    bool deflated = false;
    if (const auto filter_at = find_name(dictionary, "/Filter");
        filter_at != std::string_view::npos) {
        const auto skip_space = [&](std::size_t at) {
            while (at < dictionary.size() && pdf_whitespace(dictionary[at])) ++at;
            return at;
        };
        std::size_t cursor = skip_space(filter_at + 7);
        const bool array = cursor < dictionary.size() && dictionary[cursor] == '[';
        if (array) cursor = skip_space(cursor + 1);
        const bool flate = find_name(dictionary, "/FlateDecode", cursor) == cursor;
        const std::size_t after = skip_space(cursor + 12);
        const bool single = !array || (after < dictionary.size() && dictionary[after] == ']');
        if (!flate || !single || find_name(dictionary, "/DecodeParms") != std::string_view::npos) {
            return fail(unreadable("PDF 文件中的电子印章对象以不支持的方式编码"));
        }
        deflated = true;
    }

    std::size_t at = close;
    while (at < pdf.size() && pdf_whitespace(pdf[at])) ++at;
    if (pdf.substr(at, 6) != "stream") return fail(bad());
    at += 6;
    if (pdf.substr(at, 2) == "\r\n")
        at += 2;
    else if (at < pdf.size() && pdf[at] == '\n')
        at += 1;
    else
        return fail(bad());

    // /Length when it is a direct number; otherwise up to "endstream" (a rewritten file).
    std::optional<std::size_t> length;
    if (const auto length_at = find_name(dictionary, "/Length");
        length_at != std::string_view::npos) {
        std::size_t cursor = length_at + 7;
        length = read_integer(dictionary, cursor);
        std::size_t next = cursor;
        if (length && read_integer(dictionary, next)) length.reset();  // "N G R": indirect
    }
    std::string_view data;
    if (length && *length <= pdf.size() - at) {
        data = pdf.substr(at, *length);
    } else {
        const auto end = pdf.find("endstream", at);
        if (end == std::string_view::npos) return fail(bad());
        data = pdf.substr(at, end - at);
        while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.remove_suffix(1);
    }
    if (!deflated) return parse_record(data, "PDF 文件");
    ASSIGN_OR_RETURN(const auto inflated, inflate(data));
    return parse_record(inflated, "PDF 文件");
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::uint32_t png_crc32(std::string_view bytes) {
    static const auto kTable = [] {
        std::array<std::uint32_t, 256> table{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1U) : c >> 1U;
            table[n] = c;
        }
        return table;
    }();
    std::uint32_t crc = 0xFFFFFFFFU;
    for (const char byte : bytes) {
        crc = kTable[(crc ^ static_cast<unsigned char>(byte)) & 0xFFU] ^ (crc >> 8U);
    }
    return crc ^ 0xFFFFFFFFU;
}

std::string png_chunk(std::string_view type, std::string_view data) {
    std::string chunk;
    chunk.reserve(12 + data.size());
    put_be32(chunk, static_cast<std::uint32_t>(data.size()));
    chunk += type;
    chunk += data;
    put_be32(chunk, png_crc32(std::string_view(chunk).substr(4)));
    return chunk;
}

std::string seal_record(const EmbeddedSeal& seal) {
    const nlohmann::json record = {{"format", kRecordFormat},
                                   {"key_id", seal.key_id},
                                   {"signature", seal.signature},
                                   {"payload", seal.payload}};
    // UTF-8 as is (readable in an editor); invalid UTF-8 is replaced rather than thrown on, and
    // would then fail verification, which is the truth about such a payload.
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::string> embed_in_svg(std::string svg, const EmbeddedSeal& seal,
                                 std::string_view title) {
    const auto open = svg.find("<svg");
    const auto end = open == std::string::npos ? open : svg.find('>', open);
    if (end == std::string::npos)
        return fail(Error::internal("cairo SVG output has no <svg> element"));
    const std::string inserted = "\n<title>" + xml_escape(title) + "</title>\n<metadata>" +
                                 svg_seal_open() + xml_escape(seal_record(seal)) +
                                 std::string(kSvgSealClose) + "</metadata>";
    svg.insert(end + 1, inserted);
    return svg;
}

Result<std::string> embed_in_png(std::string png, const EmbeddedSeal& seal) {
    if (!starts_with(png, kPngSignature))
        return fail(Error::internal("cairo PNG output has no signature"));
    ASSIGN_OR_RETURN(const auto chunks, png_chunks(png));
    const std::size_t iend = chunks.back().offset;

    // keyword\0, compression flag 0 and method 0 (uncompressed), empty language tag\0 and
    // translated keyword\0, then the UTF-8 text.
    std::string body(kPngKeyword);
    body.append(1, '\0').append(1, '\0').append(1, '\0').append(1, '\0').append(1, '\0');
    body += seal_record(seal);
    if (body.size() > kMaxPngChunk)
        return fail(Error::invalid("plaque_invalid", "电子印章内容过长"));
    png.insert(iend, png_chunk("iTXt", body));
    return png;
}

Result<std::string> embed_in_pdf(std::string pdf, const EmbeddedSeal& seal) {
    if (!starts_with(pdf, "%PDF-")) return fail(Error::internal("cairo PDF output has no header"));
    auto trailer = read_trailer(pdf);
    if (!trailer) return fail(Error::internal("cairo PDF trailer: " + trailer.error().message()));
    auto catalog = read_catalog(pdf, trailer->root);
    if (!catalog) return fail(Error::internal("cairo PDF catalog: " + catalog.error().message()));
    const std::string catalog_dictionary(*catalog);
    if (pdf.back() != '\n') pdf += '\n';

    // PDF 32000-1 §7.5.6: an update appends the changed objects, an xref section for them and a
    // trailer whose /Prev points at the previous xref; readers take the newest definitions.
    const std::size_t seal_object = trailer->size;
    const std::string record = seal_record(seal);
    const std::size_t seal_offset = pdf.size();
    pdf += std::to_string(seal_object) + " 0 obj\n<< /Type " + std::string(kPdfType) + " /Length " +
           std::to_string(record.size()) + " >>\nstream\n" + record + "\nendstream\nendobj\n";
    const std::size_t catalog_offset = pdf.size();
    pdf += std::to_string(trailer->root) + " 0 obj\n" +
           catalog_dictionary.substr(0, catalog_dictionary.size() - 2) + " /HuixingSealRecord " +
           std::to_string(seal_object) + " 0 R >>\nendobj\n";
    const std::size_t xref_offset = pdf.size();
    pdf += "xref\n" + std::to_string(trailer->root) + " 1\n" + xref_entry(catalog_offset) +
           std::to_string(seal_object) + " 1\n" + xref_entry(seal_offset);
    pdf += "trailer\n<< /Size " + std::to_string(seal_object + 1) + " /Prev " +
           std::to_string(trailer->xref) + " " + trailer->other_entries + " >>\nstartxref\n" +
           std::to_string(xref_offset) + "\n%%EOF\n";
    return pdf;
}

}  // namespace plaque_seal

namespace {

Result<EmbeddedSeal> extract_by_format(std::string_view file_bytes) {
    using namespace plaque_seal;
    if (file_bytes.empty()) return fail(unreadable("文件为空，不是奖牌文件"));
    if (starts_with(file_bytes, kPngSignature)) return extract_from_png(file_bytes);
    if (starts_with(file_bytes, "%PDF-")) return extract_from_pdf(file_bytes);
    std::string_view text = file_bytes;
    if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 BOM
    while (!text.empty() && pdf_whitespace(text.front())) text.remove_prefix(1);
    if (starts_with(text, "<?xml") || starts_with(text, "<svg") || starts_with(text, "<!--") ||
        starts_with(text, "<!DOCTYPE")) {
        return extract_from_svg(text);
    }
    return fail(unreadable("无法识别的文件格式：奖牌文件应为 SVG、PNG 或 PDF"));
}

}  // namespace

Result<EmbeddedSeal> extract_plaque_seal(std::string_view file_bytes) {
    ASSIGN_OR_RETURN(auto seal, extract_by_format(file_bytes));
    // The key id beside the seal is not signed; the one inside the payload is. A seal whose two
    // ids differ was edited (found by the plaque fuzzer): refuse it rather than let a reader
    // pick a key by the unsigned one.
    if (const auto fields = certifications::parse_payload(seal.payload)) {
        for (const auto& [name, value] : *fields) {
            if (name == "key_id" && value != seal.key_id) {
                return fail(plaque_seal::unreadable("奖牌中印章标明的密钥编号与签名内容中的不一致，文件已被改动"));
            }
        }
    }
    return seal;
}

}  // namespace hx::render

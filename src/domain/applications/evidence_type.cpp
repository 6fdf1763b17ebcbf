#include "domain/applications/evidence_type.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace hx::applications {

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Whether `bytes` holds `word` (lowercase ASCII) at `pos`, in any case.
bool spells_at(std::string_view bytes, std::size_t pos, std::string_view word) {
    if (pos > bytes.size() || bytes.size() - pos < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (ascii_lower(bytes[pos + i]) != word[i]) return false;
    }
    return true;
}

/// Markup a browser would run if it ever sniffed the file as HTML (a polyglot). Each tag
/// starts with '<' and the scheme ends with ':', so memchr finds the few places to look at:
/// a picture is scanned at memory speed instead of being lowered byte by byte into a copy (the
/// copy was 7 % of the server's CPU in the deadline rush, docs/performance.md).
bool has_active_markup(std::string_view bytes) {
    for (auto pos = bytes.find('<'); pos != std::string_view::npos; pos = bytes.find('<', pos + 1)) {
        for (std::string_view tag : {"<script", "<html", "<svg", "<iframe"}) {
            if (spells_at(bytes, pos, tag)) return true;
        }
    }
    constexpr std::string_view kScheme = "javascript:";
    for (auto pos = bytes.find(':', kScheme.size() - 1); pos != std::string_view::npos;
         pos = bytes.find(':', pos + 1)) {
        if (spells_at(bytes, pos + 1 - kScheme.size(), kScheme)) return true;
    }
    return false;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// PDF names may spell any byte as #hh (ISO 32000-1 §7.3.5): /J#61vaScript is /JavaScript.
std::string decode_pdf_name_escapes(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '#' && i + 2 < bytes.size()) {
            const int high = hex_value(bytes[i + 1]);
            const int low = hex_value(bytes[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.push_back(bytes[i]);
    }
    return out;
}

bool pdf_has_active_content(std::string_view bytes) {
    const std::string names = decode_pdf_name_escapes(bytes);
    for (std::string_view needle : {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/OpenAction",
                                    "/AA", "/RichMedia", "/XFA"}) {
        if (names.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

std::optional<FileType> sniff_evidence_type(std::string_view bytes) {
    if (bytes.size() < 8) return std::nullopt;
    if (starts_with(bytes, "%PDF-")) {
        if (pdf_has_active_content(bytes) || has_active_markup(bytes)) return std::nullopt;
        return FileType{"application/pdf", "pdf"};
    }
    if (starts_with(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        if (has_active_markup(bytes)) return std::nullopt;
        return FileType{"image/png", "png"};
    }
    if (starts_with(bytes, std::string_view("\xFF\xD8\xFF", 3))) {
        if (has_active_markup(bytes)) return std::nullopt;
        return FileType{"image/jpeg", "jpg"};
    }
    return std::nullopt;
}

}  // namespace hx::applications

#include "domain/applications/evidence_type.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace hx::applications {

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

std::string lower_copy(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Markup a browser would run if it ever sniffed the file as HTML (a polyglot).
bool has_active_markup(std::string_view bytes) {
    const auto text = lower_copy(bytes);
    for (std::string_view needle : {"<script", "<html", "<svg", "<iframe", "javascript:"}) {
        if (text.find(needle) != std::string::npos) return true;
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

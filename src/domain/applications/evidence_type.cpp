#include "domain/applications/evidence_type.hpp"

#include <algorithm>
#include <array>
#include <cctype>

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

bool pdf_has_active_content(std::string_view bytes) {
    for (std::string_view needle : {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/OpenAction",
                                    "/AA", "/RichMedia", "/XFA"}) {
        if (bytes.find(needle) != std::string_view::npos) return true;
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

#pragma once
/// What an uploaded file really is, judged from its bytes, never from its name or the
/// client's Content-Type. Only documents and pictures an evaluator can open safely pass.
#include <optional>
#include <string>
#include <string_view>

namespace hx::applications {

struct FileType {
    std::string content_type;  // application/pdf, image/png, image/jpeg
    std::string extension;     // pdf, png, jpg
};

/// PDF (without JavaScript or launch actions), PNG or JPEG; anything else — HTML, SVG,
/// scripts, archives, a picture with markup appended — is refused.
std::optional<FileType> sniff_evidence_type(std::string_view bytes);

}  // namespace hx::applications

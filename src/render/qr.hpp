#pragma once
/// QR codes (libqrencode) drawn as cairo paths, so they stay sharp in SVG and PDF and scan from a
/// printed plaque. Used by the plaques' "扫码验证" corner; any document can reuse it.
#include <cairo.h>

#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hx::render {

/// The modules of one QR symbol, row by row; true is dark.
class QrCode {
public:
    /// Encodes `text` (UTF-8, at most 1,000 bytes, no NUL) with error correction level M (15 %),
    /// the smallest version that holds it. Error::invalid("qr_text_invalid", …) for an empty,
    /// too long or NUL-containing text; Error::internal when libqrencode fails.
    static Result<QrCode> encode(std::string_view text);

    /// Modules per side, without the quiet zone.
    [[nodiscard]] int size() const { return size_; }
    [[nodiscard]] bool dark(int x, int y) const {
        return modules_[static_cast<std::size_t>(y) * static_cast<std::size_t>(size_) +
                        static_cast<std::size_t>(x)];
    }

private:
    QrCode(int size, std::vector<bool> modules) : size_(size), modules_(std::move(modules)) {}

    int size_ = 0;
    std::vector<bool> modules_;
};

/// The quiet zone the QR specification asks for around a symbol, in modules.
inline constexpr int kQrQuietZone = 4;

/// Draws `code` in the square at (x, y) with side `side` (the quiet zone included): a white
/// square, then the dark modules as one filled path (no hairline seams between modules).
void draw_qr(cairo_t* cr, const QrCode& code, double x, double y, double side);

}  // namespace hx::render

#include "render/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace hx::render {

namespace {

// A verification link is under 100 bytes; 1,000 still scans well at level M (version 22).
constexpr std::size_t kMaxQrText = 1000;

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<QrCode> QrCode::encode(std::string_view text) {
    if (text.empty()) return fail(Error::invalid("qr_text_invalid", "二维码内容为空"));
    if (text.size() > kMaxQrText) {
        return fail(Error::invalid(
            "qr_text_invalid", "二维码内容过长（" + std::to_string(text.size()) + " 字节，最多 " +
                                   std::to_string(kMaxQrText) + " 字节）"));
    }
    if (text.find('\0') != std::string_view::npos) {
        return fail(Error::invalid("qr_text_invalid", "二维码内容含有 NUL 字符"));
    }
    const std::string terminated(text);
    // QR_MODE_8 keeps UTF-8 as bytes; libqrencode still picks alphanumeric segments where it can.
    std::unique_ptr<QRcode, QrFree> code(
        QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) {
        return fail(Error::internal("QRcode_encodeString failed, errno " + std::to_string(errno)));
    }
    const int size = code->width;
    std::vector<bool> modules(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < modules.size(); ++i) {
        // Bit 0 of each byte is the module's colour; the other bits say what kind of module it is.
        modules[i] = (code->data[i] & 1U) != 0;
    }
    return QrCode(size, std::move(modules));
}

void draw_qr(cairo_t* cr, const QrCode& code, double x, double y, double side) {
    const double module = side / static_cast<double>(code.size() + 2 * kQrQuietZone);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);

    cairo_set_source_rgb(cr, 0, 0, 0);
    const double left = x + kQrQuietZone * module;
    const double top = y + kQrQuietZone * module;
    // One rectangle per run of dark modules in a row, all in one path, filled once.
    for (int row = 0; row < code.size(); ++row) {
        int column = 0;
        while (column < code.size()) {
            if (!code.dark(column, row)) {
                ++column;
                continue;
            }
            const int start = column;
            while (column < code.size() && code.dark(column, row)) ++column;
            cairo_rectangle(cr, left + start * module, top + row * module,
                            (column - start) * module, module);
        }
    }
    cairo_fill(cr);
    cairo_restore(cr);
}

}  // namespace hx::render

#include "render/plaque.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <malloc.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <list>
#include <mutex>
#include <unordered_map>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <utility>

#include "render/plaque_seal.hpp"
#include "render/qr.hpp"
#include "render/text_layout.hpp"

namespace hx::render {

namespace {

// The palette of a Chinese honour plaque: vermilion lacquer, gold leaf, rice-paper ground.
constexpr Color kLacquer = rgb(0x8E1A1A);
constexpr Color kLacquerDark = rgb(0x6E1212);
constexpr Color kGold = rgb(0xD4AF37);
constexpr Color kGoldDark = rgb(0xA8841F);
constexpr Color kPaper = rgb(0xFBF4E2);
constexpr Color kTitleRed = rgb(0xA31F1F);
constexpr Color kInk = rgb(0x2B1D14);
constexpr Color kInkSoft = rgb(0x5C4A3A);
constexpr Color kInkFaint = rgb(0x8A7560);

constexpr double kWidth = kPlaqueWidth;
constexpr double kHeight = kPlaqueHeight;
// The lacquer frame around the paper panel, and the margin of the text inside the panel.
constexpr double kFrame = 20;
constexpr double kInner = 44;

// The bottom band (QR code, year and serial, issuers and date) starts here.
constexpr double kBandTop = 262;
constexpr double kStarRadius = 12.5;

constexpr int kMaxIssuers = 4;
constexpr std::size_t kMaxFieldBytes = 512;
constexpr std::size_t kMaxPayloadBytes = 16 * 1024;

struct SurfaceDestroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDestroy>;

Error invalid(std::string field, std::string message) {
    return Error::invalid("plaque_invalid", "奖牌内容不完整或有误：" + message,
                          {{std::move(field), message}});
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// "2026-12-10" → "2026年12月10日"; nullopt for anything else.
std::optional<std::string> chinese_date(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    for (std::size_t i = 0; i < iso.size(); ++i) {
        if (i != 4 && i != 7 && !is_digit(iso[i])) return std::nullopt;
    }
    const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
    const int day = (iso[8] - '0') * 10 + (iso[9] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return std::string(iso.substr(0, 4)) + "年" + std::to_string(month) + "月" +
           std::to_string(day) + "日";
}

Status validate(const PlaqueContent& content) {
    if (content.star < 1 || content.star > 5) {
        return fail(invalid("star", "星级应为 1 至 5，收到 " + std::to_string(content.star)));
    }
    if (content.year < 1000 || content.year > 9999) {
        return fail(invalid("year", "认定年度应为四位年份，收到 " + std::to_string(content.year)));
    }
    const std::pair<const char*, const std::string*> required[] = {
        {"serial", &content.serial},
        {"title", &content.title},
        {"community_name", &content.community_name},
        {"issued_on", &content.issued_on},
        {"verify_url", &content.verify_url},
        {"signature", &content.signature},
        {"key_id", &content.key_id},
        {"payload", &content.payload}};
    for (const auto& [field, value] : required) {
        if (value->empty()) return fail(invalid(field, std::string(field) + " 不能为空"));
        const std::size_t limit =
            std::string_view(field) == "payload" ? kMaxPayloadBytes : kMaxFieldBytes;
        if (value->size() > limit) {
            return fail(invalid(field, std::string(field) + " 过长（" +
                                           std::to_string(value->size()) + " 字节，最多 " +
                                           std::to_string(limit) + " 字节）"));
        }
    }
    if (content.district_name.size() > kMaxFieldBytes) {
        return fail(invalid("district_name", "区名称过长"));
    }
    if (content.street_name.size() > kMaxFieldBytes) {
        return fail(invalid("street_name", "街道名称过长"));
    }
    if (content.issuers.empty() || content.issuers.size() > kMaxIssuers) {
        return fail(invalid("issuers", "发证单位应为 1 至 " + std::to_string(kMaxIssuers) +
                                           " 个，收到 " + std::to_string(content.issuers.size()) +
                                           " 个"));
    }
    for (const auto& issuer : content.issuers) {
        if (issuer.empty() || issuer.size() > kMaxFieldBytes) {
            return fail(invalid("issuers", "发证单位名称不能为空或过长"));
        }
    }
    if (!chinese_date(content.issued_on)) {
        return fail(
            invalid("issued_on", "发证日期应为 YYYY-MM-DD，收到 '" + content.issued_on + "'"));
    }
    return ok();
}

// ---- drawing ---------------------------------------------------------------------------------

void rectangle_stroke(cairo_t* cr, double inset, double width, Color color) {
    cairo_save(cr);
    set_source(cr, color);
    cairo_set_line_width(cr, width);
    cairo_rectangle(cr, inset, inset, kWidth - 2 * inset, kHeight - 2 * inset);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/// A five-pointed star as a path: outer radius r, the inner points on the golden ratio.
void star_path(cairo_t* cr, double cx, double cy, double r) {
    const double inner = r * std::sin(std::numbers::pi / 10) / std::sin(3 * std::numbers::pi / 10);
    for (int point = 0; point < 10; ++point) {
        const double angle = -std::numbers::pi / 2 + point * std::numbers::pi / 5;
        const double radius = point % 2 == 0 ? r : inner;
        const double x = cx + radius * std::cos(angle);
        const double y = cy + radius * std::sin(angle);
        if (point == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
}

/// The corner fret (回纹) in gold, one per corner of the panel, mirrored by the transform.
void corner_fret(cairo_t* cr, double x, double y, double sx, double sy) {
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, sx, sy);
    set_source(cr, kGoldDark);
    cairo_set_line_width(cr, 1.4);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    cairo_move_to(cr, 0, 26);
    cairo_line_to(cr, 0, 0);
    cairo_line_to(cr, 26, 0);
    cairo_move_to(cr, 5, 18);
    cairo_line_to(cr, 5, 5);
    cairo_line_to(cr, 18, 5);
    cairo_line_to(cr, 18, 12);
    cairo_line_to(cr, 11, 12);
    cairo_line_to(cr, 11, 10);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void draw_frame(cairo_t* cr) {
    // Lacquer board with a slightly darker rim, gold beads, then the paper panel.
    set_source(cr, kLacquerDark);
    cairo_paint(cr);
    set_source(cr, kLacquer);
    cairo_rectangle(cr, 4, 4, kWidth - 8, kHeight - 8);
    cairo_fill(cr);
    rectangle_stroke(cr, 9, 1.6, kGold);
    rectangle_stroke(cr, 13.5, 0.6, kGold);

    set_source(cr, kPaper);
    cairo_rectangle(cr, kFrame, kFrame, kWidth - 2 * kFrame, kHeight - 2 * kFrame);
    cairo_fill(cr);
    rectangle_stroke(cr, kFrame + 4, 1.2, kGold);
    rectangle_stroke(cr, kFrame + 7, 0.4, kTitleRed);

    const double c = kFrame + 11;
    corner_fret(cr, c, c, 1, 1);
    corner_fret(cr, kWidth - c, c, -1, 1);
    corner_fret(cr, c, kHeight - c, 1, -1);
    corner_fret(cr, kWidth - c, kHeight - c, -1, -1);
}

/// The row of `count` gold stars centred at cy, with gold rules either side; returns its bottom.
double draw_stars(cairo_t* cr, int count, double cy) {
    constexpr double kRadius = kStarRadius;
    constexpr double kPitch = 34;
    const double row = (count - 1) * kPitch;
    const double left = kWidth / 2 - row / 2;
    for (int i = 0; i < count; ++i) star_path(cr, left + i * kPitch, cy + 1, kRadius);
    set_source(cr, kGold);
    cairo_fill_preserve(cr);
    set_source(cr, kGoldDark);
    cairo_set_line_width(cr, 0.9);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);

    set_source(cr, kGold);
    cairo_set_line_width(cr, 1);
    const double gap = kRadius + 16;
    const double reach = 150;
    for (const double side : {-1.0, 1.0}) {
        const double from = kWidth / 2 + side * (row / 2 + gap);
        const double to = kWidth / 2 + side * (row / 2 + gap + reach);
        cairo_move_to(cr, from, cy + 1);
        cairo_line_to(cr, to, cy + 1);
        cairo_stroke(cr);
        // a small diamond at the outer end of each rule
        cairo_move_to(cr, to + side * 4, cy + 1);
        cairo_line_to(cr, to, cy - 2);
        cairo_line_to(cr, to - side * 4, cy + 1);
        cairo_line_to(cr, to, cy + 4);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    return cy + kRadius + 2;
}

std::string star_words(int star) {
    static constexpr const char* kDigits[] = {"", "一", "二", "三", "四", "五"};
    return std::string(kDigits[star]) + "星级";
}

void draw_plaque(cairo_t* cr, const PlaqueContent& content, const QrCode& qr) {
    draw_frame(cr);
    const double column = kWidth - 2 * kInner;

    // The upper block — title, stars, community, place — centred in the space above the band.
    TextStyle title{FontFace::kSerif, 38, FontWeight::kBold, TextAlign::kCenter, kTitleRed, 4};
    title.size = fit_font_size(cr, content.title, column - 20, title, 22);
    TextStyle name{FontFace::kSerif, 24, FontWeight::kBold, TextAlign::kCenter, kInk, 1};
    name.size = fit_font_size(cr, content.community_name, column - 40, name, 15);
    std::string place = content.district_name;
    if (!content.street_name.empty()) place += (place.empty() ? "" : " · ") + content.street_name;
    const TextStyle place_style{FontFace::kSans,    11.5,     FontWeight::kRegular,
                                TextAlign::kCenter, kInkSoft, 1};

    constexpr double kTitleToStars = 18;  // from the title's bottom to the stars' centre
    constexpr double kStarsToName = 16;   // from the stars' bottom to the name
    constexpr double kNameToPlace = 4;
    const double title_height = measure_paragraph(cr, content.title, column, title);
    const double name_height = measure_paragraph(cr, content.community_name, column - 40, name);
    const double place_height =
        place.empty() ? 0 : kNameToPlace + measure_paragraph(cr, place, column, place_style);
    const double block =
        title_height + kTitleToStars + kStarRadius + 2 + kStarsToName + name_height + place_height;
    constexpr double kUpperTop = kFrame + 22;
    constexpr double kUpperBottom = kBandTop - 12;
    double y = kUpperTop + std::max(0.0, (kUpperBottom - kUpperTop - block) / 2);

    y += draw_paragraph(cr, content.title, kInner, y, column, title);
    y = draw_stars(cr, content.star, y + kTitleToStars) + kStarsToName;
    y += draw_paragraph(cr, content.community_name, kInner + 20, y, column - 40, name);
    if (!place.empty()) draw_paragraph(cr, place, kInner, y + kNameToPlace, column, place_style);

    // The bottom band: QR code on the left, year and serial beside it, the issuers and the date
    // signed at the right as on a paper certificate (落款).
    constexpr double kQrSide = 86;
    const double qr_x = kInner + 2;
    draw_qr(cr, qr, qr_x, kBandTop, kQrSide);
    const TextStyle caption{FontFace::kSans,    8.5,      FontWeight::kRegular,
                            TextAlign::kCenter, kInkSoft, 1};
    draw_paragraph(cr, "扫码验证", qr_x, kBandTop + kQrSide + 2, kQrSide, caption);

    const double facts_x = qr_x + kQrSide + 14;
    const double facts_width = 180;
    const TextStyle label{FontFace::kSans, 9, FontWeight::kRegular, TextAlign::kLeft, kInkFaint, 1};
    const TextStyle value{FontFace::kSans, 11.5, FontWeight::kBold, TextAlign::kLeft, kInk, 1};
    double fy = kBandTop + 4;
    fy += draw_paragraph(cr, "认定年度", facts_x, fy, facts_width, label);
    fy += draw_paragraph(cr, std::to_string(content.year) + "年度 · " + star_words(content.star),
                         facts_x, fy, facts_width, value) +
          6;
    fy += draw_paragraph(cr, "证书编号", facts_x, fy, facts_width, label);
    TextStyle serial = value;
    serial.size = fit_font_size(cr, content.serial, facts_width, serial, 8);
    draw_paragraph(cr, content.serial, facts_x, fy, facts_width, serial);

    const double issuer_right = kWidth - kInner - 14;  // clear of the corner fret
    const double issuer_width = 230;
    const TextStyle issuer_label{FontFace::kSans,   9,         FontWeight::kRegular,
                                 TextAlign::kRight, kInkFaint, 1};
    TextStyle issuer{FontFace::kSerif, 11.5, FontWeight::kBold, TextAlign::kRight, kInk, 1};
    const TextStyle date{FontFace::kSerif, 11, FontWeight::kRegular, TextAlign::kRight, kInk, 1};
    // Laid out from the bottom up, so any number of issuers ends on the same baseline.
    const double bottom = kBandTop + kQrSide + 14;
    const std::string date_text = *chinese_date(content.issued_on);
    double iy = bottom - measure_paragraph(cr, date_text, issuer_width, date);
    draw_paragraph(cr, date_text, issuer_right - issuer_width, iy, issuer_width, date);
    iy -= 4;
    for (auto it = content.issuers.rbegin(); it != content.issuers.rend(); ++it) {
        TextStyle fitted = issuer;
        fitted.size = fit_font_size(cr, *it, issuer_width, issuer, 8);
        iy -= measure_paragraph(cr, *it, issuer_width, fitted) + 1;
        draw_paragraph(cr, *it, issuer_right - issuer_width, iy, issuer_width, fitted);
    }
    iy -= measure_paragraph(cr, "发证单位", issuer_width, issuer_label) + 1;
    draw_paragraph(cr, "发证单位", issuer_right - issuer_width, iy, issuer_width, issuer_label);

    // The seal, in small print along the bottom of the panel.
    const TextStyle small{FontFace::kSans,    6.5,       FontWeight::kRegular,
                          TextAlign::kCenter, kInkFaint, 1};
    draw_paragraph(cr,
                   "本奖牌内容经 SM2 电子签章（密钥 " + content.key_id + "），可扫码或离线验证真伪",
                   kInner, kHeight - kFrame - 18, column, small);
}

// ---- surfaces --------------------------------------------------------------------------------

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

Status check(cairo_surface_t* surface, cairo_t* cr, const char* what) {
    if (cr != nullptr && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        return fail(
            Error::internal(std::string(what) + ": " + cairo_status_to_string(cairo_status(cr))));
    }
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        return fail(Error::internal(std::string(what) + ": " +
                                    cairo_status_to_string(cairo_surface_status(surface))));
    }
    return ok();
}

/// Draws on a vector surface (SVG or PDF) writing into `out`, and finishes it.
Status draw_vector(cairo_surface_t* raw, const PlaqueContent& content, const QrCode& qr,
                   const char* what) {
    SurfacePtr surface(raw);
    RETURN_IF_ERROR(check(surface.get(), nullptr, what));
    {
        ContextPtr cr(cairo_create(surface.get()));
        draw_plaque(cr.get(), content, qr);
        RETURN_IF_ERROR(check(surface.get(), cr.get(), what));
    }
    cairo_surface_finish(surface.get());
    return check(surface.get(), nullptr, what);
}

std::string document_title(const PlaqueContent& content) {
    return content.title + " · " + content.community_name;
}

Result<std::string> render_svg(const PlaqueContent& content, const QrCode& qr) {
    std::string out;
    auto* surface = cairo_svg_surface_create_for_stream(append_to_string, &out, kWidth, kHeight);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    RETURN_IF_ERROR(draw_vector(surface, content, qr, "cairo SVG"));
    return out;
}

Result<std::string> render_pdf(const PlaqueContent& content, const QrCode& qr) {
    std::string out;
    auto* surface = cairo_pdf_surface_create_for_stream(append_to_string, &out, kWidth, kHeight);
    const std::string title = document_title(content);
    std::string issuers;
    for (const auto& issuer : content.issuers) issuers += (issuers.empty() ? "" : "、") + issuer;
    const std::string subject = "证书编号 " + content.serial;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, issuers.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                   "慧星 · 北京市星级智慧社区认定系统");
    RETURN_IF_ERROR(draw_vector(surface, content, qr, "cairo PDF"));
    return out;
}

/// An RGB24 image surface as a PNG (8-bit RGB, no alpha), written here instead of by
/// cairo_surface_write_to_png_stream: libpng there tries all five row filters on every row and
/// deflates at level 6, which took 90 % of a PNG plaque's CPU (docs/performance.md § S4.1).
/// A plaque is flat colour and text, where the filter "none" compresses best anyway. Level 3
/// deflates in half the CPU of level 6 for a file 11 % larger (92 KiB against 82 KiB; cairo's
/// was 112 KiB). The pixels are the same.
constexpr int kPngLevel = 3;

Result<std::string> encode_png(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* pixels = cairo_image_surface_get_data(surface);
    if (pixels == nullptr || cairo_image_surface_get_format(surface) != CAIRO_FORMAT_RGB24) {
        return fail(Error::internal("PNG: not an RGB24 image surface"));
    }

    std::string out = "\x89PNG\r\n\x1A\n";
    std::string header;
    for (const auto value : {static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height)}) {
        for (const unsigned shift : {24U, 16U, 8U, 0U}) header += static_cast<char>((value >> shift) & 0xFFU);
    }
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, filters, no interlace
    out += plaque_seal::png_chunk("IHDR", header);

    z_stream z{};
    if (deflateInit2(&z, kPngLevel, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return fail(Error::internal("PNG: deflateInit2 failed"));
    }
    const std::unique_ptr<z_stream, int (*)(z_stream*)> end(&z, deflateEnd);
    std::string row(1 + 3 * static_cast<std::size_t>(width), '\0');  // filter byte 0: none
    std::string idat;
    std::array<unsigned char, 64 * 1024> buffer{};
    for (int y = 0; y <= height; ++y) {
        const bool last = y == height;
        if (!last) {
            // CAIRO_FORMAT_RGB24: one native-endian 32-bit word per pixel, 0x??RRGGBB.
            const auto* words = reinterpret_cast<const std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(y) * stride);
            char* rgb = row.data() + 1;
            for (int x = 0; x < width; ++x) {
                const std::uint32_t pixel = words[x];
                *rgb++ = static_cast<char>((pixel >> 16U) & 0xFFU);
                *rgb++ = static_cast<char>((pixel >> 8U) & 0xFFU);
                *rgb++ = static_cast<char>(pixel & 0xFFU);
            }
            z.next_in = reinterpret_cast<Bytef*>(row.data());
            z.avail_in = static_cast<uInt>(row.size());
        }
        int status = Z_OK;
        do {
            z.next_out = buffer.data();
            z.avail_out = static_cast<uInt>(buffer.size());
            status = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            if (status == Z_STREAM_ERROR) return fail(Error::internal("PNG: deflate failed"));
            idat.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
        } while (z.avail_out == 0 || (last && status != Z_STREAM_END));
    }
    out += plaque_seal::png_chunk("IDAT", idat);
    out += plaque_seal::png_chunk("IEND", "");
    return out;
}

Result<std::string> render_png(const PlaqueContent& content, const QrCode& qr) {
    SurfacePtr surface(cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, kPlaqueWidth * kPlaquePngScale, kPlaqueHeight * kPlaquePngScale));
    RETURN_IF_ERROR(check(surface.get(), nullptr, "cairo image"));
    {
        ContextPtr cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), kPlaquePngScale, kPlaquePngScale);
        draw_plaque(cr.get(), content, qr);
        RETURN_IF_ERROR(check(surface.get(), cr.get(), "cairo image"));
    }
    return encode_png(surface.get());
}

}  // namespace

const char* plaque_extension(PlaqueFormat format) {
    switch (format) {
        case PlaqueFormat::kSvg: return "svg";
        case PlaqueFormat::kPng: return "png";
        case PlaqueFormat::kPdf: return "pdf";
    }
    return "bin";
}

const char* plaque_media_type(PlaqueFormat format) {
    switch (format) {
        case PlaqueFormat::kSvg: return "image/svg+xml";
        case PlaqueFormat::kPng: return "image/png";
        case PlaqueFormat::kPdf: return "application/pdf";
    }
    return "application/octet-stream";
}

namespace {

Result<std::string> render_plaque_file(const PlaqueContent& content, PlaqueFormat format) {
    RETURN_IF_ERROR(validate(content));
    auto qr = QrCode::encode(content.verify_url);
    if (!qr) {
        if (qr.error().code() == ErrorCode::kInvalidArgument) {
            return fail(invalid("verify_url", "验证链接无法编为二维码：" + qr.error().message()));
        }
        return fail(qr.error());
    }
    const EmbeddedSeal seal{content.payload, content.signature, content.key_id};
    switch (format) {
        case PlaqueFormat::kSvg: {
            ASSIGN_OR_RETURN(auto svg, render_svg(content, *qr));
            return plaque_seal::embed_in_svg(std::move(svg), seal, document_title(content));
        }
        case PlaqueFormat::kPng: {
            ASSIGN_OR_RETURN(auto png, render_png(content, *qr));
            return plaque_seal::embed_in_png(std::move(png), seal);
        }
        case PlaqueFormat::kPdf: {
            ASSIGN_OR_RETURN(auto pdf, render_pdf(content, *qr));
            return plaque_seal::embed_in_pdf(std::move(pdf), seal);
        }
    }
    return fail(Error::internal("unknown plaque format"));
}

}  // namespace

Result<std::string> render_plaque(const PlaqueContent& content, PlaqueFormat format) {
    auto file = render_plaque_file(content, format);
    // A rendering allocates a few blocks of megabytes (the 3.7 MiB PNG surface, cairo's copy
    // of each embedded face's CFF table for a PDF) and frees them. glibc keeps such blocks in
    // the rendering thread's arena once its mmap threshold has risen past them, so every worker
    // that rendered held ~8 MiB more for good (docs/performance.md § S4.2); give them back.
    malloc_trim(0);
    return file;
}

namespace {

/// Every field, each prefixed by its length, so that no two contents share a key.
std::string plaque_cache_key(const PlaqueContent& c, PlaqueFormat format) {
    std::string key;
    const auto add = [&key](std::string_view part) {
        key += std::to_string(part.size());
        key += ':';
        key += part;
    };
    add(plaque_extension(format));
    add(c.serial);
    add(std::to_string(c.star));
    add(std::to_string(c.year));
    add(c.title);
    add(c.community_name);
    add(c.district_name);
    add(c.street_name);
    for (const auto& issuer : c.issuers) add(issuer);
    add(c.issued_on);
    add(c.verify_url);
    add(c.payload);
    add(c.signature);
    add(c.key_id);
    return key;
}

class PlaqueCache {
public:
    std::optional<std::string> find(const std::string& key) {
        const std::lock_guard lock(mutex_);
        const auto it = index_.find(key);
        if (it == index_.end()) return std::nullopt;
        order_.splice(order_.begin(), order_, it->second);  // most recently used first
        return it->second->second;
    }

    void put(std::string key, std::string bytes) {
        const auto size = key.size() + bytes.size();
        if (size > kPlaqueCacheBytes) return;
        const std::lock_guard lock(mutex_);
        if (index_.count(key) != 0) return;
        order_.emplace_front(std::move(key), std::move(bytes));
        index_.emplace(order_.front().first, order_.begin());
        bytes_ += size;
        while (bytes_ > kPlaqueCacheBytes) {
            auto& oldest = order_.back();
            bytes_ -= oldest.first.size() + oldest.second.size();
            index_.erase(oldest.first);
            order_.pop_back();
        }
    }

private:
    std::mutex mutex_;
    std::list<std::pair<std::string, std::string>> order_;
    std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator> index_;
    std::size_t bytes_ = 0;
};

PlaqueCache& plaque_cache() {
    static PlaqueCache cache;
    return cache;
}

}  // namespace

Result<std::string> render_plaque_cached(const PlaqueContent& content, PlaqueFormat format) {
    auto key = plaque_cache_key(content, format);
    if (auto hit = plaque_cache().find(key)) return std::move(*hit);
    auto bytes = render_plaque(content, format);
    if (bytes) plaque_cache().put(std::move(key), *bytes);
    return bytes;
}

}  // namespace hx::render

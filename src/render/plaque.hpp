#pragma once
/// The electronic plaque (电子奖牌) of a certified community (第十五条, DESIGN.md § Electronic
/// plaques): one cairo drawing rendered as SVG, PNG or PDF, with the title 北京市X星级智慧社区, the
/// stars, the community, the year, the serial, the three issuing departments, the date and a QR
/// code to the public verification page. The seal (signed payload, signature, key id) travels
/// inside the file, so a downloaded plaque verifies offline (docs/plaques.md).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hx::render {

struct PlaqueContent {
    std::string serial;                // BJZHSQ-2026-3-000123
    int star = 0;                      // 1..5
    int year = 0;
    std::string title;                 // 北京市三星级智慧社区
    std::string community_name;        // full name: 北京市东城区东华门街道多福巷社区
    std::string district_name;         // 东城区
    std::string street_name;           // 东华门街道
    std::vector<std::string> issuers;  // 北京市社会建设工作办公室, 北京市经济和信息化局, 北京市民政局
    std::string issued_on;             // 2026-12-10
    std::string verify_url;            // encoded in the QR code
    std::string payload;               // the canonical signed payload (UTF-8 text, multiple lines)
    std::string signature;             // base64 SM2 signature of payload
    std::string key_id;
};

enum class PlaqueFormat { kSvg, kPng, kPdf };

/// The landscape page, in points (PDF and SVG); the PNG is rendered at kPlaquePngScale × this.
inline constexpr int kPlaqueWidth = 600;
inline constexpr int kPlaqueHeight = 400;
inline constexpr int kPlaquePngScale = 2;

/// "svg", "png", "pdf": for file names.
const char* plaque_extension(PlaqueFormat format);
/// The Content-Type of each format.
const char* plaque_media_type(PlaqueFormat format);

/// One cairo drawing rendered to the three formats. The seal (payload, signature, key_id) is
/// embedded in the file so that a downloaded plaque verifies offline:
///  - SVG: a <metadata> element right after the opening <svg> tag;
///  - PNG: an iTXt chunk with keyword "huixing-seal" just before IEND (CRC computed);
///  - PDF: an incremental update appended after cairo's %%EOF: one uncompressed stream object
///    /Type /HuixingSeal, its xref section and a trailer chaining to cairo's (/Prev), so the file
///    stays a valid PDF.
/// In each the seal is one line of JSON {"format":"huixing-seal/1","key_id","signature","payload"}.
/// Error::invalid("plaque_invalid", …) naming the field when the content cannot make a plaque
/// (star outside 1–5, an empty serial, title, name, verification link or seal, more than
/// three issuers…); Error::internal when cairo fails.
Result<std::string> render_plaque(const PlaqueContent& content, PlaqueFormat format);

/// render_plaque through a process-wide cache of rendered files: a plaque's content never
/// changes once issued (a changed star is a new serial), so the same content and format give
/// the same bytes, and the second reader of a plaque costs a copy instead of a rendering
/// (tens of milliseconds, docs/performance.md § Plaques). The cache is keyed by every field
/// of the content, bounded to kPlaqueCacheBytes, and drops the least recently used files
/// first. Failures are not cached.
inline constexpr std::size_t kPlaqueCacheBytes = 32U << 20U;
Result<std::string> render_plaque_cached(const PlaqueContent& content, PlaqueFormat format);

struct EmbeddedSeal {
    std::string payload;
    std::string signature;
    std::string key_id;
};

/// Detects the format from the bytes; Error::invalid("plaque_unreadable" / "seal_missing",
/// Chinese message) when it cannot find the seal. plaque_unreadable: not an SVG, PNG or PDF, a
/// damaged PNG chunk, or a seal record that is not the JSON above; seal_missing: a good file of a
/// known format with no seal in it.
Result<EmbeddedSeal> extract_plaque_seal(std::string_view file_bytes);

}  // namespace hx::render

#pragma once
/// How a plaque file carries its seal (render/plaque.hpp has the contract; docs/plaques.md the
/// byte layout). Kept apart from the drawing: the embedding is file surgery on cairo's output,
/// and extract_plaque_seal must read files that were not drawn in this process.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "render/plaque.hpp"

namespace hx::render::plaque_seal {

/// Names the record in every format: the PNG iTXt keyword, the SVG element's namespace, the JSON's
/// "format" value. Bump the version if the record ever changes shape.
inline constexpr std::string_view kPngKeyword = "huixing-seal";
inline constexpr std::string_view kSvgNamespace = "urn:huixing:seal:1";
inline constexpr std::string_view kRecordFormat = "huixing-seal/1";
/// The /Type of the PDF stream object that holds the record.
inline constexpr std::string_view kPdfType = "/HuixingSeal";

/// The record: one line of JSON, UTF-8.
std::string seal_record(const EmbeddedSeal& seal);

/// Adds <title> and the <metadata> record right after the opening <svg …> tag.
Result<std::string> embed_in_svg(std::string svg, const EmbeddedSeal& seal, std::string_view title);
/// Adds the iTXt chunk just before IEND.
Result<std::string> embed_in_png(std::string png, const EmbeddedSeal& seal);
/// Appends an incremental update: the record as a stream object, the catalog again with a
/// /HuixingSeal reference to it (so that tools that drop unreferenced objects keep it), an xref
/// section and a trailer with /Prev.
Result<std::string> embed_in_pdf(std::string pdf, const EmbeddedSeal& seal);

/// CRC-32 of PNG chunks (ISO 3309, as zlib's crc32): over the chunk type and data.
std::uint32_t png_crc32(std::string_view bytes);
/// One PNG chunk: length, type, data, CRC.
std::string png_chunk(std::string_view type, std::string_view data);

}  // namespace hx::render::plaque_seal

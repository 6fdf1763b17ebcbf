#include "render/plaque.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "domain/certifications/seal.hpp"
#include "render/plaque_seal.hpp"
#include "render/qr.hpp"

namespace hx::render {
namespace {

using certifications::SealKey;
using certifications::verify_seal;

constexpr PlaqueFormat kFormats[] = {PlaqueFormat::kSvg, PlaqueFormat::kPng, PlaqueFormat::kPdf};

const SealKey& test_key() {
    static const SealKey key = SealKey::generate().value();
    return key;
}

/// A plaque as finalize would issue it, signed with the test key.
PlaqueContent sample_content(int star = 3) {
    PlaqueContent content;
    content.serial = "BJZHSQ-2026-" + std::to_string(star) + "-000123";
    content.star = star;
    content.year = 2026;
    static constexpr const char* kNumerals[] = {"", "一", "二", "三", "四", "五"};
    content.title = std::string("北京市") + kNumerals[star] + "星级智慧社区";
    content.community_name = "北京市东城区东华门街道多福巷社区";
    content.district_name = "东城区";
    content.street_name = "东华门街道";
    content.issuers = {"北京市社会建设工作办公室", "北京市经济和信息化局", "北京市民政局"};
    content.issued_on = "2026-12-10";
    content.verify_url = "http://127.0.0.1:8080/public/verify/" + content.serial;
    content.key_id = test_key().key_id();
    content.payload = "huixing-plaque/1\nserial: " + content.serial +
                      "\ncommunity_code: 110101001001\ncommunity: " + content.community_name +
                      "\nstar: " + std::to_string(star) +
                      "\nyear: 2026\nissued_on: 2026-12-10\nkey_id: " + content.key_id + "\n";
    content.signature = test_key().sign(content.payload).value();
    return content;
}

std::string render(const PlaqueContent& content, PlaqueFormat format) {
    auto bytes = render_plaque(content, format);
    EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().message());
    return bytes ? *bytes : std::string();
}

struct DecodedPng {
    int width = 0;
    int height = 0;
    int stride = 0;
    std::vector<unsigned char> pixels;  // cairo RGB24/ARGB32: one native-endian uint32 per pixel

    [[nodiscard]] std::uint32_t at(int x, int y) const {
        std::uint32_t pixel = 0;
        std::memcpy(&pixel, pixels.data() + static_cast<std::ptrdiff_t>(y) * stride + x * 4, 4);
        return pixel & 0xFFFFFFU;
    }
};

struct PngReader {
    std::string_view bytes;
    std::size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
    auto* reader = static_cast<PngReader*>(closure);
    if (reader->bytes.size() - reader->at < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, reader->bytes.data() + reader->at, length);
    reader->at += length;
    return CAIRO_STATUS_SUCCESS;
}

std::optional<DecodedPng> decode_png(std::string_view bytes) {
    PngReader reader{bytes};
    cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(read_png, &reader);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return std::nullopt;
    }
    cairo_surface_flush(surface);
    DecodedPng png;
    png.width = cairo_image_surface_get_width(surface);
    png.height = cairo_image_surface_get_height(surface);
    png.stride = cairo_image_surface_get_stride(surface);
    const auto* data = cairo_image_surface_get_data(surface);
    png.pixels.assign(data, data + static_cast<std::ptrdiff_t>(png.stride) * png.height);
    cairo_surface_destroy(surface);
    return png;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

/// A PNG or PDF from cairo with no seal in it: what any other program would produce.
std::string plain_file(PlaqueFormat format) {
    std::string out;
    if (format == PlaqueFormat::kPng) {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 30);
        cairo_t* cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 0.5, 0.1, 0.1);
        cairo_paint(cr);
        cairo_destroy(cr);
        cairo_surface_write_to_png_stream(surface, append, &out);
        cairo_surface_destroy(surface);
    } else {
        cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, 100, 100);
        cairo_t* cr = cairo_create(surface);
        cairo_rectangle(cr, 10, 10, 50, 50);
        cairo_fill(cr);
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        cairo_surface_destroy(surface);
    }
    return out;
}

/// Replaces the first `from` in `file` by `to` (same length) and, in a PNG, recomputes the CRC
/// of the chunk that holds it: what a forger who knows the format would do.
std::string tamper(std::string file, const std::string& from, const std::string& to) {
    EXPECT_EQ(from.size(), to.size());
    const auto at = file.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at == std::string::npos) return file;
    file.replace(at, from.size(), to);
    if (file.rfind("\x89PNG", 0) != 0) return file;
    std::size_t chunk = 8;
    while (chunk + 12 <= file.size()) {
        std::uint32_t length = 0;
        for (std::size_t i = 0; i < 4; ++i)
            length = (length << 8U) | static_cast<unsigned char>(file[chunk + i]);
        if (at >= chunk + 8 && at < chunk + 8 + length) {
            const auto crc = plaque_seal::png_crc32(
                std::string_view(file).substr(chunk + 4, 4 + std::size_t{length}));
            for (std::size_t i = 0; i < 4; ++i) {
                file[chunk + 8 + length + i] = static_cast<char>((crc >> (24 - 8 * i)) & 0xFFU);
            }
            break;
        }
        chunk += 12 + std::size_t{length};
    }
    return file;
}

TEST(Plaque, EachFormatRendersWithItsMagic) {
    const auto content = sample_content();
    const auto svg = render(content, PlaqueFormat::kSvg);
    EXPECT_TRUE(svg.rfind("<?xml", 0) == 0 || svg.rfind("<svg", 0) == 0) << svg.substr(0, 40);
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("<metadata>"), std::string::npos);
    EXPECT_NE(svg.find("<title>北京市三星级智慧社区 · 北京市东城区东华门街道多福巷社区</title>"),
              std::string::npos);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);

    const auto png = render(content, PlaqueFormat::kPng);
    EXPECT_EQ(png.rfind("\x89PNG\r\n\x1a\n", 0), 0U);
    // The seal chunk sits just before IEND, which ends the file.
    EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
    EXPECT_NE(png.find("iTXthuixing-seal"), std::string::npos);

    const auto pdf = render(content, PlaqueFormat::kPdf);
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
    EXPECT_EQ(pdf.substr(pdf.size() - 6), "%%EOF\n");
}

TEST(Plaque, SealExtractsBackIdenticalFromEveryFormat) {
    const auto content = sample_content();
    for (const auto format : kFormats) {
        const auto file = render(content, format);
        auto seal = extract_plaque_seal(file);
        ASSERT_TRUE(seal) << plaque_extension(format) << ": " << seal.error().message();
        EXPECT_EQ(seal->payload, content.payload) << plaque_extension(format);
        EXPECT_EQ(seal->signature, content.signature) << plaque_extension(format);
        EXPECT_EQ(seal->key_id, content.key_id) << plaque_extension(format);
        EXPECT_TRUE(verify_seal(test_key().public_pem(), seal->payload, seal->signature));
    }
}

TEST(Plaque, PayloadWithCharactersTheFormatsQuoteSurvives) {
    auto content = sample_content();
    content.payload = "a & b < c > d \"e\" 'f' \\ endstream ) ( %% \t\r\n东城区 &amp; &#x41;\n";
    content.signature = test_key().sign(content.payload).value();
    for (const auto format : kFormats) {
        auto seal = extract_plaque_seal(render(content, format));
        ASSERT_TRUE(seal) << plaque_extension(format) << ": " << seal.error().message();
        EXPECT_EQ(seal->payload, content.payload) << plaque_extension(format);
        EXPECT_TRUE(verify_seal(test_key().public_pem(), seal->payload, seal->signature));
    }
}

TEST(Plaque, FilesWithoutSealAreSealMissing) {
    for (const auto format : {PlaqueFormat::kPng, PlaqueFormat::kPdf}) {
        const auto seal = extract_plaque_seal(plain_file(format));
        ASSERT_FALSE(seal) << plaque_extension(format);
        EXPECT_EQ(seal.error().reason(), "seal_missing") << plaque_extension(format);
        EXPECT_NE(seal.error().message().find("没有电子印章"), std::string::npos)
            << seal.error().message();
    }
    const auto svg = extract_plaque_seal(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
        "height=\"10\"></svg>\n");
    ASSERT_FALSE(svg);
    EXPECT_EQ(svg.error().reason(), "seal_missing");
    const auto doctype = extract_plaque_seal(
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"svg11.dtd\">\n<svg/>");
    ASSERT_FALSE(doctype);
    EXPECT_EQ(doctype.error().reason(), "seal_missing");
}

TEST(Plaque, BytesThatAreNoPlaqueAreUnreadable) {
    for (const std::string& bytes : {std::string(), std::string("hello"), std::string("GIF89a…"),
                                     std::string("\x89PNG\r\n\x1a\n", 8),
                                     std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16)}) {
        const auto seal = extract_plaque_seal(bytes);
        ASSERT_FALSE(seal);
        EXPECT_EQ(seal.error().reason(), "plaque_unreadable") << bytes;
        EXPECT_FALSE(seal.error().message().empty());
    }
    // A PNG cut short, and one whose seal chunk was changed without fixing its CRC.
    const auto png = render(sample_content(), PlaqueFormat::kPng);
    EXPECT_EQ(extract_plaque_seal(png.substr(0, png.size() / 2)).error().reason(),
              "plaque_unreadable");
    std::string damaged = png;
    damaged[damaged.find("BJZHSQ-2026-3-000123")] = 'X';
    const auto seal = extract_plaque_seal(damaged);
    ASSERT_FALSE(seal);
    EXPECT_EQ(seal.error().reason(), "plaque_unreadable");
    EXPECT_NE(seal.error().message().find("CRC"), std::string::npos) << seal.error().message();
}

TEST(Plaque, TwoSealsInOneFileAreRefused) {
    const auto svg = render(sample_content(), PlaqueFormat::kSvg);
    const auto metadata_start = svg.find("<metadata>");
    const auto metadata_end = svg.find("</metadata>") + std::string("</metadata>").size();
    std::string doubled = svg;
    doubled.insert(metadata_end, svg.substr(metadata_start, metadata_end - metadata_start));
    const auto seal = extract_plaque_seal(doubled);
    ASSERT_FALSE(seal);
    EXPECT_EQ(seal.error().reason(), "plaque_unreadable");
}

TEST(Plaque, SvgSealSurvivesAnEditorMovingTheNamespace) {
    const auto content = sample_content();
    auto svg = render(content, PlaqueFormat::kSvg);
    // The declaration moved to the root element, the prefix renamed, the tag reformatted.
    const std::string ours = "<hx:seal xmlns:hx=\"urn:huixing:seal:1\">";
    svg.replace(svg.find(ours), ours.size(), "<huixing:seal\n   id='seal'>");
    svg.replace(svg.find("</hx:seal>"), 10, "</huixing:seal>");
    svg.replace(svg.find("<svg "), 5, "<svg xmlns:huixing = 'urn:huixing:seal:1' ");
    auto seal = extract_plaque_seal(svg);
    ASSERT_TRUE(seal) << seal.error().message();
    EXPECT_EQ(seal->payload, content.payload);
    EXPECT_TRUE(verify_seal(test_key().public_pem(), seal->payload, seal->signature));
}

TEST(Plaque, TamperedPayloadInsideTheFileFailsVerification) {
    const auto content = sample_content();
    for (const auto format : kFormats) {
        const auto file = render(content, format);
        // The forger raises the star in the signed text and keeps the signature.
        const auto forged = tamper(file, "star: 3", "star: 5");
        auto seal = extract_plaque_seal(forged);
        ASSERT_TRUE(seal) << plaque_extension(format) << ": " << seal.error().message();
        EXPECT_NE(seal->payload.find("star: 5"), std::string::npos);
        const auto verified = verify_seal(test_key().public_pem(), seal->payload, seal->signature);
        ASSERT_FALSE(verified) << plaque_extension(format);
        EXPECT_EQ(verified.error().reason(), "signature_invalid");
    }
}

// The plaque fuzzer's find: a seal whose unsigned key id (beside the record) differs from the
// signed one inside the payload. The signature still holds, so only this check refuses it.
TEST(Plaque, ASealWhoseKeyIdDiffersFromTheSignedOneIsRefused) {
    std::ifstream in(std::string(HX_SOURCE_DIR) + "/fuzz/corpus/plaque/crash-outer-key-id-differs.svg",
                     std::ios::binary);
    ASSERT_TRUE(in);
    const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto seal = extract_plaque_seal(svg);
    ASSERT_FALSE(seal);
    EXPECT_EQ(seal.error().reason(), "plaque_unreadable");
    EXPECT_NE(seal.error().message().find("密钥编号"), std::string::npos) << seal.error().message();
}

TEST(Plaque, PngDecodesAtTwiceThePageSize) {
    const auto png = render(sample_content(), PlaqueFormat::kPng);
    const auto decoded = decode_png(png);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->width, kPlaqueWidth * kPlaquePngScale);
    EXPECT_EQ(decoded->height, kPlaqueHeight * kPlaquePngScale);
    // The frame is lacquer red at the edge, the panel paper-coloured inside.
    const auto edge = decoded->at(10, decoded->height / 2);
    EXPECT_GT((edge >> 16U) & 0xFFU, 0x60U);
    EXPECT_LT((edge >> 8U) & 0xFFU, 0x40U);
    EXPECT_EQ(decoded->at(decoded->width / 2, decoded->height - 120), 0xFBF4E2U);
}

bool gold(std::uint32_t pixel) {
    const auto channel = [&](unsigned shift) { return static_cast<int>((pixel >> shift) & 0xFFU); };
    return std::abs(channel(16) - 0xD4) < 24 && std::abs(channel(8) - 0xAF) < 24 &&
           std::abs(channel(0) - 0x37) < 40;
}

/// The stars are counted on the drawing itself: the row a few pixels below the top of the
/// highest gold shape in the middle of the plaque crosses each star's upper point once.
int stars_drawn(const DecodedPng& png) {
    const int left = png.width / 4;
    const int right = png.width * 3 / 4;
    int top = -1;
    // Below the frame's gold lines (the panel's inner lines end 27 pt from the edge).
    for (int y = 35 * kPlaquePngScale; y < png.height * 2 / 3 && top < 0; ++y) {
        for (int x = left; x < right; ++x) {
            if (gold(png.at(x, y))) {
                top = y;
                break;
            }
        }
    }
    if (top < 0) return 0;
    const int row = top + 8;
    int runs = 0;
    bool inside = false;
    for (int x = left; x < right; ++x) {
        const bool is_gold = gold(png.at(x, row));
        if (is_gold && !inside) ++runs;
        inside = is_gold;
    }
    return runs;
}

TEST(Plaque, DrawsAsManyStarsAsTheContentSays) {
    for (int star = 1; star <= 5; ++star) {
        const auto decoded = decode_png(render(sample_content(star), PlaqueFormat::kPng));
        ASSERT_TRUE(decoded);
        EXPECT_EQ(stars_drawn(*decoded), star);
    }
}

TEST(Plaque, ContentThatCannotMakeAPlaqueIsRefused) {
    const auto refused = [](PlaqueContent content, const std::string& field) {
        for (const auto format : kFormats) {
            const auto bytes = render_plaque(content, format);
            ASSERT_FALSE(bytes) << field;
            EXPECT_EQ(bytes.error().reason(), "plaque_invalid") << field;
            ASSERT_FALSE(bytes.error().fields().empty());
            EXPECT_EQ(bytes.error().fields().front().field, field);
        }
    };
    auto content = sample_content();
    content.star = 0;
    refused(content, "star");
    content.star = 6;
    refused(content, "star");
    content = sample_content();
    content.serial.clear();
    refused(content, "serial");
    content = sample_content();
    content.signature.clear();
    refused(content, "signature");
    content = sample_content();
    content.issuers.clear();
    refused(content, "issuers");
    content = sample_content();
    content.issued_on = "2026/12/10";
    refused(content, "issued_on");
    content = sample_content();
    content.verify_url = std::string(2000, 'a');
    refused(content, "verify_url");
}

TEST(Plaque, LongNamesAndFourIssuersStillRender) {
    auto content = sample_content(5);
    content.community_name =
        "北京市朝阳区望京街道望京西园第三社区居民委员会与花家地北里社区联合党委";
    content.issuers.push_back("北京市规划和自然资源委员会");
    for (const auto format : kFormats)
        EXPECT_TRUE(render_plaque(content, format)) << plaque_extension(format);
}

// The server renders on its worker threads: pango's font map is per thread, cairo surfaces
// and the seal code share nothing.
TEST(Plaque, RendersOnSeveralThreadsAtOnce) {
    const auto content = sample_content(4);
    std::vector<std::string> files(6);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < files.size(); ++i) {
        threads.emplace_back([&, i] {
            auto bytes = render_plaque(content, kFormats[i % 3]);
            if (bytes) files[i] = std::move(*bytes);
        });
    }
    for (auto& thread : threads) thread.join();
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto seal = extract_plaque_seal(files[i]);
        ASSERT_TRUE(seal) << i << ": " << seal.error().message();
        EXPECT_EQ(seal->payload, content.payload);
    }
    // The same drawing whichever thread made it.
    EXPECT_EQ(files[1], files[4]);
}

TEST(Plaque, PdfIsAnIncrementalUpdateOfCairosFile) {
    const auto pdf = render(sample_content(), PlaqueFormat::kPdf);
    // The last startxref points at our xref, whose trailer's /Prev points at cairo's.
    const auto last = pdf.rfind("startxref\n");
    ASSERT_NE(last, std::string::npos);
    const auto offset = std::stoul(pdf.substr(last + 10));
    EXPECT_EQ(pdf.substr(offset, 5), "xref\n");
    const auto prev = pdf.find("/Prev ", offset);
    ASSERT_NE(prev, std::string::npos);
    const auto previous = std::stoul(pdf.substr(prev + 6));
    EXPECT_EQ(pdf.substr(previous, 5), "xref\n");
    EXPECT_LT(previous, offset);
    // The catalog, written again, references the seal so that rewriting tools keep it.
    EXPECT_NE(pdf.find("/HuixingSealRecord", previous), std::string::npos);
    // Every xref entry of the update is 20 bytes and points at "N 0 obj".
    const auto entries = pdf.substr(offset, pdf.find("trailer", offset) - offset);
    std::size_t at = 0;
    int checked = 0;
    while ((at = entries.find(" 00000 n\r\n", at)) != std::string::npos) {
        const auto object = std::stoul(entries.substr(at - 10, 10));
        EXPECT_NE(pdf.substr(object, 12).find(" 0 obj"), std::string::npos);
        at += 10;
        ++checked;
    }
    EXPECT_EQ(checked, 2);
}

/// The seal stream of a rendered PDF compressed with Flate, as qpdf and other rewriting tools
/// leave it (xref offsets are not fixed: extraction does not use them).
std::string with_deflated_seal(const std::string& pdf, const std::string& filter) {
    const auto open = pdf.find("<< /Type /HuixingSeal /Length ");
    const auto data = pdf.find("stream\n", open) + 7;
    const auto end = pdf.find("\nendstream", data);
    const std::string record = pdf.substr(data, end - data);
    std::vector<unsigned char> packed(compressBound(record.size()));
    uLongf packed_size = packed.size();
    EXPECT_EQ(compress(packed.data(), &packed_size, reinterpret_cast<const Bytef*>(record.data()),
                       record.size()),
              Z_OK);
    return pdf.substr(0, open) + "<< /Type /HuixingSeal /Filter " + filter + " /Length " +
           std::to_string(packed_size) + " >>\nstream\n" +
           std::string(reinterpret_cast<const char*>(packed.data()), packed_size) + pdf.substr(end);
}

TEST(Plaque, SealSurvivesAPdfRewriteThatCompressesIt) {
    const auto content = sample_content();
    const auto pdf = render(content, PlaqueFormat::kPdf);
    for (const std::string filter : {"/FlateDecode", "[/FlateDecode]", "[ /FlateDecode ]"}) {
        auto seal = extract_plaque_seal(with_deflated_seal(pdf, filter));
        ASSERT_TRUE(seal) << filter << ": " << seal.error().message();
        EXPECT_EQ(seal->payload, content.payload);
        EXPECT_EQ(seal->signature, content.signature);
    }
    for (const std::string filter : {"/LZWDecode", "[/FlateDecode /ASCIIHexDecode]"}) {
        const auto seal = extract_plaque_seal(with_deflated_seal(pdf, filter));
        ASSERT_FALSE(seal) << filter;
        EXPECT_EQ(seal.error().reason(), "plaque_unreadable") << filter;
    }
    // A stream that claims Flate but is not: unreadable, not a crash.
    std::string broken = pdf;
    broken.replace(broken.find("/Type /HuixingSeal"), 18,
                   "/Type /HuixingSeal /Filter /FlateDecode");
    EXPECT_EQ(extract_plaque_seal(broken).error().reason(), "plaque_unreadable");
}

TEST(Qr, EncodesAndRefusesWhatItCannot) {
    auto code = QrCode::encode("http://127.0.0.1:8080/public/verify/BJZHSQ-2026-3-000123");
    ASSERT_TRUE(code);
    EXPECT_GE(code->size(), 21);
    EXPECT_EQ((code->size() - 17) % 4, 0);  // version v has 17 + 4v modules per side
    // The finder pattern's corner is dark in every QR code.
    EXPECT_TRUE(code->dark(0, 0));
    EXPECT_TRUE(code->dark(code->size() - 1, 0));
    EXPECT_FALSE(code->dark(7, 7));  // the separator
    EXPECT_EQ(QrCode::encode("").error().reason(), "qr_text_invalid");
    EXPECT_EQ(QrCode::encode(std::string(2000, 'x')).error().reason(), "qr_text_invalid");
    EXPECT_EQ(QrCode::encode(std::string("a\0b", 3)).error().reason(), "qr_text_invalid");
}

// Renders the demo plaque of docs/plaques.md. With HX_PLAQUE_DEMO_DIR set, the three files are
// written there (HX_PLAQUE_DEMO_DIR=docs/images … --gtest_filter=PlaqueDemo.*), so the picture
// in the docs is always what this code draws.
TEST(PlaqueDemo, RendersTheDocumentationPlaque) {
    const auto content = sample_content();
    const char* dir = std::getenv("HX_PLAQUE_DEMO_DIR");
    for (const auto format : kFormats) {
        const auto bytes = render(content, format);
        ASSERT_FALSE(bytes.empty());
        if (dir == nullptr) continue;
        const auto path =
            std::filesystem::path(dir) / (std::string("plaque-demo.") + plaque_extension(format));
        std::ofstream(path, std::ios::binary) << bytes;
    }
    if (dir != nullptr) {
        std::ofstream(std::filesystem::path(dir) / "plaque-demo-public-key.pem")
            << test_key().public_pem();
    }
}

TEST(Plaque, TheCacheGivesTheRenderedBytesForTheSameContentOnly) {
    auto content = sample_content();
    content.serial = "BJZHSQ-2026-3-990001";
    const auto first = render_plaque_cached(content, PlaqueFormat::kPng);
    ASSERT_TRUE(first);
    const auto again = render_plaque_cached(content, PlaqueFormat::kPng);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *first);
    // Another format, another serial, another seal: each its own file, never the cached one.
    const auto svg = render_plaque_cached(content, PlaqueFormat::kSvg);
    ASSERT_TRUE(svg);
    EXPECT_EQ(svg->rfind("<", 0), 0U);
    auto other = content;
    other.serial = "BJZHSQ-2026-3-990002";
    const auto other_png = render_plaque_cached(other, PlaqueFormat::kPng);
    ASSERT_TRUE(other_png);
    EXPECT_NE(*other_png, *first);
    auto resealed = content;
    resealed.signature += "x";
    const auto seal = extract_plaque_seal(*render_plaque_cached(resealed, PlaqueFormat::kPng));
    ASSERT_TRUE(seal);
    EXPECT_EQ(seal->signature, resealed.signature);
    // A content that makes no plaque fails every time; failures are not cached.
    auto bad = content;
    bad.star = 9;
    EXPECT_FALSE(render_plaque_cached(bad, PlaqueFormat::kPng));
    EXPECT_FALSE(render_plaque_cached(bad, PlaqueFormat::kPng));
}

}  // namespace
}  // namespace hx::render

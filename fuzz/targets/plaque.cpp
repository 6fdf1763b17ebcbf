// Fuzz target: what `huixing verify-plaque` does with a file it did not make
// (src/cli/verify_plaque.cpp): the seal's extraction from SVG, PNG or PDF
// (src/render/plaque_seal.cpp), the SM2 signature check and the payload parser
// (src/domain/certifications). The corpus holds real demo plaques signed by the key below, so the
// fuzzer starts from files that verify. Besides "no crash" it checks:
//  - a refusal is always plaque_unreadable or seal_missing, never anything else;
//  - a plaque that verifies has a payload that parses and names the key that signed it;
//  - a seal read from any file, embedded again into a minimal SVG and PNG, and into the input
//    itself when it is a PDF without a seal, reads back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/certifications/certification.hpp"
#include "domain/certifications/seal.hpp"
#include "render/plaque.hpp"
#include "render/plaque_seal.hpp"

namespace {

// The public key of the demo secrets that signed the corpus plaques (GET /api/v1/public/keys).
constexpr std::string_view kDemoPublicKey = R"(-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAERf0+liIO5H6dbITnA+lrMCUsmVIg
07KFjLp7akoYQIY/Asjpqk9QCOZUDakzv9EPnhU/JRR/bEcQAJGCfHhrSg==
-----END PUBLIC KEY-----
)";

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "plaque fuzz target: %s\n", what);
    std::abort();
}

std::string minimal_png() {
    using hx::render::plaque_seal::png_crc32;
    const auto chunk = [](std::string_view type, std::string_view data) {
        std::string out;
        const auto length = static_cast<std::uint32_t>(data.size());
        for (const int shift : {24, 16, 8, 0}) out += static_cast<char>((length >> shift) & 0xFFU);
        const std::string body = std::string(type) + std::string(data);
        out += body;
        const auto crc = png_crc32(body);
        for (const int shift : {24, 16, 8, 0}) out += static_cast<char>((crc >> shift) & 0xFFU);
        return out;
    };
    // 1 × 1, 8-bit greyscale; the image data does not matter to the seal.
    const std::string ihdr("\0\0\0\1\0\0\0\1\x08\0\0\0\0", 13);
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IEND", "");
}

bool same(const hx::render::EmbeddedSeal& a, const hx::render::EmbeddedSeal& b) {
    return a.payload == b.payload && a.signature == b.signature && a.key_id == b.key_id;
}

void check_round_trip(const hx::render::EmbeddedSeal& seal) {
    namespace ps = hx::render::plaque_seal;
    static const std::string kPng = minimal_png();
    auto svg = ps::embed_in_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", seal, "奖牌");
    require(svg.has_value(), "embedding into a minimal SVG failed");
    auto from_svg = hx::render::extract_plaque_seal(*svg);
    require(from_svg && same(*from_svg, seal), "the seal does not read back from an SVG");
    auto png = ps::embed_in_png(kPng, seal);
    require(png.has_value(), "embedding into a minimal PNG failed");
    auto from_png = hx::render::extract_plaque_seal(*png);
    require(from_png && same(*from_png, seal), "the seal does not read back from a PNG");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto seal = hx::render::extract_plaque_seal(bytes);
    if (!seal) {
        const auto& reason = seal.error().reason();
        require(reason == "plaque_unreadable" || reason == "seal_missing",
                "extract_plaque_seal refused with an unexpected reason");
        // A PDF without a seal: the seal goes in as an incremental update and must read back.
        if (reason == "seal_missing" && bytes.substr(0, 5) == "%PDF-") {
            const hx::render::EmbeddedSeal fixed{"HUIXING-PLAQUE/1\nserial=x\n", "c2ln", "0123"};
            if (auto pdf = hx::render::plaque_seal::embed_in_pdf(std::string(bytes), fixed)) {
                auto back = hx::render::extract_plaque_seal(*pdf);
                require(back && same(*back, fixed), "the seal does not read back from a PDF");
            }
        }
        static_cast<void>(hx::certifications::parse_payload(bytes));
        return 0;
    }
    const auto fields = hx::certifications::parse_payload(seal->payload);
    const auto verified =
        hx::certifications::verify_seal(kDemoPublicKey, seal->payload, seal->signature);
    if (verified) {
        require(fields.has_value(), "a payload with a valid signature does not parse");
        bool names_key = false;
        for (const auto& [key, value] : *fields) {
            if (key == "key_id") names_key = value == seal->key_id;
        }
        require(names_key, "a payload with a valid signature names another key");
    } else {
        const auto& reason = verified.error().reason();
        require(reason == "signature_invalid" || reason == "signature_malformed",
                "verify_seal refused with an unexpected reason");
    }
    check_round_trip(*seal);
    return 0;
}

#include "domain/identity/totp.hpp"

#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <vector>

namespace hx::identity {

namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::vector<unsigned char> base32_decode(std::string_view text) {
    std::vector<unsigned char> out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        const auto pos = kAlphabet.find(c);
        if (pos == std::string_view::npos) return {};
        buffer = (buffer << 5U) | static_cast<unsigned>(pos);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    return out;
}

std::string code_for_step(const std::vector<unsigned char>& key, std::uint64_t step) {
    std::array<unsigned char, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(step & 0xFFU);
        step >>= 8U;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
         digest.data(), &length);
    const unsigned offset = digest[length - 1] & 0x0FU;
    const std::uint32_t binary = ((digest[offset] & 0x7FU) << 24U) |
                                 ((digest[offset + 1] & 0xFFU) << 16U) |
                                 ((digest[offset + 2] & 0xFFU) << 8U) | (digest[offset + 3] & 0xFFU);
    char text[8];
    std::snprintf(text, sizeof text, "%06u", binary % 1000000U);
    return text;
}

std::uint64_t step_of(Timestamp at) {
    return static_cast<std::uint64_t>(to_unix_ms(at) / 1000 / 30);
}
}  // namespace

std::string generate_totp_secret() {
    std::array<unsigned char, 20> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8U) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU]);
        }
    }
    return out;  // 160 bits = 32 characters exactly
}

std::string totp_code(std::string_view base32_secret, Timestamp at) {
    return code_for_step(base32_decode(base32_secret), step_of(at));
}

std::optional<std::int64_t> matching_totp_step(std::string_view base32_secret,
                                               std::string_view code, Timestamp at) {
    const auto key = base32_decode(base32_secret);
    if (key.empty() || code.size() != 6) return std::nullopt;
    const auto step = step_of(at);
    std::optional<std::int64_t> matched;
    // Every candidate is computed and compared, so timing does not tell which step matched.
    for (std::uint64_t s : {step - 1, step, step + 1}) {
        const auto expected = code_for_step(key, s);
        if (sodium_memcmp(expected.data(), code.data(), 6) == 0 && !matched) {
            matched = static_cast<std::int64_t>(s);
        }
    }
    return matched;
}

bool verify_totp(std::string_view base32_secret, std::string_view code, Timestamp at) {
    return matching_totp_step(base32_secret, code, at).has_value();
}

std::string totp_uri(std::string_view username, std::string_view base32_secret) {
    return "otpauth://totp/Huixing:" + std::string(username) + "?secret=" +
           std::string(base32_secret) + "&issuer=Huixing&algorithm=SHA1&digits=6&period=30";
}

}  // namespace hx::identity

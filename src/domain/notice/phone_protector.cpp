#include "domain/notice/phone_protector.hpp"

#include "domain/notice/notice.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

namespace hx::notice {

namespace {

constexpr std::string_view kVersion2Prefix = "v2:";
constexpr char kVersion2Byte = '\x02';
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSm4KeyBytes = 16;
constexpr std::size_t kIvBytes = 16;
constexpr std::size_t kTagBytes = 32;  // SM3's output

// Labels of the keys derived from the master key: one key per purpose.
constexpr std::string_view kEncryptionLabel = "huixing/phone/sm4-ctr/2";
constexpr std::string_view kAuthenticationLabel = "huixing/phone/hmac-sm3/2";
constexpr std::string_view kLookupLabel = "huixing/phone/lookup/2";

std::string openssl_error(const char* what) {
    std::array<char, 256> text{};
    ERR_error_string_n(ERR_get_error(), text.data(), text.size());
    return std::string(what) + ": " + text.data();
}

const unsigned char* bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::string to_base64(std::string_view binary) {
    std::string out(sodium_base64_ENCODED_LEN(binary.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes(binary), binary.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> from_base64(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

Error not_openable(const char* why) {
    return Error::internal(std::string("sealed phone number does not open: ") + why);
}

/// Version 1: libsodium's secretbox under the master key.
Result<std::string> open_version1(std::string_view master_key, std::string_view sealed) {
    const auto box = from_base64(sealed);
    if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        return fail(not_openable("not valid base64 of a version 1 box"));
    }
    std::string phone(box->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(phone.data()),
                                   bytes(*box) + crypto_secretbox_NONCEBYTES,
                                   box->size() - crypto_secretbox_NONCEBYTES, bytes(*box),
                                   bytes(master_key)) != 0) {
        return fail(not_openable("version 1 box changed or sealed under another key"));
    }
    return phone;
}

}  // namespace

Result<std::string> sm4_ctr(std::string_view key, std::string_view iv, std::string_view data) {
    if (key.size() != kSm4KeyBytes || iv.size() != kIvBytes) {
        return fail(Error::internal("SM4-CTR needs a 16-byte key and a 16-byte IV"));
    }
    const std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(
        EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    const std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)> cipher(
        EVP_CIPHER_fetch(nullptr, "SM4-CTR", nullptr), EVP_CIPHER_free);
    if (!context || !cipher) return fail(Error::internal(openssl_error("SM4-CTR unavailable")));
    std::string out(data.size() + kIvBytes, '\0');
    int written = 0;
    int final_written = 0;
    if (EVP_EncryptInit_ex2(context.get(), cipher.get(), bytes(key), bytes(iv), nullptr) != 1 ||
        EVP_EncryptUpdate(context.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                          bytes(data), static_cast<int>(data.size())) != 1 ||
        EVP_EncryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(out.data()) + written,
                            &final_written) != 1) {
        return fail(Error::internal(openssl_error("SM4-CTR")));
    }
    out.resize(static_cast<std::size_t>(written + final_written));
    return out;
}

Result<std::string> hmac_sm3(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> tag{};
    unsigned int size = 0;
    if (HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()), bytes(data), data.size(),
             tag.data(), &size) == nullptr ||
        size != kTagBytes) {
        return fail(Error::internal(openssl_error("HMAC-SM3")));
    }
    return std::string(reinterpret_cast<const char*>(tag.data()), size);
}

namespace {

/// The key for one purpose: HMAC-SM3 of the master key over the purpose's label. Cannot fail once
/// create() has derived the same keys (HMAC-SM3 works in this process).
std::string derived_key(std::string_view master_key, std::string_view label) {
    return hmac_sm3(master_key, label).value();
}

}  // namespace

Result<PhoneProtector> PhoneProtector::create(std::string key) {
    if (key.size() != kKeyBytes) {
        return fail(Error::internal("phone key must be 32 bytes, got " + std::to_string(key.size())));
    }
    // Fails here, at start-up, rather than on a commenter's request when SM3 or SM4 is missing.
    ASSIGN_OR_RETURN(auto encryption, hmac_sm3(key, kEncryptionLabel));
    RETURN_IF_ERROR(hmac_sm3(key, kAuthenticationLabel));
    RETURN_IF_ERROR(hmac_sm3(key, kLookupLabel));
    encryption.resize(kSm4KeyBytes);
    RETURN_IF_ERROR(sm4_ctr(encryption, std::string(kIvBytes, '\0'), "13800138000"));
    return PhoneProtector(std::move(key));
}

std::string PhoneProtector::seal(std::string_view phone) const {
    std::string iv(kIvBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(iv.data()), static_cast<int>(iv.size())) != 1) {
        // No randomness means no safe encryption at all: the process cannot go on.
        std::fprintf(stderr, "%s\n", openssl_error("RAND_bytes").c_str());
        std::abort();
    }
    const auto encryption = derived_key(key_, kEncryptionLabel).substr(0, kSm4KeyBytes);
    std::string record(1, kVersion2Byte);
    record += iv;
    record += sm4_ctr(encryption, iv, phone).value();  // create() proved SM4-CTR works
    record += hmac_sm3(derived_key(key_, kAuthenticationLabel), record).value();
    return std::string(kVersion2Prefix) + to_base64(record);
}

Result<std::string> PhoneProtector::open(std::string_view sealed) const {
    if (sealed.substr(0, kVersion2Prefix.size()) != kVersion2Prefix) {
        return open_version1(key_, sealed);
    }
    const auto record = from_base64(sealed.substr(kVersion2Prefix.size()));
    if (!record || record->size() < 1 + kIvBytes + kTagBytes || (*record)[0] != kVersion2Byte) {
        return fail(not_openable("not a version 2 record"));
    }
    const std::string_view body = std::string_view(*record).substr(0, record->size() - kTagBytes);
    const std::string_view tag = std::string_view(*record).substr(body.size());
    ASSIGN_OR_RETURN(const auto expected, hmac_sm3(derived_key(key_, kAuthenticationLabel), body));
    // Checked before decrypting (encrypt-then-MAC), in constant time.
    if (CRYPTO_memcmp(expected.data(), tag.data(), kTagBytes) != 0) {
        return fail(not_openable("version 2 record changed or sealed under another key"));
    }
    const auto encryption = derived_key(key_, kEncryptionLabel).substr(0, kSm4KeyBytes);
    return sm4_ctr(encryption, body.substr(1, kIvBytes), body.substr(1 + kIvBytes));
}

std::string PhoneProtector::digest(std::string_view text) const {
    const auto tag = hmac_sm3(derived_key(key_, kLookupLabel), text).value();
    std::array<char, kTagBytes * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes(tag), tag.size());
    return {hex.data(), kTagBytes * 2};
}

}  // namespace hx::notice

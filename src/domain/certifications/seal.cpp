#include "domain/certifications/seal.hpp"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <array>
#include <climits>
#include <cstddef>
#include <utility>
#include <vector>

namespace hx::certifications {

namespace {

// An SM2 signature is a DER SEQUENCE of two 256-bit integers: at most 72 bytes, 96 in base64.
// Anything much longer is not a signature; refusing it early bounds the work an attacker causes.
constexpr std::size_t kMaxSignatureBase64 = 256;
// A PEM key is a few hundred bytes; a megabyte is certainly not one.
constexpr std::size_t kMaxPemBytes = 64 * 1024;
constexpr std::size_t kKeyIdHexDigits = 16;

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct EcdsaSigFree {
    void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;

/// The text of OpenSSL's last error, for the log; the error queue of this thread is emptied so a
/// later call does not report an old problem.
std::string openssl_error(std::string_view what) {
    std::string text(what);
    const unsigned long code = ERR_get_error();
    if (code != 0) {
        std::array<char, 256> buffer{};
        ERR_error_string_n(code, buffer.data(), buffer.size());
        text += ": ";
        text += buffer.data();
    }
    ERR_clear_error();
    return text;
}

Error key_invalid(std::string message) {
    ERR_clear_error();
    return Error::invalid("key_invalid", std::move(message));
}

/// A key PEM never asks for a password: an encrypted key is refused instead of prompting on a
/// terminal (OpenSSL's default callback would).
int no_password(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) {
    return 0;
}

Result<BioPtr> read_bio(std::string_view text) {
    if (text.size() > kMaxPemBytes) {
        return fail(key_invalid("密钥文本过长（" + std::to_string(text.size()) +
                                " 字节），不是 PEM 格式的密钥"));
    }
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio) return fail(Error::internal(openssl_error("BIO_new_mem_buf")));
    return bio;
}

Result<std::string> drain(BIO* bio) {
    const std::size_t pending = BIO_ctrl_pending(bio);
    std::string out(pending, '\0');
    if (pending > INT_MAX ||
        BIO_read(bio, out.data(), static_cast<int>(pending)) != static_cast<int>(pending)) {
        return fail(Error::internal(openssl_error("BIO_read")));
    }
    return out;
}

/// SM2 keys must sign as SM2, never as plain ECDSA on the SM2 curve.
bool is_sm2(const EVP_PKEY* key) {
    return EVP_PKEY_is_a(key, "SM2") == 1;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4U];
        out += kDigits[data[i] & 0x0FU];
    }
    return out;
}

Result<std::string> compute_key_id(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0) return fail(Error::internal(openssl_error("i2d_PUBKEY")));
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_size = 0;
    const int hashed = EVP_Digest(der, static_cast<std::size_t>(length), digest.data(),
                                  &digest_size, EVP_sm3(), nullptr);
    OPENSSL_free(der);
    if (hashed != 1) return fail(Error::internal(openssl_error("EVP_Digest(SM3)")));
    return to_hex(digest.data(), digest_size).substr(0, kKeyIdHexDigits);
}

/// A digest context for SM2 over SM3 with the default ID (GB/T 35276 §5.3): the ID goes into Z,
/// which is hashed before the message, so signer and verifier must agree on it.
struct Sm2DigestContext {
    PkeyCtxPtr pkey_ctx;  // not owned by md_ctx (EVP_MD_CTX_set_pkey_ctx): freed after it
    MdCtxPtr md_ctx;
};

Result<Sm2DigestContext> sm2_digest_context(EVP_PKEY* key) {
    Sm2DigestContext context{PkeyCtxPtr(EVP_PKEY_CTX_new(key, nullptr)),
                             MdCtxPtr(EVP_MD_CTX_new())};
    if (!context.pkey_ctx || !context.md_ctx) {
        return fail(Error::internal(openssl_error("EVP_PKEY_CTX_new / EVP_MD_CTX_new")));
    }
    if (EVP_PKEY_CTX_set1_id(context.pkey_ctx.get(), kSm2DefaultId.data(), kSm2DefaultId.size()) !=
        1) {
        return fail(Error::internal(openssl_error("EVP_PKEY_CTX_set1_id")));
    }
    EVP_MD_CTX_set_pkey_ctx(context.md_ctx.get(), context.pkey_ctx.get());
    return context;
}

std::string to_base64(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

Result<PkeyPtr> read_public_key(std::string_view public_pem) {
    ASSIGN_OR_RETURN(auto bio, read_bio(public_pem));
    PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, no_password, nullptr));
    if (!key)
        return fail(
            key_invalid("公钥无法读取：应为 PEM 格式的 SM2 公钥（-----BEGIN PUBLIC KEY-----）"));
    if (!is_sm2(key.get())) return fail(key_invalid("公钥不是 SM2 密钥，不能验证国密电子印章"));
    return key;
}

}  // namespace

SealKey::SealKey(std::shared_ptr<evp_pkey_st> key, std::string key_id)
    : key_(std::move(key)), key_id_(std::move(key_id)) {}

Result<SealKey> SealKey::generate() {
    PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    if (!context) return fail(Error::internal(openssl_error("EVP_PKEY_CTX_new_from_name(SM2)")));
    EVP_PKEY* raw = nullptr;
    if (EVP_PKEY_keygen_init(context.get()) != 1 || EVP_PKEY_generate(context.get(), &raw) != 1) {
        return fail(Error::internal(openssl_error("SM2 key generation")));
    }
    std::shared_ptr<evp_pkey_st> key(raw, PkeyFree{});
    ASSIGN_OR_RETURN(auto id, compute_key_id(key.get()));
    return SealKey(std::move(key), std::move(id));
}

Result<SealKey> SealKey::from_private_pem(std::string_view pem) {
    ASSIGN_OR_RETURN(auto bio, read_bio(pem));
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr));
    if (!key) {
        return fail(key_invalid(
            "私钥无法读取：应为未加密的 PEM 格式 SM2 私钥（-----BEGIN PRIVATE KEY-----）"));
    }
    if (!is_sm2(key.get())) return fail(key_invalid("私钥不是 SM2 密钥，不能用于国密电子印章"));
    std::shared_ptr<evp_pkey_st> shared(key.release(), PkeyFree{});
    ASSIGN_OR_RETURN(auto id, compute_key_id(shared.get()));
    return SealKey(std::move(shared), std::move(id));
}

std::string SealKey::private_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    // A memory BIO fails only when memory runs out; an empty string then says "no key".
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    auto text = drain(bio.get());
    return text ? *text : std::string();
}

std::string SealKey::public_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    auto text = drain(bio.get());
    return text ? *text : std::string();
}

std::string SealKey::key_id() const {
    return key_id_;
}

Result<std::string> SealKey::sign(std::string_view payload) const {
    ASSIGN_OR_RETURN(auto context, sm2_digest_context(key_.get()));
    if (EVP_DigestSignInit(context.md_ctx.get(), nullptr, EVP_sm3(), nullptr, key_.get()) != 1 ||
        EVP_DigestSignUpdate(context.md_ctx.get(), payload.data(), payload.size()) != 1) {
        return fail(Error::internal(openssl_error("SM2 sign init/update")));
    }
    std::size_t size = 0;
    if (EVP_DigestSignFinal(context.md_ctx.get(), nullptr, &size) != 1) {
        return fail(Error::internal(openssl_error("SM2 signature size")));
    }
    std::vector<unsigned char> signature(size);
    if (EVP_DigestSignFinal(context.md_ctx.get(), signature.data(), &size) != 1) {
        return fail(Error::internal(openssl_error("SM2 sign")));
    }
    return to_base64(signature.data(), size);
}

Status verify_seal(std::string_view public_pem, std::string_view payload,
                   std::string_view signature_b64) {
    ASSIGN_OR_RETURN(auto key, read_public_key(public_pem));

    if (signature_b64.empty()) {
        return fail(Error::invalid("signature_malformed", "签名为空"));
    }
    if (signature_b64.size() > kMaxSignatureBase64) {
        return fail(Error::invalid(
            "signature_malformed",
            "签名过长（" + std::to_string(signature_b64.size()) + " 个字符），不是 SM2 签名"));
    }
    std::vector<unsigned char> der(signature_b64.size());
    std::size_t der_size = 0;
    if (sodium_base642bin(der.data(), der.size(), signature_b64.data(), signature_b64.size(),
                          nullptr, &der_size, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return fail(Error::invalid("signature_malformed", "签名不是有效的 Base64 文本"));
    }
    // The signature must be exactly one DER SM2 signature (SEQUENCE of r and s), nothing more.
    const unsigned char* cursor = der.data();
    EcdsaSigPtr parsed(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der_size)));
    if (!parsed || cursor != der.data() + der_size) {
        ERR_clear_error();
        return fail(Error::invalid("signature_malformed", "签名不是 DER 编码的 SM2 签名"));
    }

    ASSIGN_OR_RETURN(auto context, sm2_digest_context(key.get()));
    if (EVP_DigestVerifyInit(context.md_ctx.get(), nullptr, EVP_sm3(), nullptr, key.get()) != 1 ||
        EVP_DigestVerifyUpdate(context.md_ctx.get(), payload.data(), payload.size()) != 1) {
        return fail(Error::internal(openssl_error("SM2 verify init/update")));
    }
    const int verified = EVP_DigestVerifyFinal(context.md_ctx.get(), der.data(), der_size);
    ERR_clear_error();
    if (verified != 1) {
        return fail(
            Error::invalid("signature_invalid",
                           "签名与内容不符：奖牌内容已被改动，或签名不是由该公钥对应的私钥所签"));
    }
    return ok();
}

Result<std::string> seal_key_id(std::string_view public_pem) {
    ASSIGN_OR_RETURN(auto key, read_public_key(public_pem));
    return compute_key_id(key.get());
}

}  // namespace hx::certifications

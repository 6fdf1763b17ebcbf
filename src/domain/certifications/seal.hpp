#pragma once
/// The electronic seal of a plaque (电子印章): an SM2 signature over SM3 (GB/T 32918, GB/T 35276)
/// of the plaque's canonical payload, made with the city's key. The public key is published at
/// /api/v1/public/keys, so anyone can check a downloaded plaque offline (docs/plaques.md).
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

// OpenSSL's key type, kept out of every file that includes this one.
struct evp_pkey_st;

namespace hx::certifications {

/// The distinguishing identifier hashed into every signature (GB/T 35276 default user ID).
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";
/// The algorithm name published beside the key at /api/v1/public/keys.
inline constexpr std::string_view kSealAlgorithm = "SM2-SM3";

/// An SM2 key pair for sealing plaques (SM2 signature over SM3, GB/T 32918 / GB/T 35276,
/// default user ID "1234567812345678"). Copies share the one immutable key.
class SealKey {
public:
    /// A new random key on the SM2 curve.
    static Result<SealKey> generate();
    /// Reads an unencrypted PKCS#8 (or SEC1 "EC PRIVATE KEY") PEM of an SM2 key;
    /// Error::invalid("key_invalid", …) for anything else.
    static Result<SealKey> from_private_pem(std::string_view pem);

    /// Unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). Keep it out of logs.
    [[nodiscard]] std::string private_pem() const;
    /// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), what /api/v1/public/keys publishes.
    [[nodiscard]] std::string public_pem() const;
    /// First 16 hex digits of SM3 over the DER public key: names the key in payloads and in
    /// /api/v1/public/keys.
    [[nodiscard]] std::string key_id() const;
    /// Base64 of the DER signature over `payload`.
    [[nodiscard]] Result<std::string> sign(std::string_view payload) const;

private:
    SealKey(std::shared_ptr<evp_pkey_st> key, std::string key_id);

    std::shared_ptr<evp_pkey_st> key_;
    std::string key_id_;
};

/// Ok when `signature_b64` is a valid SM2-with-SM3 signature of `payload` by the key in
/// `public_pem`; otherwise Error::invalid("signature_invalid" / "key_invalid" /
/// "signature_malformed", a Chinese message that says why).
Status verify_seal(std::string_view public_pem, std::string_view payload,
                   std::string_view signature_b64);

/// The key id (as SealKey::key_id) of a public key PEM; Error::invalid("key_invalid", …) when the
/// text is not an SM2 public key. Lets a verifier check that a published key is the one a plaque
/// names before it checks the signature.
Result<std::string> seal_key_id(std::string_view public_pem);

}  // namespace hx::certifications

#include "domain/certifications/seal.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hx::certifications {
namespace {

// A fixed SM2 key and a signature made by the OpenSSL command line, not by our code:
//   openssl genpkey -algorithm SM2 -out k.pem; openssl pkey -in k.pem -pubout
//   printf 'huixing-plaque/1\nserial: BJZHSQ-2026-3-000123\n' > msg
//   openssl dgst -sm3 -sign k.pem -sigopt distid:1234567812345678 -out sig msg
// It pins the interoperability docs/plaques.md promises (the default ID, SM3, DER, base64).
constexpr const char* kCliPrivatePem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgCVkMqtMuq6KcsgK8\n"
    "1Sg8eoV6C5zAXUeGcXU4g/vuxiWhRANCAATRIarSgy/jjFyiEjFmT0e9KFS4kPcA\n"
    "g+glwh1LZEOQ+1oDmEOKYgizblP5khw6WNP6Ax8M5VXARurPCp2gSWS/\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kCliPublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE0SGq0oMv44xcohIxZk9HvShUuJD3\n"
    "AIPoJcIdS2RDkPtaA5hDimIIs25T+ZIcOljT+gMfDOVVwEbqzwqdoElkvw==\n"
    "-----END PUBLIC KEY-----\n";
constexpr const char* kCliPayload = "huixing-plaque/1\nserial: BJZHSQ-2026-3-000123\n";
constexpr const char* kCliSignature =
    "MEUCIQDrNMpmRrT5F6m8xJdVRHSA5Pkgx7g4lvmIc4UN8OAkygIgFOeya5jrqKpxJyGv0oJykBiQV9hqUJsSUiDdX+"
    "z2hy4=";

// An ECDSA P-256 public key: a valid PEM, but not SM2.
constexpr const char* kP256PublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkWp2da9MZ44mMdUaX1vUt2AoTedy\n"
    "dZXzE3qBqeg2KEW4VE0EdK8AL/tQuAmJ1am0PifFBfwUbC8AH1GWI9E9AQ==\n"
    "-----END PUBLIC KEY-----\n";

// The same key encrypted (openssl pkcs8 -topk8 -v2 aes-256-cbc): refused, never a password prompt.
constexpr const char* kEncryptedPrivatePem =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAi6frtz/wXpEAICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEISF8kxZ5KDKoAgkiB3pE40EgZAe\n"
    "MaIiDiN/yCnq/Xws5q8JjuS0Lqz/E4ZQJOPC2bnYpifa5K1xw9uWZIP7tnIvFOHV\n"
    "gp83oiP/WvDCZ/SDwNT5i0ohT1Zalg5Eu9NUNDP/0KWiarmktN8LcXSTN+uXVeQZ\n"
    "iyV8FEYmr0RuBI9gbQKiDYrV9wj7FD2hO/lIQZMKvqSzjaellkwcK/aoqqe41RY=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";

SealKey generated() {
    auto key = SealKey::generate();
    EXPECT_TRUE(key.has_value()) << (key ? "" : key.error().message());
    return *key;
}

TEST(Seal, SignedPayloadVerifies) {
    const auto key = generated();
    const std::string payload =
        "huixing-plaque/1\nserial: BJZHSQ-2026-3-000123\ncommunity: "
        "北京市东城区东华门街道多福巷社区\n";
    auto signature = key.sign(payload);
    ASSERT_TRUE(signature) << signature.error().message();
    EXPECT_TRUE(verify_seal(key.public_pem(), payload, *signature));
    // SM2 signatures are randomised; both verify.
    auto again = key.sign(payload);
    ASSERT_TRUE(again);
    EXPECT_NE(*again, *signature);
    EXPECT_TRUE(verify_seal(key.public_pem(), payload, *again));
}

TEST(Seal, FlippingAnyByteOfThePayloadFailsVerification) {
    const auto key = generated();
    const std::string payload = "serial: BJZHSQ-2026-3-000123\nstar: 3\n社区：多福巷";
    auto signature = key.sign(payload);
    ASSERT_TRUE(signature);
    for (std::size_t i = 0; i < payload.size(); ++i) {
        for (const unsigned mask : {0x01U, 0x80U}) {
            std::string tampered = payload;
            tampered[i] = static_cast<char>(static_cast<unsigned char>(tampered[i]) ^ mask);
            const auto verified = verify_seal(key.public_pem(), tampered, *signature);
            ASSERT_FALSE(verified) << "byte " << i << " mask " << mask;
            EXPECT_EQ(verified.error().reason(), "signature_invalid");
        }
    }
    // A byte more or less is a change too.
    EXPECT_FALSE(verify_seal(key.public_pem(), payload + "\n", *signature));
    EXPECT_FALSE(verify_seal(key.public_pem(), payload.substr(0, payload.size() - 1), *signature));
}

TEST(Seal, AnotherKeyDoesNotVerify) {
    const auto key = generated();
    const auto other = generated();
    EXPECT_NE(key.key_id(), other.key_id());
    auto signature = key.sign("payload");
    ASSERT_TRUE(signature);
    const auto verified = verify_seal(other.public_pem(), "payload", *signature);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().reason(), "signature_invalid");
    EXPECT_FALSE(verified.error().message().empty());
}

TEST(Seal, MalformedSignaturesAreNamedAsSuch) {
    const auto key = generated();
    auto signature = key.sign("payload");
    ASSERT_TRUE(signature);
    for (const std::string& bad : {std::string(), std::string("not base64!"), std::string("QUJD"),
                                   *signature + "A", signature->substr(1), std::string(400, 'A')}) {
        const auto verified = verify_seal(key.public_pem(), "payload", bad);
        ASSERT_FALSE(verified) << bad;
        EXPECT_EQ(verified.error().reason(), "signature_malformed") << bad;
    }
    // Well-formed base64 and DER but the wrong numbers: invalid, not malformed.
    std::string flipped = *signature;
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    const auto verified = verify_seal(key.public_pem(), "payload", flipped);
    ASSERT_FALSE(verified);
    EXPECT_TRUE(verified.error().reason() == "signature_invalid" ||
                verified.error().reason() == "signature_malformed")
        << verified.error().reason();
}

TEST(Seal, BadPublicKeysAreRefusedAsKeyInvalid) {
    const auto key = generated();
    auto signature = key.sign("payload");
    ASSERT_TRUE(signature);
    for (const std::string& bad :
         {std::string(),
          std::string("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
          std::string(kP256PublicPem), key.private_pem().substr(0, 40)}) {
        const auto verified = verify_seal(bad, "payload", *signature);
        ASSERT_FALSE(verified) << bad;
        EXPECT_EQ(verified.error().reason(), "key_invalid") << bad;
        EXPECT_EQ(seal_key_id(bad).error().reason(), "key_invalid");
    }
}

TEST(Seal, PrivatePemRoundTripKeepsTheKey) {
    const auto key = generated();
    const auto pem = key.private_pem();
    EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0U) << pem;
    EXPECT_EQ(key.public_pem().rfind("-----BEGIN PUBLIC KEY-----", 0), 0U);
    auto loaded = SealKey::from_private_pem(pem);
    ASSERT_TRUE(loaded) << loaded.error().message();
    EXPECT_EQ(loaded->key_id(), key.key_id());
    EXPECT_EQ(loaded->public_pem(), key.public_pem());
    EXPECT_EQ(loaded->private_pem(), pem);
    auto signature = loaded->sign("payload");
    ASSERT_TRUE(signature);
    EXPECT_TRUE(verify_seal(key.public_pem(), "payload", *signature));
}

TEST(Seal, PrivatePemThatIsNotAnSm2KeyIsRefused) {
    for (const std::string& bad : {std::string(), std::string("hello"), std::string(kCliPublicPem),
                                   std::string(kEncryptedPrivatePem)}) {
        const auto loaded = SealKey::from_private_pem(bad);
        ASSERT_FALSE(loaded) << bad;
        EXPECT_EQ(loaded.error().reason(), "key_invalid");
        EXPECT_FALSE(loaded.error().message().empty());
    }
}

TEST(Seal, KeyIdIsSixteenHexDigitsOfTheDerPublicKeyAndStable) {
    const auto key = generated();
    EXPECT_EQ(key.key_id().size(), 16U);
    EXPECT_EQ(key.key_id().find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(key.key_id(), key.key_id());
    EXPECT_EQ(seal_key_id(key.public_pem()).value(), key.key_id());
    auto cli = SealKey::from_private_pem(kCliPrivatePem);
    ASSERT_TRUE(cli) << cli.error().message();
    // SM3 of the DER SubjectPublicKeyInfo (openssl pkey -pubout -outform DER | openssl dgst -sm3).
    EXPECT_EQ(cli->key_id(), "2501c9c8f5b58a5c");
    EXPECT_EQ(seal_key_id(kCliPublicPem).value(), "2501c9c8f5b58a5c");
    EXPECT_EQ(cli->public_pem(), kCliPublicPem);
}

TEST(Seal, InteroperatesWithTheOpensslCommandLine) {
    EXPECT_TRUE(verify_seal(kCliPublicPem, kCliPayload, kCliSignature));
    auto cli = SealKey::from_private_pem(kCliPrivatePem);
    ASSERT_TRUE(cli);
    auto ours = cli->sign(kCliPayload);
    ASSERT_TRUE(ours);
    EXPECT_TRUE(verify_seal(kCliPublicPem, kCliPayload, *ours));
    EXPECT_FALSE(verify_seal(kCliPublicPem, "huixing-plaque/1\nserial: BJZHSQ-2026-3-000124\n",
                             kCliSignature));
}

}  // namespace
}  // namespace hx::certifications

// Phone numbers at rest (issue 10 item 8): SM4-CTR with HMAC-SM3, the old secretbox rows still
// readable, every change to a sealed number refused.
#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "domain/notice/notice.hpp"
#include "domain/notice/phone_protector.hpp"

namespace hx::notice {
namespace {

std::string from_hex(std::string_view hex) {
    std::string out(hex.size() / 2, '\0');
    std::size_t length = 0;
    EXPECT_EQ(sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(),
                             nullptr, &length, nullptr),
              0);
    out.resize(length);
    return out;
}

std::string to_hex(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

std::string decode(std::string_view base64) {
    std::string out(base64.size(), '\0');
    std::size_t length = 0;
    EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), base64.data(),
                                base64.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
              0);
    out.resize(length);
    return out;
}

std::string encode(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();
    return out;
}

TEST(Sm4, KnownAnswerOfGbT32907) {
    // GB/T 32907-2016 Appendix A.1: key = plaintext = 0123456789abcdeffedcba9876543210. In counter
    // mode the first block of keystream is SM4(key, iv): with iv = that plaintext and sixteen zero
    // bytes to encrypt, the output is the standard's ciphertext.
    const auto key = from_hex("0123456789abcdeffedcba9876543210");
    const auto block = sm4_ctr(key, key, std::string(16, '\0'));
    ASSERT_TRUE(block) << block.error().message();
    EXPECT_EQ(to_hex(*block), "681edf34d206965e86b3e94f536e4246");
}

TEST(Sm4, CounterModeRunsOverTheWholeBlock) {
    // The second block uses iv + 1: SM4(key, 0123…3211) is not the first block again.
    const auto key = from_hex("0123456789abcdeffedcba9876543210");
    const auto blocks = sm4_ctr(key, key, std::string(32, '\0'));
    ASSERT_TRUE(blocks);
    EXPECT_NE(blocks->substr(0, 16), blocks->substr(16));
    EXPECT_FALSE(sm4_ctr("short", key, "x"));
}

TEST(Sm3, KnownAnswerOfHmacSm3) {
    // RFC 2104 over SM3 (GB/T 32905); the expected value from `openssl dgst -sm3 -hmac kkk…k`.
    // Pinned: a change of the digest would make every stored lookup digest miss.
    const auto tag = hmac_sm3(std::string(32, 'k'), "13800138000");
    ASSERT_TRUE(tag) << tag.error().message();
    EXPECT_EQ(to_hex(*tag), "2b7d1f5715c51b35a714afe4cba4f0de8d55862a830f9e5553587929e9e41e59");
    EXPECT_NE(*tag, *hmac_sm3(std::string(32, 'x'), "13800138000"));
}

TEST(PhoneProtector, RoundTripWithAFreshIvEachTime) {
    auto protector = PhoneProtector::create(std::string(32, 'k'));
    ASSERT_TRUE(protector);
    const auto sealed = protector->seal("13800138000");
    EXPECT_EQ(sealed.rfind("v2:", 0), 0U) << sealed;
    EXPECT_EQ(sealed.find("13800138000"), std::string::npos);
    EXPECT_NE(sealed, protector->seal("13800138000")) << "a fresh IV each time";
    EXPECT_EQ(protector->open(sealed).value_or(""), "13800138000");
    EXPECT_EQ(protector->open(protector->seal("")).value_or("x"), "");
    // version byte + IV + one 11-byte number + tag
    EXPECT_EQ(decode(sealed.substr(3)).size(), 1U + 16U + 11U + 32U);
    EXPECT_EQ(decode(sealed.substr(3))[0], '\x02');
}

TEST(PhoneProtector, AnyFlippedByteIsRefused) {
    auto protector = PhoneProtector::create(std::string(32, 'k'));
    ASSERT_TRUE(protector);
    const auto sealed = protector->seal("13800138000");
    const auto record = decode(sealed.substr(3));
    for (std::size_t i = 0; i < record.size(); ++i) {
        for (const int bit : {0x01, 0x80}) {
            auto changed = record;
            changed[i] = static_cast<char>(static_cast<unsigned char>(changed[i]) ^ bit);
            EXPECT_FALSE(protector->open("v2:" + encode(changed))) << "byte " << i << " bit " << bit;
        }
    }
    // Shortened, lengthened, the prefix dropped (then read as version 1), garbage.
    EXPECT_FALSE(protector->open("v2:" + encode(record.substr(0, record.size() - 1))));
    EXPECT_FALSE(protector->open("v2:" + encode(record + "x")));
    EXPECT_FALSE(protector->open("v2:" + encode(record.substr(0, 40))));
    EXPECT_FALSE(protector->open(sealed.substr(3)));
    EXPECT_FALSE(protector->open("v2:***"));
    EXPECT_FALSE(protector->open(""));
}

TEST(PhoneProtector, WrongKeyIsRefused) {
    auto protector = PhoneProtector::create(std::string(32, 'k'));
    auto other = PhoneProtector::create(std::string(32, 'x'));
    ASSERT_TRUE(protector && other);
    EXPECT_FALSE(other->open(protector->seal("13800138000")));
    EXPECT_FALSE(PhoneProtector::create("short"));
    EXPECT_FALSE(PhoneProtector::create(std::string(33, 'k')));
}

TEST(PhoneProtector, VersionOneRowsStillOpen) {
    // Written by the secretbox sealer before SM4 (libsodium crypto_secretbox_easy, key 32 × 'k',
    // nonce bytes 1, 8, 15, …): rows of databases from before this change.
    constexpr std::string_view kVersion1 = "AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiaenEomLb1Szj42qysmUThfhKU2WXVz8Mud0Y";
    auto protector = PhoneProtector::create(std::string(32, 'k'));
    auto other = PhoneProtector::create(std::string(32, 'x'));
    ASSERT_TRUE(protector && other);
    EXPECT_EQ(protector->open(kVersion1).value_or(""), "13900139000");
    EXPECT_FALSE(other->open(kVersion1));
    auto changed = decode(kVersion1);
    changed[30] = static_cast<char>(changed[30] ^ 1);
    EXPECT_FALSE(protector->open(encode(changed)));
}

TEST(PhoneProtector, DigestIsKeyedAndStable) {
    auto protector = PhoneProtector::create(std::string(32, 'k'));
    auto other = PhoneProtector::create(std::string(32, 'x'));
    ASSERT_TRUE(protector && other);
    const auto digest = protector->digest("13800138000");
    EXPECT_EQ(digest.size(), 64U);
    EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(digest, protector->digest("13800138000"));
    EXPECT_NE(digest, protector->digest("13800138001"));
    EXPECT_NE(digest, other->digest("13800138000"));
    // The lookup key is derived, not the master key itself, and not the MAC key.
    EXPECT_NE(digest, to_hex(*hmac_sm3(std::string(32, 'k'), "13800138000")));
}

}  // namespace
}  // namespace hx::notice

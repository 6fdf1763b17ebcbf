#include "core/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hx {
namespace {

// FIPS 180-2 appendix B.1 and B.2, and the empty message.
TEST(Sha256, KnownAnswers) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const std::string with_nul("a\0b", 3);  // the length, not a terminator, ends the bytes
    EXPECT_NE(sha256_hex(with_nul), sha256_hex("a"));
}

TEST(Sha256, OnlyLowercaseHexOfSixtyFourDigitsIsADigest) {
    const auto abc = sha256_hex("abc");
    EXPECT_TRUE(is_sha256_hex(abc));
    EXPECT_FALSE(is_sha256_hex(abc.substr(1)));
    EXPECT_FALSE(is_sha256_hex(abc + "0"));
    EXPECT_FALSE(is_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
    EXPECT_FALSE(is_sha256_hex(std::string(63, 'a') + "g"));
}

TEST(Sha256, ATypedDigestIsNormalisedToLowercaseOrRefused) {
    EXPECT_EQ(normalize_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"),
              sha256_hex("abc"));
    EXPECT_EQ(normalize_sha256_hex(sha256_hex("abc")), sha256_hex("abc"));
    EXPECT_FALSE(normalize_sha256_hex("not-a-digest"));
    EXPECT_FALSE(normalize_sha256_hex(std::string(64, 'G')));
    EXPECT_FALSE(normalize_sha256_hex(""));
}

}  // namespace
}  // namespace hx

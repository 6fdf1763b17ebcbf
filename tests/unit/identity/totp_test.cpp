#include "domain/identity/totp.hpp"

#include <gtest/gtest.h>

namespace hx::identity {
namespace {

// RFC 6238 Appendix B, SHA-1, secret "12345678901234567890" (base32 below), 8 digits there;
// the last 6 digits are the 6-digit codes.
constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, MatchesRfc6238Vectors) {
    EXPECT_EQ(totp_code(kRfcSecret, from_unix_ms(59'000)), "287082");
    EXPECT_EQ(totp_code(kRfcSecret, from_unix_ms(1'111'111'109'000)), "081804");
    EXPECT_EQ(totp_code(kRfcSecret, from_unix_ms(1'234'567'890'000)), "005924");
    EXPECT_EQ(totp_code(kRfcSecret, from_unix_ms(2'000'000'000'000)), "279037");
}

TEST(Totp, AcceptsOneStepOfDriftOnly) {
    const auto at = from_unix_ms(1'234'567'890'000);
    const auto code = totp_code(kRfcSecret, at);
    EXPECT_TRUE(verify_totp(kRfcSecret, code, at));
    EXPECT_TRUE(verify_totp(kRfcSecret, code, at + std::chrono::seconds(30)));
    EXPECT_FALSE(verify_totp(kRfcSecret, code, at + std::chrono::seconds(90)));
    EXPECT_FALSE(verify_totp(kRfcSecret, "000000", at));
    EXPECT_FALSE(verify_totp(kRfcSecret, "12345", at));
}

TEST(Totp, GeneratedSecretsAreBase32Of160Bits) {
    const auto secret = generate_totp_secret();
    EXPECT_EQ(secret.size(), 32U);
    EXPECT_EQ(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
    EXPECT_NE(secret, generate_totp_secret());
}

}  // namespace
}  // namespace hx::identity

#include "domain/identity/password.hpp"

#include <gtest/gtest.h>

namespace hx::identity {
namespace {

bool has_field_message(const Status& status, const std::string& fragment) {
    if (status) return false;
    for (const auto& f : status.error().fields()) {
        if (f.field == "password" && f.message.find(fragment) != std::string::npos) return true;
    }
    return false;
}

TEST(PasswordPolicy, LengthBoundaryIsTwelve) {
    EXPECT_TRUE(has_field_message(check_password_policy("Abcdefgh1!x", "u"), "12"));  // 11
    EXPECT_TRUE(check_password_policy("Abcdefgh1!xy", "u").has_value());               // 12
}

TEST(PasswordPolicy, NeedsThreeClasses) {
    EXPECT_TRUE(has_field_message(check_password_policy("abcdefghijkl1", "u"), "三类"));  // two
    EXPECT_TRUE(check_password_policy("Abcdefghijkl1", "u").has_value());               // three
    EXPECT_TRUE(check_password_policy("abcdefghijk1!", "u").has_value());               // three
}

TEST(PasswordPolicy, MustNotContainUsername) {
    EXPECT_TRUE(has_field_message(check_password_policy("xZhangSan-2026", "zhangsan"), "用户名"));
    EXPECT_TRUE(check_password_policy("xLiSi-2026-ok", "zhangsan").has_value());
}

TEST(PasswordPolicy, RefusesCommonPasswords) {
    EXPECT_TRUE(has_field_message(check_password_policy("Password1234", "u"), "常见"));
    EXPECT_TRUE(has_field_message(check_password_policy("P@ssw0rd1234", "u"), "常见"));
}

TEST(PasswordPolicy, ReportsEveryProblemAtOnce) {
    const auto status = check_password_policy("admin", "admin");
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().reason(), "weak_password");
    EXPECT_GE(status.error().fields().size(), 3U);
}

TEST(PasswordHash, Argon2idRoundTrip) {
    const auto hash = hash_password("Kx7-Pq9.Lm3!Rt");
    ASSERT_TRUE(hash);
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0U);
    EXPECT_TRUE(verify_password(*hash, "Kx7-Pq9.Lm3!Rt"));
    EXPECT_FALSE(verify_password(*hash, "Kx7-Pq9.Lm3!Ru"));
    EXPECT_FALSE(verify_password("", "anything"));
}

TEST(PasswordGenerator, MeetsThePolicy) {
    for (int i = 0; i < 20; ++i) {
        const auto password = generate_password();
        EXPECT_TRUE(check_password_policy(password, "someone").has_value()) << password;
    }
    EXPECT_NE(generate_password(), generate_password());
}

}  // namespace
}  // namespace hx::identity

// E-mail addresses: what SMTP accepts unquoted and nothing that could inject a header; masked
// for readers who may not see them (docs/security.md).
#include <gtest/gtest.h>

#include "domain/identity/email.hpp"

namespace hx::identity {
namespace {

TEST(Email, PlainAddressesAreValid) {
    for (const char* ok : {"zhangsan@example.cn", "li.si+huixing@mail.bj.gov.cn", "a@b.co",
                           "O'Brien_1@sub-domain.example.com"}) {
        EXPECT_TRUE(valid_email(ok)) << ok;
    }
}

TEST(Email, MalformedOrDangerousAddressesAreRefused) {
    for (const char* bad : {"", "zhangsan", "@example.cn", "zhangsan@", "zhang@san@example.cn",
                            "zhangsan@localhost", "zhang san@example.cn", ".zhang@example.cn",
                            "zhang.@example.cn", "zhang..san@example.cn", "zhangsan@-example.cn",
                            "zhangsan@example-.cn", "zhangsan@example..cn", "zhangsan@[127.0.0.1]",
                            "张三@example.cn", "zhangsan@example.cn\r\nBcc: x@evil.cn",
                            "zhangsan@example.cn>", "<zhangsan@example.cn>", "\"zs\"@example.cn"}) {
        EXPECT_FALSE(valid_email(bad)) << bad;
    }
    EXPECT_FALSE(valid_email(std::string(65, 'a') + "@example.cn"));
    EXPECT_TRUE(valid_email(std::string(64, 'a') + "@example.cn"));
    EXPECT_FALSE(valid_email("a@" + std::string(64, 'b') + ".cn"));
    EXPECT_FALSE(valid_email("a@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                             std::string(63, 'd') + "." + std::string(63, 'e') + ".cn"));
}

TEST(Email, MaskedKeepsOnlyTheFirstCharacterAndTheDomain) {
    EXPECT_EQ(mask_email("zhangsan@example.cn"), "z***@example.cn");
    EXPECT_EQ(mask_email("z@example.cn"), "z***@example.cn");
    EXPECT_EQ(mask_email(""), "");
}

}  // namespace
}  // namespace hx::identity

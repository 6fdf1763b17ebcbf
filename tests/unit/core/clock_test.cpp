#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace hx {
namespace {

TEST(Rfc3339, FormatsInBeijingTime) {
    // 2026-10-31T15:59:59.999Z is the last millisecond of 31 October in Beijing.
    Timestamp t;
    ASSERT_TRUE(parse_rfc3339("2026-10-31T15:59:59.999Z", t));
    EXPECT_EQ(format_rfc3339(t), "2026-10-31T23:59:59.999+08:00");
}

TEST(Rfc3339, ParsesOffsetsAndFractions) {
    Timestamp a, b;
    ASSERT_TRUE(parse_rfc3339("2026-11-15T23:59:59+08:00", a));
    ASSERT_TRUE(parse_rfc3339("2026-11-15T15:59:59Z", b));
    EXPECT_EQ(a, b);
    ASSERT_TRUE(parse_rfc3339("2026-01-01T00:00:00.5-01:30", a));
    EXPECT_EQ(format_rfc3339(a), "2026-01-01T09:30:00.500+08:00");
}

TEST(Rfc3339, RefusesMalformedText) {
    Timestamp t;
    for (const char* bad : {"", "2026-10-31", "2026-10-31T24:00:00Z", "2026-02-30T00:00:00Z",
                            "2026-10-31T23:59:59", "2026-10-31T23:59:59+0800",
                            "2026-10-31T23:59:59Zjunk", "2026-13-01T00:00:00Z", "yesterday"}) {
        EXPECT_FALSE(parse_rfc3339(bad, t)) << bad;
    }
}

TEST(SettableClock, MovesAndKeepsTicking) {
    SettableClock clock;
    Timestamp target;
    ASSERT_TRUE(parse_rfc3339("2026-10-31T23:59:59+08:00", target));
    clock.set(target);
    const auto now = clock.now();
    EXPECT_GE(now, target);
    EXPECT_LT(now - target, std::chrono::seconds(5));
}

}  // namespace
}  // namespace hx

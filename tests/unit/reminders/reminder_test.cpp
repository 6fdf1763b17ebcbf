// The reminder rules at their boundaries: 7, 3 and 1 days before a deadline, nothing before
// seven days ahead or after the deadline, and one reminder however often the job runs.
#include <gtest/gtest.h>

#include "domain/reminders/reminder.hpp"

namespace hx::reminders {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::seconds;

Timestamp at(const char* text) {
    Timestamp t;
    EXPECT_TRUE(parse_rfc3339(text, t)) << text;
    return t;
}

const Timestamp kDeadline = at("2026-10-31T23:59:59.999+08:00");

TEST(ReminderDue, SevenDaysAndOneSecondBeforeIsTooEarly) {
    EXPECT_EQ(reminder_due(kDeadline - days(7) - seconds(1), kDeadline), std::nullopt);
    EXPECT_EQ(reminder_due(kDeadline - days(30), kDeadline), std::nullopt);
}

TEST(ReminderDue, ExactlySevenThreeAndOneDaysBefore) {
    EXPECT_EQ(reminder_due(kDeadline - days(7), kDeadline), 7);
    EXPECT_EQ(reminder_due(kDeadline - days(3) - milliseconds(1), kDeadline), 7);
    EXPECT_EQ(reminder_due(kDeadline - days(3), kDeadline), 3);
    EXPECT_EQ(reminder_due(kDeadline - days(1) - milliseconds(1), kDeadline), 3);
    EXPECT_EQ(reminder_due(kDeadline - days(1), kDeadline), 1);
}

TEST(ReminderDue, UntilTheDeadlineAndNotAfter) {
    EXPECT_EQ(reminder_due(kDeadline, kDeadline), 1);  // a deadline holds to its last millisecond
    EXPECT_EQ(reminder_due(kDeadline + milliseconds(1), kDeadline), std::nullopt);
}

TEST(RemindersDue, OnePerUserSubjectAndDeadlineEvenWhenListedTwice) {
    const std::vector<Deadline> deadlines = {
        {1, "application:5:submit", kDeadline, "提交申报（多福巷社区）", "/applications/5"},
        {1, "application:5:submit", kDeadline, "提交申报（多福巷社区）", "/applications/5"},
        {2, "application:5:submit", kDeadline, "提交申报（多福巷社区）", "/applications/5"},
        {1, "application:6:submit", kDeadline + days(20), "提交申报（别的社区）", "/applications/6"},
    };
    const auto due = reminders_due(kDeadline - days(7), deadlines);
    ASSERT_EQ(due.size(), 2U);
    EXPECT_EQ(due[0].user_id, 1);
    EXPECT_EQ(due[1].user_id, 2);
    EXPECT_EQ(due[0].days_before, 7);
    EXPECT_EQ(due[0].title, "还有 7 天截止：提交申报（多福巷社区）");
    EXPECT_EQ(due[0].body, "请于 2026-10-31 23:59（北京时间）前提交申报（多福巷社区）。");
    EXPECT_EQ(due[0].link, "/applications/5");
    // A rerun at the same time makes the same reminders: the storage's unique key keeps one.
    const auto again = reminders_due(kDeadline - days(7), deadlines);
    ASSERT_EQ(again.size(), due.size());
    EXPECT_EQ(again[0].subject, due[0].subject);
    EXPECT_EQ(again[0].deadline, due[0].deadline);
    EXPECT_EQ(again[0].days_before, due[0].days_before);
}

TEST(RemindersDue, NoneOutsideTheWindow) {
    const std::vector<Deadline> deadlines = {{1, "rectification:3", kDeadline, "报送整改报告", ""}};
    EXPECT_TRUE(reminders_due(kDeadline - days(7) - seconds(1), deadlines).empty());
    EXPECT_TRUE(reminders_due(kDeadline + seconds(1), deadlines).empty());
}

}  // namespace
}  // namespace hx::reminders

// The e-mail of a reminder and the outbox's back-off (docs/operations.md § 邮件提醒).
#include <gtest/gtest.h>

#include "domain/reminders/mail.hpp"

namespace hx::reminders {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(ReminderMailText, NamesWhatWhereAndBy) {
    OutboxItem item;
    item.to = "zhangsan@example.cn";
    item.name = "张三";
    item.notification.id = 42;
    item.notification.days_before = 3;
    item.notification.title = "还有 3 天截止：提交申报（多福巷社区，2026年度试点认定）";
    item.notification.body = "请于 2026-10-31 23:59（北京时间）前提交申报（多福巷社区，2026年度试点认定）。";
    item.notification.link = "/applications/12";
    const auto mail = compose_mail(item, "example.cn");
    EXPECT_EQ(mail.to, "zhangsan@example.cn");
    EXPECT_EQ(mail.subject, "【慧星】" + item.notification.title);
    EXPECT_EQ(mail.message_id, "<reminder-42@example.cn>");
    EXPECT_EQ(mail.body.rfind("张三，您好：", 0), 0U) << mail.body;
    EXPECT_NE(mail.body.find(item.notification.body), std::string::npos);
    EXPECT_NE(mail.body.find("/applications/12"), std::string::npos);
    EXPECT_NE(mail.body.find("截止前 3 天"), std::string::npos);
}

TEST(ReminderMailText, BackOffDoublesUpToTheCap) {
    const MailPolicy policy;
    const Timestamp t0{};
    EXPECT_EQ(next_attempt_after(t0, 1, policy) - t0, seconds(60));
    EXPECT_EQ(next_attempt_after(t0, 2, policy) - t0, seconds(120));
    EXPECT_EQ(next_attempt_after(t0, 4, policy) - t0, seconds(480));
    EXPECT_EQ(next_attempt_after(t0, 10, policy) - t0, minutes(60));
}

}  // namespace
}  // namespace hx::reminders

#include "domain/reminders/reminder.hpp"

#include <chrono>
#include <set>
#include <tuple>

namespace hx::reminders {

std::optional<int> reminder_due(Timestamp now, Timestamp deadline) {
    if (now > deadline) return std::nullopt;
    std::optional<int> due;
    for (const int days : kReminderDays) {
        if (deadline - std::chrono::days(days) <= now) due = days;
    }
    return due;
}

std::vector<Notification> reminders_due(Timestamp now, const std::vector<Deadline>& deadlines) {
    std::vector<Notification> out;
    std::set<std::tuple<std::int64_t, std::string, Timestamp>> seen;
    for (const auto& d : deadlines) {
        const auto days = reminder_due(now, d.due_at);
        if (!days || !seen.insert({d.user_id, d.subject, d.due_at}).second) continue;
        Notification n;
        n.user_id = d.user_id;
        n.subject = d.subject;
        n.deadline = d.due_at;
        n.days_before = *days;
        n.title = "还有 " + std::to_string(*days) + " 天截止：" + d.what;
        auto when = format_rfc3339(d.due_at).substr(0, 16);  // 2026-10-31T23:59, Beijing time
        when[10] = ' ';
        n.body = "请于 " + when + "（北京时间）前" + d.what + "。";
        n.link = d.link;
        n.created_at = now;
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace hx::reminders

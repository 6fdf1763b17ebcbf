#pragma once
/// In-app reminders (issue 4 item 7): 7, 3 and 1 days before each deadline a user is
/// responsible for — the round's community and district deadlines, an evaluator's due date, the
/// annual report's filing deadline (第十八条) and a rectification's deadline (第二十条). The
/// rules here are pure functions of a clock time and the deadlines; the storage's unique key
/// (user, subject, deadline, days before) makes a rerun, a restart or a second server instance
/// add nothing twice.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/regions/region.hpp"

namespace hx::reminders {

/// The days before a deadline on which a reminder falls, farthest first.
inline constexpr std::array<int, 3> kReminderDays{7, 3, 1};

/// The reminder due at `now` for `deadline`: the nearest of 7, 3 and 1 days before it whose
/// moment has come (deadline − d days ≤ now), while the deadline holds (now ≤ deadline). None
/// more than seven days ahead and none once the deadline has passed. A job that did not run for
/// a while sends only the nearest reminder, not the ones it missed.
std::optional<int> reminder_due(Timestamp now, Timestamp deadline);

/// Something a user must do by a deadline.
struct Deadline {
    std::int64_t user_id = 0;
    /// What the deadline is about, stable across runs: `application:12:submit`,
    /// `annual_report:2026:110101001001`, `rectification:7`.
    std::string subject;
    Timestamp due_at;
    std::string what;  // 提交“多福巷社区”的申报
    std::string link;  // the console's path, e.g. /applications/12
};

/// One reminder as the user sees it.
struct Notification {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string subject;
    Timestamp deadline;
    int days_before = 0;
    std::string title;
    std::string body;
    std::string link;
    Timestamp created_at;
    std::optional<Timestamp> read_at;
    std::optional<Timestamp> emailed_at;
};

/// The reminders due at `now` for these deadlines, one per (user, subject, deadline).
std::vector<Notification> reminders_due(Timestamp now, const std::vector<Deadline>& deadlines);

class NotificationRepository {
public:
    virtual ~NotificationRepository() = default;
    /// False (and nothing written) when the user already has this subject's reminder for this
    /// deadline and day.
    virtual Result<bool> insert(const Notification& notification) = 0;
    /// A user's reminders, newest first.
    virtual Result<regions::Page<Notification>> list(std::int64_t user_id, const regions::PageRequest& page) = 0;
    virtual Result<std::int64_t> unread(std::int64_t user_id) = 0;
    /// The user's own reminder, or none (another user's is not found either).
    virtual Result<std::optional<Notification>> find(std::int64_t id, std::int64_t user_id) = 0;
    virtual Status mark_read(std::int64_t id, std::int64_t user_id, Timestamp at) = 0;
    /// Returns how many were unread.
    virtual Result<std::int64_t> mark_all_read(std::int64_t user_id, Timestamp at) = 0;
};

}  // namespace hx::reminders

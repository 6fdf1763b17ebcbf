#pragma once
/// Makes the reminders due now (a periodic job of `huixing serve`, right after the test clock
/// is set, and `huixing reminders run` for cron) and lets each user read their own.
#include <cstdint>
#include <functional>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/applications/application_service.hpp"
#include "domain/identity/user.hpp"
#include "domain/reminders/reminder.hpp"
#include "domain/store.hpp"
#include "domain/supervision/supervision_service.hpp"

namespace hx::reminders {

struct NotificationPage {
    regions::Page<Notification> page;
    std::int64_t unread = 0;
};

class ReminderService {
public:
    ReminderService(Store& store, const Clock& clock, applications::ApplicationService& applications,
                    supervision::SupervisionService& supervision)
        : store_(store), clock_(clock), applications_(applications), supervision_(supervision) {}

    /// Every deadline someone is responsible for now: each active user's to-do items (the same
    /// list as GET /api/v1/todo, so a reminder is always about something the user still has to
    /// do), certified communities that have not filed the annual report, and communities under
    /// rectification without a report.
    Result<std::vector<Deadline>> deadlines();
    /// Stores the reminders due now; returns how many are new. Safe to run at any time, from any
    /// number of processes. With e-mail enabled, each new reminder of a user with an address is
    /// queued in the outbox in the same transaction, and `after_run` is called after the commit.
    Result<std::int64_t> run();

    /// E-mail the reminders from now on (`serve --smtp`): queue each new one in the outbox and
    /// call `after_run` (which must not block: it wakes the sender) after every run.
    void enable_mail(std::function<void()> after_run) {
        mail_enabled_ = true;
        after_run_ = std::move(after_run);
    }

    /// The caller's own reminders, newest first, with the unread count.
    Result<NotificationPage> list(const identity::Actor& actor, const regions::PageRequest& page);
    /// 404 for another user's reminder.
    Result<Notification> mark_read(const identity::Actor& actor, std::int64_t id);
    /// Returns how many were unread.
    Result<std::int64_t> mark_all_read(const identity::Actor& actor);

private:
    Store& store_;
    const Clock& clock_;
    applications::ApplicationService& applications_;
    supervision::SupervisionService& supervision_;
    bool mail_enabled_ = false;
    std::function<void()> after_run_;
};

}  // namespace hx::reminders

#pragma once
/// The periodic reminder job of `huixing serve`: runs ReminderService::run at start and then
/// every `interval` on a thread of its own, off every request's path. Failures are logged and
/// the next run tries again; the storage's unique key keeps several instances from duplicating.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/reminders/reminder_service.hpp"

namespace hx::cli {

class ReminderJob {
public:
    ReminderJob(reminders::ReminderService& service, std::chrono::seconds interval);
    /// Stops the thread (waits for a run in progress).
    ~ReminderJob();
    ReminderJob(const ReminderJob&) = delete;
    ReminderJob& operator=(const ReminderJob&) = delete;

private:
    void loop();

    reminders::ReminderService& service_;
    std::chrono::seconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

/// One run, logged as one JSON line; returns whether it succeeded.
bool run_reminders_once(reminders::ReminderService& service);

}  // namespace hx::cli

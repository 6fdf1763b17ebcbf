#include "cli/reminder_job.hpp"

#include <spdlog/spdlog.h>

namespace hx::cli {

bool run_reminders_once(reminders::ReminderService& service) {
    auto made = service.run();
    if (!made) {
        spdlog::error("{{\"event\":\"reminders_failed\",\"error\":\"{}\"}}", made.error().message());
        return false;
    }
    spdlog::info("{{\"event\":\"reminders\",\"created\":{}}}", *made);
    return true;
}

ReminderJob::ReminderJob(reminders::ReminderService& service, std::chrono::seconds interval)
    : service_(service), interval_(interval), thread_([this] { loop(); }) {}

ReminderJob::~ReminderJob() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ReminderJob::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        run_reminders_once(service_);
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace hx::cli

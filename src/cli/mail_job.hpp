#pragma once
/// E-mail reminders in `huixing serve` and `huixing reminders run` (`--smtp HOST:PORT
/// --smtp-from ADDRESS`, docs/operations.md § 邮件提醒): the options, and the sender thread of
/// `serve` that empties the outbox after each reminder run and every half minute, off every
/// request's path.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "domain/reminders/mail.hpp"
#include "domain/reminders/reminder_service.hpp"
#include "mail/smtp_sender.hpp"

namespace hx::cli {

struct MailOptions {
    std::string smtp;  // HOST:PORT; '' = no e-mail
    std::string from;
};

/// Adds --smtp and --smtp-from to `command`.
void add_mail_options(CLI::App& command, MailOptions& options);

/// The SMTP settings, none when --smtp is not given; an error (in Chinese) for a bad address,
/// or a missing or malformed --smtp-from.
Result<std::optional<mail::SmtpConfig>> smtp_config(const MailOptions& options);

/// The sender and the outbox service of one process.
class Mailer {
public:
    Mailer(Store& store, const Clock& clock, mail::SmtpConfig config);
    reminders::MailService& service() { return service_; }

private:
    mail::SmtpSender sender_;
    reminders::MailService service_;
};

/// One delivery run, each failure logged as one JSON line with the address masked; returns
/// whether the run itself (the database) worked.
bool deliver_mail_once(reminders::MailService& service);

class MailJob {
public:
    MailJob(reminders::MailService& service, std::chrono::seconds interval);
    /// Stops the thread (waits for a run in progress).
    ~MailJob();
    MailJob(const MailJob&) = delete;
    MailJob& operator=(const MailJob&) = delete;

    /// Asks for a run as soon as possible; never blocks (a run in progress is followed by another).
    void wake();

private:
    void loop();

    reminders::MailService& service_;
    std::chrono::seconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

}  // namespace hx::cli

#include "cli/mail_job.hpp"

#include <spdlog/spdlog.h>

#include "domain/identity/email.hpp"

namespace hx::cli {

namespace {

/// The Message-ID's right side: the sender's domain (`<reminder-42@example.cn>`).
std::string domain_of(const std::string& address) { return address.substr(address.find('@') + 1); }

/// A JSON string's content: the relay's answer may hold quotes or backslashes.
std::string json_escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out;
}

}  // namespace

void add_mail_options(CLI::App& command, MailOptions& options) {
    command.add_option("--smtp", options.smtp,
                       "用于发送提醒邮件的 SMTP 中继（主机:端口，如 127.0.0.1:25；明文 SMTP，"
                       "应为本机或内网的中继）；设置后每条新提醒也发到用户的电子邮箱");
    command.add_option("--smtp-from", options.from, "提醒邮件的发件地址（与 --smtp 一起使用）");
}

Result<std::optional<mail::SmtpConfig>> smtp_config(const MailOptions& options) {
    if (options.smtp.empty()) {
        if (!options.from.empty()) return fail(Error::invalid("bad_smtp", "--smtp-from 需要与 --smtp 一起使用"));
        return std::optional<mail::SmtpConfig>();
    }
    ASSIGN_OR_RETURN(auto config, mail::parse_smtp_address(options.smtp));
    if (!identity::valid_email(options.from)) {
        return fail(Error::invalid("bad_smtp_from", "--smtp-from 应为发件邮箱地址，如 huixing@example.cn"));
    }
    config.from = options.from;
    return std::optional<mail::SmtpConfig>(std::move(config));
}

Mailer::Mailer(Store& store, const Clock& clock, mail::SmtpConfig config)
    : sender_(config), service_(store, clock, sender_, domain_of(config.from)) {}

bool deliver_mail_once(reminders::MailService& service) {
    auto report = service.deliver_due();
    if (!report) {
        spdlog::error("{{\"event\":\"mail_failed\",\"error\":\"{}\"}}", json_escaped(report.error().message()));
        return false;
    }
    for (const auto& f : report->failures) {
        // Never the address in clear: the log goes to places personal data must not.
        const auto line = fmt::format(
            "{{\"event\":\"{}\",\"outbox_id\":{},\"notification_id\":{},\"to\":\"{}\",\"attempts\":{},\"error\":\"{}\"}}",
            f.given_up ? "mail_given_up" : "mail_retry", f.outbox_id, f.notification_id, f.masked_to,
            f.attempts, json_escaped(f.error));
        if (f.given_up) {
            spdlog::error("{}", line);
        } else {
            spdlog::warn("{}", line);
        }
    }
    if (report->sent + report->failed + report->given_up + report->skipped > 0) {
        spdlog::info("{{\"event\":\"mail\",\"sent\":{},\"retry\":{},\"given_up\":{},\"skipped\":{}}}",
                     report->sent, report->failed, report->given_up, report->skipped);
    }
    return true;
}

MailJob::MailJob(reminders::MailService& service, std::chrono::seconds interval)
    : service_(service), interval_(interval), thread_([this] { loop(); }) {}

MailJob::~MailJob() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void MailJob::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void MailJob::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        woken_ = false;
        lock.unlock();
        deliver_mail_once(service_);
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    }
}

}  // namespace hx::cli

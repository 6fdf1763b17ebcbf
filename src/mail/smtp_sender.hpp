#pragma once
/// A small SMTP client (RFC 5321) for the reminder e-mails: one connection per message to a
/// relay on the loopback or the intranet — greeting, EHLO (HELO if the relay does not know
/// EHLO), MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT — with a timeout on the connect and
/// on every reply. Plain SMTP without STARTTLS or AUTH: the relay is the deployment's own
/// (a local Postfix that forwards with TLS), see docs/operations.md § 邮件提醒.
#include <chrono>
#include <string>

#include "domain/reminders/mail.hpp"

namespace hx::mail {

struct SmtpConfig {
    std::string host;
    unsigned short port = 25;
    std::string from;          // envelope sender and From: address
    std::string helo = "huixing";
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
};

/// `HOST:PORT` (a bracketed IPv6 `[::1]:25` too); kInvalidArgument naming the text otherwise.
Result<SmtpConfig> parse_smtp_address(const std::string& host_port);

class SmtpSender final : public reminders::MailSender {
public:
    explicit SmtpSender(SmtpConfig config) : config_(std::move(config)) {}
    /// Sends one message; an error names the step and the relay's reply (or the socket error).
    Status send(const reminders::MailMessage& message) override;

private:
    SmtpConfig config_;
};

}  // namespace hx::mail

#include "domain/reminders/mail.hpp"

#include <algorithm>

#include "domain/identity/email.hpp"

namespace hx::reminders {

namespace {

/// The relay's answer with every occurrence of the address masked, so that neither the log nor
/// the outbox's last_error keeps it in clear.
std::string without_address(std::string text, const std::string& address) {
    if (address.empty()) return text;
    const auto masked = identity::mask_email(address);
    for (auto at = text.find(address); at != std::string::npos; at = text.find(address, at + masked.size())) {
        text.replace(at, address.size(), masked);
    }
    return text;
}

}  // namespace

Timestamp next_attempt_after(Timestamp failed_at, int attempts, const MailPolicy& policy) {
    auto wait = policy.first_retry;
    for (int i = 1; i < attempts && wait < policy.max_retry; ++i) wait *= 2;
    return failed_at + std::min(wait, policy.max_retry);
}

MailMessage compose_mail(const OutboxItem& item, const std::string& message_id_domain) {
    const auto& n = item.notification;
    MailMessage mail;
    mail.to = item.to;
    mail.subject = "【慧星】" + n.title;
    mail.body = (item.name.empty() ? std::string("您好") : item.name + "，您好") + "：\n\n" + n.body + "\n\n";
    if (!n.link.empty()) mail.body += "请登录慧星系统办理（控制台路径：" + n.link + "）。\n";
    else mail.body += "请登录慧星系统办理。\n";
    mail.body +=
        "\n本邮件由北京市星级智慧社区认定系统（慧星）在截止前 " + std::to_string(n.days_before) +
        " 天自动发送，系统内“提醒”页有同样的内容。请勿直接回复。\n";
    mail.message_id = "<reminder-" + std::to_string(n.id) + "@" + message_id_domain + ">";
    mail.date = n.created_at;
    return mail;
}

Result<OutboxCounts> MailService::counts() {
    OutboxCounts out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.mail_outbox().counts());
        return ok();
    }));
    return out;
}

Result<DeliveryReport> MailService::deliver_due() {
    DeliveryReport report;
    const auto started = clock_.now();
    std::vector<OutboxItem> due;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(due, repos.mail_outbox().due(started, policy_.batch));
        return ok();
    }));
    for (auto& item : due) {
        // Taken before the send and committed, so a second instance leaves it alone; a crash
        // during the send leaves the row due again once the lease runs out.
        const auto attempt_at = clock_.now();
        bool taken = false;
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
            ASSIGN_OR_RETURN(taken, repos.mail_outbox().claim(item.id, item.next_attempt_at,
                                                              attempt_at + policy_.lease));
            return ok();
        }));
        if (!taken) continue;
        if (item.to.empty()) {
            // The address was cleared (or the account disabled) after the reminder was queued.
            ++report.skipped;
            RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
                return repos.mail_outbox().give_up(item.id, item.attempts, attempt_at, "没有电子邮箱");
            }));
            continue;
        }
        auto message = compose_mail(item, message_id_domain_);
        message.date = attempt_at;
        const auto sent = sender_.send(message);
        if (sent) {
            ++report.sent;
            RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
                return repos.mail_outbox().mark_sent(item.id, clock_.now());
            }));
            continue;
        }
        DeliveryFailure failure;
        failure.outbox_id = item.id;
        failure.notification_id = item.notification.id;
        failure.masked_to = identity::mask_email(item.to);
        failure.attempts = item.attempts + 1;
        failure.error = without_address(sent.error().message(), item.to);
        failure.given_up = failure.attempts >= policy_.max_attempts;
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
            if (failure.given_up) {
                return repos.mail_outbox().give_up(item.id, failure.attempts, clock_.now(), failure.error);
            }
            // From when the attempt began: a clock moved during the send (the test clock) does
            // not push the retry out.
            return repos.mail_outbox().mark_failed(item.id, failure.attempts,
                                                   next_attempt_after(attempt_at, failure.attempts, policy_),
                                                   failure.error);
        }));
        ++(failure.given_up ? report.given_up : report.failed);
        report.failures.push_back(std::move(failure));
    }
    return report;
}

}  // namespace hx::reminders

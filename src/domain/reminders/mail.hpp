#pragma once
/// E-mail reminders (issue 4 item 7, docs/operations.md § 邮件提醒): each in-app reminder made
/// while SMTP is configured is queued in the same transaction (the outbox, migration 0012) and
/// sent after the commit by MailService, off every request's path. A crash between creating a
/// reminder and sending it loses nothing; a failed send is retried with back-off and given up
/// after a number of tries. The socket lives outside the domain (src/mail) behind MailSender.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/reminders/reminder.hpp"
#include "domain/store.hpp"

namespace hx::reminders {

/// One e-mail, as plain UTF-8 text; the sender encodes it (RFC 2047 subject, base64 body).
struct MailMessage {
    std::string to;
    std::string subject;
    std::string body;
    /// Stable for one reminder (`<reminder-42@host>`): a mail that had to be sent again after a
    /// crash between the server's accepting it and our marking it sent carries the same id.
    std::string message_id;
    Timestamp date;
};

/// Delivers one message. An error means it was not accepted (the relay refused it or could
/// not be reached); the outbox tries again later.
class MailSender {
public:
    virtual ~MailSender() = default;
    virtual Status send(const MailMessage& message) = 0;
};

/// A queued reminder with its recipient as the users table has it now.
struct OutboxItem {
    std::int64_t id = 0;
    int attempts = 0;
    Timestamp next_attempt_at;
    std::string to;     // '' when the user has since cleared the address or was disabled
    std::string name;   // the user's name, for the greeting
    Notification notification;
};

struct OutboxCounts {
    std::int64_t pending = 0;
    std::int64_t sent = 0;
    std::int64_t given_up = 0;
};

class MailOutboxRepository {
public:
    virtual ~MailOutboxRepository() = default;
    /// Queues the stored reminder (user, subject, deadline, days before) when its user is active
    /// and has an address; nothing when there is none or it is queued already. Returns whether
    /// a row was added.
    virtual Result<bool> enqueue(const Notification& notification, Timestamp at) = 0;
    /// Unsent rows due at `now` (not given up), oldest first, at most `limit`.
    virtual Result<std::vector<OutboxItem>> due(Timestamp now, int limit) = 0;
    /// Takes a due row for one send: moves its next attempt to `lease_until` if it is still
    /// `seen_next_attempt` and unsent. False when another sender took it first.
    virtual Result<bool> claim(std::int64_t id, Timestamp seen_next_attempt, Timestamp lease_until) = 0;
    /// Marks the row sent and its reminder e-mailed.
    virtual Status mark_sent(std::int64_t id, Timestamp at) = 0;
    virtual Status mark_failed(std::int64_t id, int attempts, Timestamp next_attempt,
                               const std::string& error) = 0;
    virtual Status give_up(std::int64_t id, int attempts, Timestamp at, const std::string& error) = 0;
    virtual Result<OutboxCounts> counts() = 0;
};

struct MailPolicy {
    /// Tries before a reminder's e-mail is given up (logged, counted, kept in the table).
    int max_attempts = 5;
    /// Wait after the first failure; doubled after each further one, up to `max_retry`.
    std::chrono::seconds first_retry{60};
    std::chrono::seconds max_retry{std::chrono::hours(1)};
    /// How long a taken row is left alone by other senders (longer than any SMTP timeout).
    std::chrono::seconds lease{300};
    /// Rows sent per run.
    int batch = 100;
};

/// When the next try is due after `attempts` failed ones (1, 2, …).
Timestamp next_attempt_after(Timestamp failed_at, int attempts, const MailPolicy& policy);

/// The e-mail of one reminder: its title as the subject; a greeting, the reminder's text (what,
/// for which community and round, by when) and where to do it in the console.
MailMessage compose_mail(const OutboxItem& item, const std::string& message_id_domain);

/// A send that failed, for the log: the address masked, the relay's answer with the address
/// masked too (a 550 often quotes it).
struct DeliveryFailure {
    std::int64_t outbox_id = 0;
    std::int64_t notification_id = 0;
    std::string masked_to;
    int attempts = 0;
    bool given_up = false;
    std::string error;
};

struct DeliveryReport {
    std::vector<DeliveryFailure> failures;
    std::int64_t sent = 0;
    std::int64_t failed = 0;     // will be tried again
    std::int64_t given_up = 0;
    std::int64_t skipped = 0;    // the user no longer has an address
};

class MailService {
public:
    MailService(Store& store, const Clock& clock, MailSender& sender, std::string message_id_domain,
                MailPolicy policy = {})
        : store_(store), clock_(clock), sender_(sender),
          message_id_domain_(std::move(message_id_domain)), policy_(policy) {}

    /// Sends every due row: takes it (one short transaction), sends it outside any transaction,
    /// then records the outcome (another). Never called on a request thread.
    Result<DeliveryReport> deliver_due();
    Result<OutboxCounts> counts();

private:
    Store& store_;
    const Clock& clock_;
    MailSender& sender_;
    std::string message_id_domain_;
    MailPolicy policy_;
};

}  // namespace hx::reminders

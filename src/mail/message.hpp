#pragma once
/// An e-mail as the SMTP DATA command carries it (RFC 5322 + MIME): UTF-8 subject as RFC 2047
/// encoded-words, the body as text/plain; charset=UTF-8 in base64, Date and Message-ID.
#include <string>
#include <string_view>

#include "domain/reminders/mail.hpp"

namespace hx::mail {

/// Standard base64 (RFC 4648, with padding) of `bytes`.
std::string base64(std::string_view bytes);

/// A header value: as is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words of at
/// most 75 characters, each holding whole UTF-8 characters, folded onto continuation lines.
std::string encode_header_text(std::string_view utf8);

/// RFC 5322 date-time in Beijing time: `Mon, 30 Nov 2026 08:00:00 +0800`.
std::string rfc5322_date(Timestamp at);

/// Header and body, CRLF line ends, ready for DATA (before dot-stuffing).
std::string render_message(const reminders::MailMessage& message, const std::string& from);

/// The DATA payload: every line that starts with '.' gets another '.' (RFC 5321 4.5.2), bare LF
/// becomes CRLF, and the terminating `CRLF.CRLF` is appended.
std::string dot_stuff(std::string_view message);

}  // namespace hx::mail

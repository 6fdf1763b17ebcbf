#pragma once
/// A user's e-mail address (for deadline reminders, docs/operations.md § 邮件提醒). It is
/// personal data (《个人信息保护法》): shown in full only to the account administrator and to the
/// user, masked for everyone else (docs/security.md).
#include <string>
#include <string_view>

namespace hx::identity {

/// Whether `address` is a plain mailbox `local@domain` as SMTP's MAIL FROM / RCPT TO accept it
/// without quoting: at most 254 bytes, an unquoted local part of at most 64 bytes (letters,
/// digits and !#$%&'*+/=?^_`{|}~.- with no leading, trailing or double dot), and a domain of at
/// least two dot-separated labels of letters, digits and inner hyphens. Nothing else — no
/// spaces, no line breaks (they would inject headers), no display names, no IP literals.
bool valid_email(std::string_view address);

/// `zhang.san@example.cn` → `z***@example.cn`; '' stays ''.
std::string mask_email(std::string_view address);

}  // namespace hx::identity

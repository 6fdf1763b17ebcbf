#include "mail/message.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace hx::mail {

namespace {

constexpr std::size_t kBodyLine = 76;      // RFC 2045 6.8: at most 76 characters per line
constexpr std::size_t kWordBytes = 45;     // 45 bytes → 60 base64 chars + 12 = 72 ≤ 75 (RFC 2047 2)

bool printable_ascii(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7e) return false;
    }
    return true;
}

/// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xf0) return 4;
    if (lead >= 0xe0) return 3;
    if (lead >= 0xc0) return 2;
    return 1;
}

}  // namespace

std::string base64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();  // the terminating NUL sodium counts in the length
    return out;
}

std::string encode_header_text(std::string_view utf8) {
    if (printable_ascii(utf8)) return std::string(utf8);
    std::string out;
    while (!utf8.empty()) {
        std::size_t take = 0;
        while (take < utf8.size()) {
            const auto next = sequence_length(static_cast<unsigned char>(utf8[take]));
            if (take + next > kWordBytes) break;
            take += next;
        }
        if (take == 0) take = std::min(utf8.size(), kWordBytes);  // malformed input: still bounded
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(utf8.substr(0, take)) + "?=";
        utf8.remove_prefix(std::min(take, utf8.size()));
    }
    return out;
}

std::string rfc5322_date(Timestamp at) {
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto beijing = std::chrono::system_clock::to_time_t(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(at + std::chrono::hours(8)));
    std::tm tm{};
    gmtime_r(&beijing, &tm);
    std::array<char, 40> text{};
    std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d +0800",
                  kDays.at(static_cast<std::size_t>(tm.tm_wday)), tm.tm_mday,
                  kMonths.at(static_cast<std::size_t>(tm.tm_mon)), tm.tm_year + 1900, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    return text.data();
}

std::string render_message(const reminders::MailMessage& message, const std::string& from) {
    std::string out;
    out += "Date: " + rfc5322_date(message.date) + "\r\n";
    out += "From: " + encode_header_text("慧星") + " <" + from + ">\r\n";
    out += "To: <" + message.to + ">\r\n";
    out += "Subject: " + encode_header_text(message.subject) + "\r\n";
    out += "Message-ID: " + message.message_id + "\r\n";
    out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no auto-replies, please
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "\r\n";
    const auto body = base64(message.body);
    for (std::size_t at = 0; at < body.size(); at += kBodyLine) {
        out += body.substr(at, kBodyLine) + "\r\n";
    }
    return out;
}

std::string dot_stuff(std::string_view message) {
    std::string out;
    out.reserve(message.size() + 8);
    bool line_start = true;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (line_start && c == '.') out += '.';
        if (c == '\n' && (i == 0 || message[i - 1] != '\r')) out += '\r';
        out += c;
        line_start = c == '\n';
    }
    if (!line_start) out += "\r\n";
    out += ".\r\n";
    return out;
}

}  // namespace hx::mail

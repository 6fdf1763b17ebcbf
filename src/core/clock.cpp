#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace hx {

namespace {
constexpr std::int64_t kBeijingOffsetMs = 8LL * 3600 * 1000;

Timestamp system_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

bool is_digits(const std::string& s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) return false;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

int number_at(const std::string& s, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) value = value * 10 + (s[i] - '0');
    return value;
}
}  // namespace

Timestamp SystemClock::now() const { return system_now(); }

Timestamp SettableClock::now() const {
    return system_now() + std::chrono::milliseconds(offset_ms_.load());
}

void SettableClock::set(Timestamp now) {
    offset_ms_.store((now - system_now()).count());
}

std::int64_t to_unix_ms(Timestamp t) { return t.time_since_epoch().count(); }

Timestamp from_unix_ms(std::int64_t ms) { return Timestamp(std::chrono::milliseconds(ms)); }

std::string format_rfc3339(Timestamp t) {
    const std::int64_t local_ms = to_unix_ms(t) + kBeijingOffsetMs;
    const auto local = std::chrono::sys_time<std::chrono::milliseconds>(
        std::chrono::milliseconds(local_ms));
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd{day};
    const auto since_midnight = local - day;
    const auto total_ms = since_midnight.count();
    const auto hours = total_ms / 3'600'000;
    const auto minutes = (total_ms / 60'000) % 60;
    const auto seconds = (total_ms / 1000) % 60;
    const auto millis = total_ms % 1000;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lld+08:00",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(hours),
                  static_cast<long long>(minutes), static_cast<long long>(seconds),
                  static_cast<long long>(millis));
    return buffer;
}

bool parse_rfc3339(const std::string& s, Timestamp& out) {
    // YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)
    if (s.size() < 20 || !is_digits(s, 0, 4) || s[4] != '-' || !is_digits(s, 5, 2) ||
        s[7] != '-' || !is_digits(s, 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !is_digits(s, 11, 2) || s[13] != ':' || !is_digits(s, 14, 2) || s[16] != ':' ||
        !is_digits(s, 17, 2)) {
        return false;
    }
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3) millis = millis * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return false;
        for (int i = digits; i < 3; ++i) millis *= 10;
    }
    std::int64_t offset_minutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos] == '+' ? 1 : -1;
        if (!is_digits(s, pos + 1, 2) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !is_digits(s, pos + 4, 2)) {
            return false;
        }
        offset_minutes = sign * (number_at(s, pos + 1, 2) * 60 + number_at(s, pos + 4, 2));
        pos += 6;
    } else {
        return false;
    }
    if (pos != s.size()) return false;
    const std::chrono::year_month_day ymd{std::chrono::year{number_at(s, 0, 4)},
                                          std::chrono::month{static_cast<unsigned>(number_at(s, 5, 2))},
                                          std::chrono::day{static_cast<unsigned>(number_at(s, 8, 2))}};
    const int hour = number_at(s, 11, 2);
    const int minute = number_at(s, 14, 2);
    const int second = number_at(s, 17, 2);
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return false;
    const auto day = std::chrono::sys_days{ymd};
    out = std::chrono::time_point_cast<std::chrono::milliseconds>(day) +
          std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second) +
          std::chrono::milliseconds(millis) - std::chrono::minutes(offset_minutes);
    return true;
}

}  // namespace hx

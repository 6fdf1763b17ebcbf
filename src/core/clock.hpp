#pragma once
/// All time comes from one injectable Clock (no global now()).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace hx {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
public:
    [[nodiscard]] Timestamp now() const override;
};

/// A clock that tests can set. Used by `serve --test-clock` and unit tests; the offset
/// is kept relative to the system clock so that time still moves between requests.
class SettableClock final : public Clock {
public:
    [[nodiscard]] Timestamp now() const override;
    void set(Timestamp now);

private:
    std::atomic<std::int64_t> offset_ms_{0};
};

/// RFC 3339 in Beijing time (+08:00), e.g. 2026-10-31T23:59:59.999+08:00.
std::string format_rfc3339(Timestamp t);
/// Parses RFC 3339 with `Z` or a ±hh:mm offset. False on malformed text.
bool parse_rfc3339(const std::string& text, Timestamp& out);
/// Milliseconds since the Unix epoch.
std::int64_t to_unix_ms(Timestamp t);
Timestamp from_unix_ms(std::int64_t ms);

}  // namespace hx

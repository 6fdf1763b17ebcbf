#pragma once
/// A round (认定批次): one year's certification with its standard and calendar (第十条, 第十四条).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hx::rounds {

/// 第十条: yearly rounds until every community in scope holds a star, then an upgrade round
/// every two years; the first round was the pilot (第九条).
enum class RoundKind { kPilot, kAnnual, kUpgrade };
/// Who may apply: the pilot communities only (第九条), or every community.
enum class RoundScope { kPilotOnly, kAll };
enum class RoundStatus { kDraft, kOpen, kClosed };

const char* to_string(RoundKind kind);
const char* to_string(RoundScope scope);
const char* to_string(RoundStatus status);
std::optional<RoundKind> parse_round_kind(std::string_view text);
std::optional<RoundScope> parse_round_scope(std::string_view text);
const char* round_kind_label(RoundKind kind);    // 试点认定 / 年度认定 / 升级认定
const char* round_status_label(RoundStatus status);

struct Calendar {
    /// 第十四条1: applications by the end of 31 October (Beijing time), inclusive.
    Timestamp community_deadline;
    /// 第十四条2: district recommendations by the end of 15 November, inclusive.
    Timestamp district_deadline;
    /// 第十四条3: the public notice runs seven days.
    int notice_days = 7;
};

/// The default calendar of a year: 31 October 23:59:59.999 and 15 November 23:59:59.999,
/// Beijing time (UTC+8), and seven days of notice.
Calendar default_calendar(int year);

struct Round {
    std::int64_t id = 0;
    int year = 0;
    RoundKind kind = RoundKind::kAnnual;
    std::string standard_id;
    int standard_revision = 0;
    RoundScope scope = RoundScope::kAll;
    Calendar calendar;
    RoundStatus status = RoundStatus::kDraft;
    std::string name;  // e.g. 2026年度北京市星级智慧社区认定
    Timestamp created_at;
    std::optional<Timestamp> opened_at;

    /// The highest star this round may award: a pilot round tops out at ★★★ (第十三条1).
    [[nodiscard]] int max_star(int standard_max_star) const;
};

/// A deadline holds up to and including its last millisecond.
bool before_deadline(Timestamp now, Timestamp deadline);

class RoundRepository {
public:
    virtual ~RoundRepository() = default;
    virtual Result<std::int64_t> insert(const Round& round) = 0;
    virtual Result<std::optional<Round>> find(std::int64_t id) = 0;
    virtual Result<std::vector<Round>> list() = 0;  // newest year first
    /// kAlreadyExists when another round has the same year and kind.
    virtual Status update(const Round& round) = 0;
};

}  // namespace hx::rounds

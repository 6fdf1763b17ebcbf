#include "domain/rounds/round.hpp"

#include <algorithm>

namespace hx::rounds {

const char* to_string(RoundKind kind) {
    switch (kind) {
        case RoundKind::kPilot: return "pilot";
        case RoundKind::kAnnual: return "annual";
        case RoundKind::kUpgrade: return "upgrade";
    }
    return "annual";
}

const char* to_string(RoundScope scope) {
    switch (scope) {
        case RoundScope::kPilotOnly: return "pilot_only";
        case RoundScope::kAll: return "all";
    }
    return "all";
}

const char* to_string(RoundStatus status) {
    switch (status) {
        case RoundStatus::kDraft: return "draft";
        case RoundStatus::kOpen: return "open";
        case RoundStatus::kClosed: return "closed";
    }
    return "draft";
}

std::optional<RoundKind> parse_round_kind(std::string_view text) {
    for (auto kind : {RoundKind::kPilot, RoundKind::kAnnual, RoundKind::kUpgrade}) {
        if (text == to_string(kind)) return kind;
    }
    return std::nullopt;
}

std::optional<RoundScope> parse_round_scope(std::string_view text) {
    for (auto scope : {RoundScope::kPilotOnly, RoundScope::kAll}) {
        if (text == to_string(scope)) return scope;
    }
    return std::nullopt;
}

const char* round_kind_label(RoundKind kind) {
    switch (kind) {
        case RoundKind::kPilot: return "试点认定";
        case RoundKind::kAnnual: return "年度认定";
        case RoundKind::kUpgrade: return "升级认定";
    }
    return "";
}

const char* round_status_label(RoundStatus status) {
    switch (status) {
        case RoundStatus::kDraft: return "筹备中";
        case RoundStatus::kOpen: return "进行中";
        case RoundStatus::kClosed: return "已结束";
    }
    return "";
}

Calendar default_calendar(int year) {
    using namespace std::chrono;
    auto end_of_day = [year](unsigned month, unsigned day) {
        const sys_days date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
        // 24:00 Beijing time is 16:00 UTC; the deadline is the millisecond before it.
        return time_point_cast<milliseconds>(date) + hours(16) - milliseconds(1);
    };
    return {end_of_day(10, 31), end_of_day(11, 15), 7};
}

int Round::max_star(int standard_max_star) const {
    // 第十三条1: the pilot rules go up to ★★★.
    return kind == RoundKind::kPilot ? std::min(3, standard_max_star) : standard_max_star;
}

bool before_deadline(Timestamp now, Timestamp deadline) { return now <= deadline; }

}  // namespace hx::rounds

#include "domain/stats/stats.hpp"

#include <algorithm>
#include <cmath>

namespace hx::stats {

double ratio(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return 0;
    return std::round(static_cast<double>(part) * 10000.0 / static_cast<double>(whole)) / 10000.0;
}

bool full_coverage(const CoverageRow& row) {
    return row.communities > 0 && row.certified >= row.communities;
}

NextRound propose_next_round(const CoverageRow& city, const std::vector<PastRound>& rounds,
                             int current_year) {
    NextRound out;
    out.full_coverage = full_coverage(city);
    int last_year = 0;
    bool held_this_year_annual = false;
    for (const auto& round : rounds) {
        last_year = std::max(last_year, round.year);
        if (round.kind == rounds::RoundKind::kUpgrade) {
            out.last_upgrade_year = std::max(out.last_upgrade_year.value_or(0), round.year);
        }
        if (round.year == current_year && round.kind != rounds::RoundKind::kUpgrade)
            held_this_year_annual = true;
    }
    const auto covered = std::to_string(city.certified) + " / " + std::to_string(city.communities);
    if (!out.full_coverage) {
        // 第十条: 未实现全市所有社区全覆盖前，每年认定一次.
        out.kind = rounds::RoundKind::kAnnual;
        out.year = held_this_year_annual ? current_year + 1 : current_year;
        out.reason = "尚未全覆盖（持有有效星级的社区 " + covered +
                     "）：按第十条，全覆盖前每年认定一次，建议 " + std::to_string(out.year) +
                     " 年开展年度认定";
        return out;
    }
    // 第十条: 全覆盖后每两年进行一次升级认定 — two years after the last upgrade, or after the
    // round that completed the coverage when there was no upgrade yet.
    out.kind = rounds::RoundKind::kUpgrade;
    const int since = out.last_upgrade_year.value_or(last_year);
    out.year = std::max(current_year, since + 2);
    if (out.last_upgrade_year) {
        out.reason = "已全覆盖（" + covered +
                     "）：按第十条，全覆盖后每两年升级认定一次；上次升级认定在 " +
                     std::to_string(*out.last_upgrade_year) + " 年，建议 " +
                     std::to_string(out.year) + " 年开展升级认定";
    } else {
        out.reason = "已全覆盖（" + covered +
                     "）：按第十条，全覆盖后每两年升级认定一次；尚无升级认定，自 " +
                     std::to_string(since) + " 年的认定起算，建议 " + std::to_string(out.year) +
                     " 年开展升级认定";
    }
    return out;
}

std::vector<FunnelStage> funnel_stages(const FunnelCounts& counts) {
    std::vector<FunnelStage> out = {
        {"self_assessed", "自评", counts.self_assessed}, {"applied", "申报", counts.applied},
        {"recommended", "推荐", counts.recommended},     {"certified", "认定", counts.certified},
        {"sanctioned", "受处理", counts.sanctioned},
    };
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].share = ratio(out[i].count, counts.self_assessed);
        out[i].conversion = i == 0 ? ratio(out[i].count, counts.self_assessed)
                                   : ratio(out[i].count, out[i - 1].count);
    }
    return out;
}

FunnelCounts funnel_total(const std::vector<FunnelCounts>& rows) {
    FunnelCounts total;
    for (const auto& row : rows) {
        total.self_assessed += row.self_assessed;
        total.applied += row.applied;
        total.recommended += row.recommended;
        total.certified += row.certified;
        total.sanctioned += row.sanctioned;
    }
    return total;
}

}  // namespace hx::stats

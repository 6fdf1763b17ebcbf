#include "domain/notice/notice.hpp"

#include "core/sha256.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace hx::notice {

NoticePhase phase_of(const Notice& notice, Timestamp now) {
    if (notice.finalized_at) return NoticePhase::kFinalized;
    return now < notice.ends_at ? NoticePhase::kOpen : NoticePhase::kEnded;
}

const char* to_string(NoticePhase phase) {
    switch (phase) {
        case NoticePhase::kOpen: return "open";
        case NoticePhase::kEnded: return "ended";
        case NoticePhase::kFinalized: return "finalized";
    }
    return "open";
}

const char* phase_label(NoticePhase phase) {
    switch (phase) {
        case NoticePhase::kOpen: return "公示中";
        case NoticePhase::kEnded: return "公示期满";
        case NoticePhase::kFinalized: return "已完成认定";
    }
    return "公示中";
}

const char* to_string(Moderation moderation) {
    switch (moderation) {
        case Moderation::kPending: return "pending";
        case Moderation::kAccepted: return "accepted";
        case Moderation::kSpam: return "spam";
    }
    return "pending";
}

const char* to_string(Disposition disposition) {
    return disposition == Disposition::kUpheld ? "upheld" : "dismissed";
}

std::optional<Moderation> parse_moderation(std::string_view text) {
    for (const auto m : {Moderation::kPending, Moderation::kAccepted, Moderation::kSpam}) {
        if (text == to_string(m)) return m;
    }
    return std::nullopt;
}

std::optional<Disposition> parse_disposition(std::string_view text) {
    for (const auto d : {Disposition::kUpheld, Disposition::kDismissed}) {
        if (text == to_string(d)) return d;
    }
    return std::nullopt;
}

const char* disposition_label(Disposition disposition) {
    return disposition == Disposition::kUpheld ? "反映属实" : "反映不属实";
}

const char* to_string(PublicAction action) {
    return action == PublicAction::kPhoneCode ? "phone_code" : "comment";
}

Result<std::vector<DrawnCheck>> draw(const DrawRequest& request, std::vector<DrawCandidate> candidates,
                                     const std::vector<Inspector>& inspectors) {
    if (request.seed.size() < 16) {
        return fail(Error::invalid("invalid_request", "种子至少 16 个字符，以免被猜中",
                                   {{"seed", "至少 16 个字符"}}));
    }
    if ((request.per_district > 0) == (request.rate > 0)) {
        return fail(Error::invalid("invalid_request", "请给出每区抽查数（per_district）或抽查比例（rate）之一",
                                   {{"per_district", "与 rate 二选一"}}));
    }
    if (request.rate > 1 || request.per_district < 0 || request.per_district > 1000) {
        return fail(Error::invalid("invalid_request", "抽查比例应在 0 到 1 之间，每区抽查数应在 1 到 1000 之间",
                                   {{"rate", "0 到 1"}}));
    }
    if (request.inspectors_per_check < 1 || request.inspectors_per_check > 5) {
        return fail(Error::invalid("invalid_request", "每个社区的抽查人员应为 1 到 5 人",
                                   {{"inspectors_per_check", "1 到 5"}}));
    }
    std::map<std::string, std::vector<std::pair<std::string, DrawCandidate>>> by_district;
    for (auto& c : candidates) {
        by_district[c.district_code].emplace_back(sha256_hex(request.seed + ":" + c.community_code), c);
    }
    std::vector<DrawnCheck> out;
    for (auto& [district, list] : by_district) {
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        const auto total = static_cast<int>(list.size());
        const int wanted = request.per_district > 0
                               ? request.per_district
                               : static_cast<int>(std::ceil(request.rate * static_cast<double>(total)));
        const int taken = std::min(wanted, total);
        for (int i = 0; i < taken; ++i) {
            const auto& candidate = list[static_cast<std::size_t>(i)].second;
            std::vector<std::pair<std::string, std::string>> pool;
            for (const auto& inspector : inspectors) {
                // 回避: nobody inspects a community of their own district.
                if (!inspector.district_code.empty() && inspector.district_code == district) continue;
                pool.emplace_back(sha256_hex(request.seed + ":" + candidate.community_code + ":" +
                                             inspector.username),
                                  inspector.username);
            }
            if (pool.empty()) {
                return fail(Error::rule("no_inspectors", "没有可以抽查 " + candidate.community_code +
                                                             " 的人员：抽查人员不能来自被查社区所在的区"));
            }
            std::sort(pool.begin(), pool.end());
            DrawnCheck check{candidate.application_id, candidate.community_code, district, {}};
            const auto n = std::min(pool.size(), static_cast<std::size_t>(request.inspectors_per_check));
            for (std::size_t k = 0; k < n; ++k) check.inspectors.push_back(pool[k].second);
            out.push_back(std::move(check));
        }
    }
    return out;
}

std::optional<std::string> normalize_phone(std::string_view text) {
    std::string digits;
    for (const char c : text) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits += c;
    }
    if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits.erase(0, 2);
    if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return std::nullopt;
    return digits;
}

std::string mask_phone(std::string_view phone) {
    if (phone.size() != 11) return "***";
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
}

}  // namespace hx::notice

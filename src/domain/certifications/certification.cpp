#include "domain/certifications/certification.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace hx::certifications {

namespace {

constexpr std::array<CertificationStatus, 4> kStatuses = {
    CertificationStatus::kValid, CertificationStatus::kUnderRectification, CertificationStatus::kRevoked,
    CertificationStatus::kSuperseded};
constexpr std::array<SanctionKind, 4> kSanctionKinds = {SanctionKind::kCriticism, SanctionKind::kWarning,
                                                        SanctionKind::kRectification, SanctionKind::kRevocation};
constexpr std::array<const char*, 6> kStarWords = {"", "一", "二", "三", "四", "五"};
constexpr std::string_view kSerialPrefix = "BJZHSQ-";

bool digits(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

const char* to_string(CertificationStatus status) {
    switch (status) {
        case CertificationStatus::kValid: return "valid";
        case CertificationStatus::kUnderRectification: return "under_rectification";
        case CertificationStatus::kRevoked: return "revoked";
        case CertificationStatus::kSuperseded: return "superseded";
    }
    return "valid";
}

std::optional<CertificationStatus> parse_status(std::string_view text) {
    for (const auto status : kStatuses) {
        if (text == to_string(status)) return status;
    }
    return std::nullopt;
}

const char* status_label(CertificationStatus status) {
    switch (status) {
        case CertificationStatus::kValid: return "有效";
        case CertificationStatus::kUnderRectification: return "整改中";
        case CertificationStatus::kRevoked: return "已撤销";
        case CertificationStatus::kSuperseded: return "已被更高星级取代";
    }
    return "有效";
}

bool active(CertificationStatus status) {
    return status == CertificationStatus::kValid || status == CertificationStatus::kUnderRectification;
}

const char* to_string(SanctionKind kind) {
    switch (kind) {
        case SanctionKind::kCriticism: return "criticism";
        case SanctionKind::kWarning: return "warning";
        case SanctionKind::kRectification: return "rectification";
        case SanctionKind::kRevocation: return "revocation";
    }
    return "criticism";
}

std::optional<SanctionKind> parse_sanction_kind(std::string_view text) {
    for (const auto kind : kSanctionKinds) {
        if (text == to_string(kind)) return kind;
    }
    return std::nullopt;
}

const char* sanction_label(SanctionKind kind) {
    switch (kind) {
        case SanctionKind::kCriticism: return "通报批评";
        case SanctionKind::kWarning: return "警告";
        case SanctionKind::kRectification: return "限期整改";
        case SanctionKind::kRevocation: return "撤销称号";
    }
    return "通报批评";
}

int held_star(const std::vector<Certification>& certifications) {
    int star = 0;
    for (const auto& c : certifications) {
        if (active(c.status)) star = std::max(star, c.star);
    }
    return star;
}

const std::vector<std::string>& issuers() {
    // 第十五条: the title is conferred in the name of 市社会办, 市经济信息化委 and 市民政局.
    static const std::vector<std::string> kIssuers = {"北京市社会建设工作办公室", "北京市经济和信息化委员会",
                                                      "北京市民政局"};
    return kIssuers;
}

std::string title_of(int star) {
    const auto index = static_cast<std::size_t>(star >= 1 && star <= 5 ? star : 0);
    return std::string("北京市") + kStarWords.at(index) + "星级智慧社区";
}

std::string format_serial(int year, int star, std::int64_t sequence) {
    std::array<char, 16> number{};
    std::snprintf(number.data(), number.size(), "%06lld", static_cast<long long>(sequence));
    return std::string(kSerialPrefix) + std::to_string(year) + "-" + std::to_string(star) + "-" + number.data();
}

bool valid_serial(std::string_view serial) {
    // BJZHSQ-YYYY-S-NNNNNN
    if (serial.size() != kSerialPrefix.size() + 4 + 1 + 1 + 1 + 6) return false;
    if (serial.substr(0, kSerialPrefix.size()) != kSerialPrefix) return false;
    const auto rest = serial.substr(kSerialPrefix.size());
    return digits(rest.substr(0, 4)) && rest[4] == '-' && rest[5] >= '1' && rest[5] <= '5' && rest[6] == '-' &&
           digits(rest.substr(7));
}

std::string plaque_payload(const Certification& c) {
    std::string out = "HUIXING-PLAQUE/1\n";
    auto line = [&out](const char* key, const std::string& value) {
        out += key;
        out += '=';
        out += value;
        out += '\n';
    };
    line("serial", c.serial);
    line("title", title_of(c.star));
    line("star", std::to_string(c.star));
    line("year", std::to_string(c.year));
    line("community_code", c.community_code);
    line("community", c.full_name);
    line("issued_on", format_rfc3339(c.issued_at).substr(0, 10));
    std::string names;
    for (const auto& issuer : issuers()) names += (names.empty() ? "" : "、") + issuer;
    line("issuers", names);
    line("key_id", c.key_id);
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_payload(std::string_view payload) {
    constexpr std::string_view kHeader = "HUIXING-PLAQUE/1\n";
    if (payload.substr(0, kHeader.size()) != kHeader) {
        return fail(Error::invalid("payload_unknown", "不是慧星电子牌匾的签名数据（缺少 HUIXING-PLAQUE/1 标头）"));
    }
    std::vector<std::pair<std::string, std::string>> fields;
    auto rest = payload.substr(kHeader.size());
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        if (end == std::string_view::npos) {
            return fail(Error::invalid("payload_malformed", "签名数据的最后一行缺少换行符"));
        }
        const auto line = rest.substr(0, end);
        const auto eq = line.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            return fail(Error::invalid("payload_malformed", "签名数据中有一行不是 键=值 的形式：" + std::string(line)));
        }
        fields.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
        rest.remove_prefix(end + 1);
    }
    return fields;
}

}  // namespace hx::certifications

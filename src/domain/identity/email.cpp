#include "domain/identity/email.hpp"

#include <algorithm>
#include <cstring>

namespace hx::identity {

namespace {

constexpr std::size_t kMaxAddress = 254;  // RFC 5321 4.5.3.1.3 (path 256 minus the brackets)
constexpr std::size_t kMaxLocal = 64;     // RFC 5321 4.5.3.1.1
constexpr std::size_t kMaxLabel = 63;

bool alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool atext(char c) {
    return alnum(c) || (c != '\0' && std::strchr("!#$%&'*+/=?^_`{|}~-", c) != nullptr);
}

bool valid_local(std::string_view local) {
    if (local.empty() || local.size() > kMaxLocal) return false;
    if (local.front() == '.' || local.back() == '.') return false;
    if (local.find("..") != std::string_view::npos) return false;
    return std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || atext(c); });
}

bool valid_label(std::string_view label) {
    if (label.empty() || label.size() > kMaxLabel) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](char c) { return c == '-' || alnum(c); });
}

bool valid_domain(std::string_view domain) {
    int labels = 0;
    for (;;) {
        const auto dot = domain.find('.');
        if (!valid_label(domain.substr(0, dot))) return false;
        ++labels;
        if (dot == std::string_view::npos) break;
        domain.remove_prefix(dot + 1);
    }
    return labels >= 2;
}

}  // namespace

bool valid_email(std::string_view address) {
    if (address.size() > kMaxAddress) return false;
    const auto at = address.find('@');
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    return valid_local(address.substr(0, at)) && valid_domain(address.substr(at + 1));
}

std::string mask_email(std::string_view address) {
    if (address.empty()) return {};
    const auto at = address.find('@');
    if (at == std::string_view::npos || at == 0) return "***";
    return std::string(address.substr(0, 1)) + "***" + std::string(address.substr(at));
}

}  // namespace hx::identity

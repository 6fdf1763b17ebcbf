#include "http/request.hpp"

#include <algorithm>

#include <boost/asio/ip/address.hpp>

namespace hx::http {

std::string Request::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::cookie(std::string_view name) const {
    const auto cookies = header("cookie");
    std::size_t pos = 0;
    while (pos < cookies.size()) {
        while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
        const auto end = cookies.find(';', pos);
        const auto item = std::string_view(cookies).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        const auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) {
            return std::string(item.substr(eq + 1));
        }
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return {};
}

std::string Request::param(const std::string& name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

std::optional<std::string> Request::query_value(const std::string& name) const {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

void Response::set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
}

std::string url_decode(std::string_view text, bool plus_is_space, bool& ok) {
    std::string out;
    out.reserve(text.size());
    ok = true;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                ok = false;
                return {};
            }
            const int high = hex(text[i + 1]);
            const int low = hex(text[i + 2]);
            if (high < 0 || low < 0) {
                ok = false;
                return {};
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[u >> 4U]);
            out.push_back(kHex[u & 0x0FU]);
        }
    }
    return out;
}

bool parse_target(const std::string& target, std::string& path,
                  std::map<std::string, std::string>& query) {
    const auto question = target.find('?');
    bool ok = true;
    path = url_decode(std::string_view(target).substr(0, question), false, ok);
    if (!ok || path.empty() || path[0] != '/') return false;
    if (question == std::string::npos) return true;
    std::string_view rest = std::string_view(target).substr(question + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            auto key = url_decode(pair.substr(0, eq), true, ok);
            if (!ok) return false;
            auto value = eq == std::string_view::npos ? std::string()
                                                      : url_decode(pair.substr(eq + 1), true, ok);
            if (!ok) return false;
            query[std::move(key)] = std::move(value);
        }
        if (amp == std::string_view::npos) break;
        rest = rest.substr(amp + 1);
    }
    return true;
}

namespace {

/// The canonical text of an IP address, or nothing when `text` is not one.
std::optional<std::string> canonical_ip(const std::string& text) {
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(text, ec);
    if (ec) return std::nullopt;
    return address.to_string();
}

}  // namespace

std::string client_address(const std::string& peer, const Request& request,
                           const std::vector<std::string>& trusted_proxies) {
    if (trusted_proxies.empty()) return peer;
    const auto from = canonical_ip(peer);
    if (!from) return peer;
    const bool trusted = std::any_of(trusted_proxies.begin(), trusted_proxies.end(),
                                     [&](const std::string& proxy) { return canonical_ip(proxy) == from; });
    if (!trusted) return peer;
    auto real = canonical_ip(request.header("x-real-ip"));
    return real ? *real : peer;
}

}  // namespace hx::http

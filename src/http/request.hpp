#pragma once
/// The server's own request and response: handlers see these, never a socket or a Beast type.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hx::http {

struct Request {
    std::string method;  // GET, POST, …
    std::string target;  // as received, with the query
    std::string path;    // decoded path without the query
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;  // lower-case names
    std::map<std::string, std::string> params;   // from the route pattern, e.g. {code}
    std::string body;
    std::string client_addr;
    std::string request_id;

    [[nodiscard]] std::string header(const std::string& lower_name) const;
    [[nodiscard]] std::string cookie(std::string_view name) const;
    [[nodiscard]] std::string param(const std::string& name) const;
    [[nodiscard]] std::optional<std::string> query_value(const std::string& name) const;
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// When set, the bytes to send instead of `body`: shared with a cache entry, not copied (a
    /// 100 KB notice was copied three times per request before; docs/performance.md § S4).
    std::shared_ptr<const std::string> shared_body;

    void set_header(std::string name, std::string value);
    /// The bytes to send: the shared ones when set, else `body`.
    [[nodiscard]] const std::string& payload() const { return shared_body ? *shared_body : body; }
};

/// The client's address as the throttles and the audit log see it: the socket's peer, or —
/// when the peer is one of `trusted_proxies` (`serve --trusted-proxy`, e.g. the nginx hosts in
/// front) — the address that proxy put in `X-Real-IP`. The header of anyone else is ignored,
/// so a client cannot choose its own address; a header that is not an IP address is ignored
/// too. Addresses are compared and returned in their canonical text form.
std::string client_address(const std::string& peer, const Request& request,
                           const std::vector<std::string>& trusted_proxies);

/// Splits `/a/b?x=1&y=%E4%B8%AD` into path and decoded query parameters. False when the
/// percent-encoding is broken.
bool parse_target(const std::string& target, std::string& path,
                  std::map<std::string, std::string>& query);
std::string url_decode(std::string_view text, bool plus_is_space, bool& ok);
std::string url_encode(std::string_view text);

}  // namespace hx::http

#pragma once
/// A micro-cache for public, anonymous GETs whose answer depends only on the target and the
/// data (the standards catalogue, the public pages, the OpenAPI description). An entry lives
/// one second: a burst of portal readers costs one database read a second, and any write this
/// process acknowledges clears every entry at once. Another instance's write shows here within
/// the second, which public pages tolerate; nothing personal or scoped is ever cached.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace hx::http {

class ResponseCache {
public:
    explicit ResponseCache(std::chrono::milliseconds ttl = std::chrono::seconds(1)) : ttl_(ttl) {}

    struct Hit {
        Response response;
        std::string route;
    };

    /// A fresh entry for a GET of this target, or nothing.
    std::optional<Hit> lookup(const Request& request) const;
    void store(const Request& request, const Response& response, const std::string& route);
    /// After any acknowledged write: nothing older than the write may be served.
    void clear();

private:
    using SteadyClock = std::chrono::steady_clock;
    struct Entry {
        Response response;
        std::string route;
        SteadyClock::time_point expires;
    };
    std::chrono::milliseconds ttl_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hx::http

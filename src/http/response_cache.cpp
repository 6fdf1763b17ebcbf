#include "http/response_cache.hpp"

namespace hx::http {

namespace {
constexpr std::size_t kMaxEntries = 1024;  // bounded: query strings are the caller's to vary
}

std::optional<ResponseCache::Hit> ResponseCache::lookup(const Request& request) const {
    if (request.method != "GET" || !request.header("if-none-match").empty()) return std::nullopt;
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(request.target);
    if (it == entries_.end() || it->second.expires <= SteadyClock::now()) return std::nullopt;
    return Hit{it->second.response, it->second.route};
}

void ResponseCache::store(const Request& request, const Response& response, const std::string& route) {
    if (request.method != "GET" || response.status != 200) return;
    const std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[request.target] = Entry{response, route, SteadyClock::now() + ttl_};
}

void ResponseCache::clear() {
    const std::lock_guard lock(mutex_);
    entries_.clear();
}

}  // namespace hx::http

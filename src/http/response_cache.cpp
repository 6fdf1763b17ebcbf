#include "http/response_cache.hpp"

#include <sodium.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <shared_mutex>

namespace hx::http {

namespace {
// Bounded: query strings are the caller's to vary, and entries stay until a write.
constexpr std::size_t kMaxEntries = 1024;
constexpr std::size_t kMaxBytes = 32U << 20U;

std::size_t size_of(const PreparedResponse& prepared) {
    return prepared.response.body.size() + prepared.gzip_body.size();
}
/// Below this size gzip saves less than the headers it adds cost the client to decode.
constexpr std::size_t kMinGzipSize = 1024;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// Calls `each(item)` for every comma-separated, trimmed, non-empty item of a header list.
template <typename F>
void for_each_item(std::string_view list, F each) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = trim(list.substr(0, comma));
        if (!item.empty() && each(item)) return;
        if (comma == std::string_view::npos) return;
        list.remove_prefix(comma + 1);
    }
}

bool compressible(const std::string& content_type) {
    return content_type.rfind("text/", 0) == 0 ||
           content_type.find("json") != std::string::npos ||
           content_type.find("xml") != std::string::npos ||
           content_type.find("javascript") != std::string::npos;
}

std::string variant_etag(const std::string& etag, std::string_view suffix) {
    return etag.substr(0, etag.size() - 1) + std::string(suffix) + "\"";
}
}  // namespace

std::string etag_of(std::string_view body) {
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                       body.size(), nullptr, 0);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return "\"" + std::string(hex) + "\"";
}

bool if_none_match_matches(std::string_view header, std::string_view etag) {
    if (etag.empty()) return false;
    const auto opaque = etag.substr(etag.rfind("W/", 0) == 0 ? 2 : 0);
    bool matched = false;
    for_each_item(header, [&](std::string_view tag) {
        if (tag == "*") return matched = true;
        if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
        return matched = (tag == opaque);
    });
    return matched;
}

bool accepts_gzip(std::string_view header) {
    bool accepted = false;
    for_each_item(header, [&](std::string_view item) {
        const auto semicolon = item.find(';');
        const auto coding = trim(item.substr(0, semicolon));
        if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip") && coding != "*") return false;
        bool zero = false;
        if (semicolon != std::string_view::npos) {
            auto params = trim(item.substr(semicolon + 1));
            if (params.size() >= 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=') {
                const auto value = trim(params.substr(2));
                zero = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
                    return c == '0' || c == '.';
                });
            }
        }
        accepted = !zero;
        return true;
    });
    return accepted;
}

std::optional<std::string> gzip_compress(std::string_view data) {
    z_stream stream{};
    // 15 + 16: a 32 KiB window with the gzip header and trailer; level 6, zlib's default.
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return std::nullopt;
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    const auto written = stream.total_out;
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(written);
    return out;
}

std::shared_ptr<const PreparedResponse> prepare_public(Response response, std::string route) {
    auto prepared = std::make_shared<PreparedResponse>();
    prepared->etag = etag_of(response.body);
    prepared->route = std::move(route);
    if (response.body.size() >= kMinGzipSize && compressible(response.content_type)) {
        if (auto gz = gzip_compress(response.body);
            gz && gz->size() * 10 <= response.body.size() * 9) {
            prepared->gzip_body = std::move(*gz);
            prepared->gzip_etag = variant_etag(prepared->etag, "-gzip");
            response.set_header("Vary", "Accept-Encoding");
        }
    }
    response.set_header("ETag", prepared->etag);
    prepared->response = std::move(response);
    return prepared;
}

Response negotiate(const Request& request, const std::shared_ptr<const PreparedResponse>& shared) {
    const auto& prepared = *shared;
    const bool gzip = !prepared.gzip_body.empty() && accepts_gzip(request.header("accept-encoding"));
    const auto& etag = gzip ? prepared.gzip_etag : prepared.etag;
    Response out;
    out.status = prepared.response.status;
    out.content_type = prepared.response.content_type;
    out.headers = prepared.response.headers;
    if (gzip) {
        for (auto& [name, value] : out.headers) {
            if (name == "ETag") value = etag;
        }
        out.set_header("Content-Encoding", "gzip");
    }
    const auto condition = request.header("if-none-match");
    if (!condition.empty() && if_none_match_matches(condition, etag)) {
        out.status = 304;
        out.content_type.clear();
        out.headers.erase(std::remove_if(out.headers.begin(), out.headers.end(),
                                         [](const auto& h) { return h.first == "Content-Encoding"; }),
                          out.headers.end());
        return out;
    }
    out.shared_body = std::shared_ptr<const std::string>(
        shared, gzip ? &prepared.gzip_body : &prepared.response.body);
    return out;
}

std::string scoped_key(std::string_view role, std::string_view org_code, std::string_view target) {
    std::string key;
    key.reserve(role.size() + org_code.size() + target.size() + 3);
    key += '\x01';  // a target starts with '/'
    key += role;
    key += '|';
    key += org_code;
    key += '|';
    key += target;
    return key;
}

std::optional<ResponseCache::Hit> ResponseCache::lookup(const Request& request) {
    return lookup(request, request.target);
}

std::optional<ResponseCache::Hit> ResponseCache::lookup(const Request& request, const std::string& key) {
    if (request.method != "GET") return std::nullopt;
    std::shared_ptr<const PreparedResponse> prepared;
    {
        const std::shared_lock lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        if (it->second.expires > SteadyClock::now()) prepared = it->second.prepared;
    }
    if (!prepared) {
        // Older than the TTL: the first reader since (or since the last renderer gave up a TTL
        // ago) renders it anew; the others get this copy until the new one is stored.
        const std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        auto& entry = it->second;
        const auto now = SteadyClock::now();
        if (entry.expires <= now && (entry.refresh_started == SteadyClock::time_point{} ||
                                     now >= entry.refresh_started + ttl_)) {
            entry.refresh_started = now;
            return std::nullopt;
        }
        prepared = entry.prepared;
    }
    return Hit{negotiate(request, prepared), prepared->route};
}

void ResponseCache::store(const Request& request, std::shared_ptr<const PreparedResponse> prepared,
                          std::uint64_t generation) {
    store(request, request.target, std::move(prepared), generation);
}

void ResponseCache::store(const Request& request, const std::string& key,
                          std::shared_ptr<const PreparedResponse> prepared, std::uint64_t generation) {
    if (request.method != "GET" || !prepared || prepared->response.status != 200) return;
    const auto expires = SteadyClock::now() + ttl_;
    const std::lock_guard lock(mutex_);
    if (generation != generation_.load()) return;  // read before a write that has since cleared
    const auto size = size_of(*prepared);
    auto& entry = entries_[key];
    if (entry.prepared) bytes_ -= size_of(*entry.prepared);
    if (entries_.size() > kMaxEntries || bytes_ + size > kMaxBytes) {
        entries_.clear();  // each page then costs one render again
        bytes_ = 0;
        entries_[key] = Entry{std::move(prepared), expires};
    } else {
        entry = Entry{std::move(prepared), expires};
    }
    bytes_ += size;
}

void ResponseCache::store(const Request& request, const Response& response, const std::string& route) {
    if (request.method != "GET" || response.status != 200) return;
    store(request, prepare_public(response, route), generation());
}

void ResponseCache::discard(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return;
    bytes_ -= size_of(*it->second.prepared);
    entries_.erase(it);
}

void ResponseCache::clear() {
    const std::lock_guard lock(mutex_);
    entries_.clear();
    bytes_ = 0;
    generation_.fetch_add(1);
}

}  // namespace hx::http

#pragma once
/// A micro-cache for public, anonymous GETs whose answer depends only on the target and the
/// data (the standards catalogue, the public pages, the OpenAPI description). An entry lives
/// one second: a burst of portal readers costs one database read a second, and any write this
/// process acknowledges clears every entry at once. Another instance's write shows here within
/// the second, which public pages tolerate; nothing personal or scoped is ever cached.
///
/// Each public answer is prepared once when it is stored: a strong ETag of its bytes, and a
/// gzip copy when the type compresses and the copy is at least a tenth smaller. Every reader
/// then gets the variant its request asks for, without further work: 304 Not Modified when its
/// If-None-Match names the ETag of that variant, the gzip bytes when it accepts gzip, else the
/// plain bytes. Both variants carry `Vary: Accept-Encoding` when a gzip copy exists.
///
/// When an entry expires, the first reader renders it anew while the others keep getting the
/// expired copy for at most one more TTL (stale-while-revalidate): without that, every
/// connection waiting at that moment missed together and rendered the same page, which made a
/// 100 KB notice cost 300 µs of CPU per request instead of 25 (docs/performance.md).
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/request.hpp"

namespace hx::http {

/// A strong ETag of these bytes: `"` + 32 hex digits of BLAKE2b-128 + `"`.
std::string etag_of(std::string_view body);
/// Whether an If-None-Match value (`*`, or a list of entity tags, weak or strong) names `etag`
/// (weak comparison, as RFC 9110 §13.1.2 asks for If-None-Match).
bool if_none_match_matches(std::string_view header, std::string_view etag);
/// Whether an Accept-Encoding value accepts gzip (`gzip`, `x-gzip` or `*`, not with q=0).
bool accepts_gzip(std::string_view header);
/// gzip (RFC 1952) of `data`, or nothing when zlib fails.
std::optional<std::string> gzip_compress(std::string_view data);

/// A public answer with its ETag and, when it pays, its gzip copy.
struct PreparedResponse {
    Response response;  // the plain variant, with ETag (and Vary) set
    std::string etag;
    std::string gzip_body;  // empty: not worth compressing
    std::string gzip_etag;
    std::string route;
};

/// Prepares a 200 answer of a public GET: ETag, gzip copy, Vary.
std::shared_ptr<const PreparedResponse> prepare_public(Response response, std::string route);
/// The variant this request gets: 304, gzip or plain. Its body is shared with `prepared`.
Response negotiate(const Request& request, const std::shared_ptr<const PreparedResponse>& prepared);

/// The cache key of a scoped answer (Caching::kScopedShort): the caller's role and node and the
/// target, which is all such an answer depends on besides the data. Never equal to a target.
std::string scoped_key(std::string_view role, std::string_view org_code, std::string_view target);

class ResponseCache {
public:
    explicit ResponseCache(std::chrono::milliseconds ttl = std::chrono::seconds(1)) : ttl_(ttl) {}

    struct Hit {
        Response response;
        std::string route;
    };

    /// A fresh entry for a GET of this target, negotiated for this request, or nothing. An
    /// expired entry is given to other readers (for at most one more TTL) while the first
    /// reader after its expiry renders it anew.
    std::optional<Hit> lookup(const Request& request);
    /// The same under another key than the target (scoped_key()).
    std::optional<Hit> lookup(const Request& request, const std::string& key);
    /// Keeps a prepared 200 answer of a GET for the TTL.
    void store(const Request& request, std::shared_ptr<const PreparedResponse> prepared);
    /// The same under another key than the target (scoped_key()).
    void store(const Request& request, const std::string& key,
               std::shared_ptr<const PreparedResponse> prepared);
    /// Prepares and keeps the answer; for callers that have no prepared one.
    void store(const Request& request, const Response& response, const std::string& route);
    /// After any acknowledged write: nothing older than the write may be served.
    void clear();

private:
    using SteadyClock = std::chrono::steady_clock;
    struct Entry {
        std::shared_ptr<const PreparedResponse> prepared;
        SteadyClock::time_point expires;
        SteadyClock::time_point refresh_started{};  // a reader is rendering it anew since
    };
    std::chrono::milliseconds ttl_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hx::http

#pragma once
/// A micro-cache for public, anonymous GETs whose answer depends only on the target and the
/// data (the standards catalogue, the public pages, the OpenAPI description), and for scoped
/// reads under their role and node (scoped_key()). Any write this process acknowledges clears
/// every entry at once; an entry is otherwise kept until a write clears it, and refreshed in
/// the background of the readers once it is older than the TTL (one second), so that another
/// instance's write shows here within the TTL plus one render. Nothing personal is cached.
///
/// Each public answer is prepared once when it is stored: a strong ETag of its bytes, and a
/// gzip copy when the type compresses and the copy is at least a tenth smaller. Every reader
/// then gets the variant its request asks for, without further work: 304 Not Modified when its
/// If-None-Match names the ETag of that variant, the gzip bytes when it accepts gzip, else the
/// plain bytes. Both variants carry `Vary: Accept-Encoding` when a gzip copy exists.
///
/// When an entry is older than the TTL, the first reader renders it anew while the others keep
/// getting the older copy until that reader stores the new one (stale-while-revalidate, with no
/// limit but the writes): without that, every connection waiting at that moment missed
/// together and rendered the same page, which made a 100 KB notice cost 300 µs of CPU per
/// request instead of 25; and with a limit of one more TTL, a render slower than the TTL (a
/// 181 KB notice page under load) let everyone render again (docs/performance.md § S4a.4).
/// A renderer that has not stored within a TTL (it is slow, or it failed) is replaced by the
/// next reader; a renderer whose answer is no longer a 200 drops the entry (discard()).
///
/// A write that commits while a reader renders must not be undone by that reader's store: the
/// reader takes generation() before it reads the data, and store() refuses an answer read
/// under a generation that a clear() has since ended.
#include <chrono>
#include <memory>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
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

    /// The entry for a GET of this target, negotiated for this request, or nothing (the caller
    /// renders it). An entry older than the TTL sends its first reader to render it anew and is
    /// given to the others meanwhile.
    std::optional<Hit> lookup(const Request& request);
    /// The same under another key than the target (scoped_key()).
    std::optional<Hit> lookup(const Request& request, const std::string& key);
    /// Counts the clear()s: a renderer reads it before it reads the data and hands it to store().
    [[nodiscard]] std::uint64_t generation() const { return generation_.load(); }
    /// Keeps a prepared 200 answer of a GET, unless a clear() came after `generation`.
    void store(const Request& request, std::shared_ptr<const PreparedResponse> prepared,
               std::uint64_t generation);
    /// The same under another key than the target (scoped_key()).
    void store(const Request& request, const std::string& key,
               std::shared_ptr<const PreparedResponse> prepared, std::uint64_t generation);
    /// Prepares and keeps the answer; for callers that have no prepared one (and read no data
    /// that a write could change meanwhile).
    void store(const Request& request, const Response& response, const std::string& route);
    /// A renderer's answer was not a 200 (withdrawn, moved out of scope, failed): the entry of
    /// `key` goes, so that the older copy is no longer given out.
    void discard(const std::string& key);
    /// After any acknowledged write: nothing older than the write may be served.
    void clear();

private:
    using SteadyClock = std::chrono::steady_clock;
    struct Entry {
        std::shared_ptr<const PreparedResponse> prepared;
        SteadyClock::time_point expires;  // older than the TTL from then on
        SteadyClock::time_point refresh_started{};  // a reader is rendering it anew since
    };
    std::chrono::milliseconds ttl_;
    /// Readers of a fresh entry share it; an expired entry, a store and a clear take it alone.
    std::shared_mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::size_t bytes_ = 0;  // of the entries' bodies, plain and gzip; bounded with their number
    std::atomic<std::uint64_t> generation_{0};  // changed under mutex_ (exclusive)
};

}  // namespace hx::http

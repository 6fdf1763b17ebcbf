#pragma once
/// Middleware around the route table: auth, CSRF, security headers, error mapping.
#include <optional>
#include <string>

#include "http/context.hpp"

namespace hx::http {

struct Dispatched {
    Response response;
    std::string route;  // the pattern, for metrics and logs ("unmatched" when none)
    std::string username;
};

/// Runs one request to completion. Blocking (database work): call it off the I/O threads.
Dispatched dispatch(Request& request, Services& services);

/// The answer when it is in memory and takes no blocking work to give, for the I/O thread: a
/// micro-cached public page, or a cached scoped read (Caching::kScopedShort) of a caller whose
/// session the identity service holds in memory (IdentityService::authenticate_cached). Nothing
/// otherwise (then dispatch() on a worker). Never under --test-clock, whose clock is read from
/// the database first.
std::optional<Dispatched> dispatch_cached(Request& request, Services& services);

/// CSP, nosniff, framing (denied unless the handler's own policy opens it, as the embeddable
/// widgets do), Referrer-Policy. Every response gets them, also those the server answers before
/// any route (413, malformed requests); HSTS is the server's (ServerOptions::behind_tls).
void add_security_headers(Response& response, const std::string& path);

/// Whether the request can be answered on the I/O thread (no database or other blocking work).
bool is_inline(const Request& request);

}  // namespace hx::http

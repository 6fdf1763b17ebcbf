#include "http/dispatcher.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "domain/idempotency/idempotency_repository.hpp"
#include "http/problem.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/test_clock.hpp"

namespace hx::http {

namespace {

bool is_safe_method(const std::string& method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool equal_secrets(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() &&
           sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

const std::string* find_header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return &value;
    }
    return nullptr;
}

std::string bearer_token(const Request& request) {
    const auto authorization = request.header("authorization");
    constexpr std::string_view kPrefix = "Bearer ";
    if (authorization.size() > kPrefix.size() &&
        authorization.compare(0, kPrefix.size(), kPrefix) == 0) {
        return authorization.substr(kPrefix.size());
    }
    return {};
}

/// The caller's session token: a bearer token, else the console's cookie.
std::string session_token(const Request& request) {
    auto bearer = bearer_token(request);
    return bearer.empty() ? request.cookie("hx_session") : bearer;
}

Response run_handler(const Route& route, Request& request, Context& context,
                     const std::string& route_name) {
    try {
        return route.handler(request, context);
    } catch (const std::exception& e) {
        spdlog::error("{{\"event\":\"handler_exception\",\"request_id\":\"{}\",\"route\":\"{}\",\"what\":\"{}\"}}",
                      request.request_id, route_name, e.what());
        return problem(Error::internal(e.what()), request.request_id);
    }
}

constexpr std::size_t kMaxIdempotencyKey = 255;

bool valid_idempotency_key(const std::string& key) {
    if (key.empty() || key.size() > kMaxIdempotencyKey) return false;
    return std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

/// SHA-256 (hex) of what makes two requests the same: method, target (path and query) and body.
std::string request_hash(const Request& request) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    for (const std::string* part : {&request.method, &request.target, &request.body}) {
        const auto size = std::to_string(part->size()) + ":";
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(size.data()),
                                  size.size());
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part->data()),
                                  part->size());
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

/// A write with an `Idempotency-Key` (docs/reliability.md). The handler runs inside one
/// enclosing write transaction, whose use cases join it; its answer (unless a 5xx, which a retry
/// should run again) is stored under the caller's key in that same transaction, so the answer
/// is on disk exactly when the write is. A retry finds it and gets it back unchanged; the same
/// key with another request gets 422 `idempotency_key_reused`. Writers are serialised by the
/// enclosing transaction, so two concurrent requests with one key cannot both run.
Response run_idempotent(const Route& route, Request& request, Context& context,
                        const std::string& route_name, const std::string& key) {
    if (!valid_idempotency_key(key)) {
        return problem(400, "invalid_idempotency_key",
                       "Idempotency-Key 应为 1 到 255 个可见 ASCII 字符", request.request_id);
    }
    const auto user_id = context.actor().user_id;
    const auto hash = request_hash(request);
    Response response;
    auto& services = context.services;
    const auto done = services.store.write_enclosing([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto stored, repos.idempotency().find(user_id, key));
        if (stored) {
            if (stored->request_hash != hash) {
                response = problem(422, "idempotency_key_reused",
                                   "该 Idempotency-Key 已用于另一个请求，请为新的请求使用新的键",
                                   request.request_id);
                return ok();
            }
            response.status = static_cast<unsigned>(stored->status);
            response.content_type = std::move(stored->content_type);
            response.body = std::move(stored->body);
            response.set_header("Idempotent-Replayed", "true");
            return ok();
        }
        response = run_handler(route, request, context, route_name);
        if (response.status >= 500) return ok();
        idempotency::Record record;
        record.user_id = user_id;
        record.key = key;
        record.method = request.method;
        record.path = request.path;
        record.request_hash = hash;
        record.status = static_cast<int>(response.status);
        record.content_type = response.content_type;
        record.body = response.body;
        record.created_at = services.clock.now();
        RETURN_IF_ERROR(repos.idempotency().forget_before(record.created_at - idempotency::kRetention));
        return repos.idempotency().insert(record);
    });
    // Nothing of the request committed: whatever the handler answered was never acknowledged.
    if (!done) return problem(done.error(), request.request_id);
    return response;
}

}  // namespace

void add_security_headers(Response& response, const std::string& path) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "same-origin");
    // A 304 updates the headers of the copy the browser keeps (RFC 9111, 4.3.4): a policy on it
    // would replace the page's own, and a console page reloaded from its cache under
    // `default-src 'none'` runs no script at all. It carries none; the kept copy's stays.
    if (response.status == 304) return;
    const bool html = response.content_type.rfind("text/html", 0) == 0;
    // A handler that sets its own policy owns it: the sandboxed downloads, and the widgets that
    // portals embed (第十四条3, 第十五条), which must allow framing and so skip X-Frame-Options.
    if (const auto* own = find_header(response, "Content-Security-Policy")) {
        if (own->find("frame-ancestors 'none'") != std::string::npos ||
            own->find("frame-ancestors") == std::string::npos) {
            response.set_header("X-Frame-Options", "DENY");
        }
        return;
    }
    if (html) {
        // The console and the public pages load only their own scripts and styles; Element
        // Plus sets inline styles, hence 'unsafe-inline' for styles alone.
        response.set_header("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' "
                            "'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri "
                            "'self'; form-action 'self'; frame-ancestors 'none'");
    } else {
        // Everything else (JSON, problems, scripts, styles, metrics) is never a document that
        // may load anything or be framed.
        response.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        if (path.rfind("/api/", 0) == 0 && !find_header(response, "Cache-Control")) {
            response.set_header("Cache-Control", "no-store");
        }
    }
    response.set_header("X-Frame-Options", "DENY");
}

bool is_inline(const Request& request) {
    return request.path == "/healthz" || request.path == "/metrics";
}

Dispatched dispatch(Request& request, Services& services) {
    Dispatched out;
    out.route = "unmatched";
    const auto match = match_route(request.method, request.path, request.params);
    if (!match.route) {
        out.response = match.path_matched
                           ? problem(405, "method_not_allowed",
                                     "该地址不支持 " + request.method + " 请求", request.request_id)
                           : problem(404, "not_found", "请求的地址不存在", request.request_id);
        add_security_headers(out.response, request.path);
        return out;
    }
    out.route = std::string(match.route->pattern);
    // Before any data is read: an answer read under an older generation is not cached.
    const auto cache_generation = services.cache.generation();
    // Under --test-clock another instance may have moved the shared clock since the last request
    // (never on the I/O thread: /healthz and /metrics do not read the clock's store).
    if (services.test_clock != nullptr && !is_inline(request)) {
        if (auto synced = sync_test_clock(services.store, *services.test_clock); !synced) {
            out.response = problem(synced.error(), request.request_id);
            add_security_headers(out.response, request.path);
            return out;
        }
    }
    Context context{services, std::nullopt};
    const identity::Origin origin{request.client_addr, request.request_id};

    if (match.route->access == Access::kUser) {
        const auto bearer = bearer_token(request);
        auto authenticated = services.identity.authenticate(session_token(request), origin);
        if (!authenticated) {
            out.response = problem(authenticated.error(), request.request_id);
            add_security_headers(out.response, request.path);
            return out;
        }
        // A cookie is sent by the browser on its own, so writes through it must carry the
        // token the console received at sign-in. A bearer token is never sent implicitly.
        if (bearer.empty() && !is_safe_method(request.method) &&
            !equal_secrets(request.header("x-csrf-token"), authenticated->csrf_token)) {
            out.response = problem(403, "csrf_failed", "请求缺少有效的 CSRF 令牌，请刷新页面后重试",
                                   request.request_id);
            add_security_headers(out.response, request.path);
            return out;
        }
        out.username = authenticated->actor.username;
        context.auth = std::move(*authenticated);
    }

    const auto idempotency_key = request.header("idempotency-key");
    if (context.auth && !is_safe_method(request.method) && !idempotency_key.empty()) {
        auto revocations = services.identity.record_revocations();
        out.response = run_idempotent(*match.route, request, context, out.route, idempotency_key);
        // A revocation inside it (a sign-out, a disabled user) committed only now, after the
        // identity service dropped those sessions from memory: drop them again, so that no
        // request that read the database in between keeps one alive. Only those: every other
        // cached session stays (session_cache.hpp).
        revocations.replay();
    } else {
        out.response = run_handler(*match.route, request, context, out.route);
    }
    if (out.response.status >= 500) {
        spdlog::error("{{\"event\":\"server_error\",\"request_id\":\"{}\",\"route\":\"{}\"}}",
                      request.request_id, out.route);
    }
    add_security_headers(out.response, request.path);
    if (match.route->caching == Caching::kPublicShort) {
        // Prepared once (ETag, gzip copy), kept for the next readers until a write clears it,
        // and negotiated for this reader as for them: 304, gzip or plain.
        if (request.method == "GET" && out.response.status == 200) {
            auto prepared = prepare_public(std::move(out.response), out.route);
            services.cache.store(request, prepared, cache_generation);
            out.response = negotiate(request, prepared);
        } else if (request.method == "GET") {
            services.cache.discard(request.target);  // no longer a 200: no older copy either
        }
    } else if (match.route->caching == Caching::kScopedShort) {
        // The same for the callers of this role and node (scoped_key()).
        if (request.method == "GET" && context.auth) {
            const auto& actor = context.actor();
            const auto key = scoped_key(identity::to_string(actor.role), actor.org_code, request.target);
            if (out.response.status == 200) {
                auto prepared = prepare_public(std::move(out.response), out.route);
                services.cache.store(request, key, prepared, cache_generation);
                out.response = negotiate(request, prepared);
            } else {
                services.cache.discard(key);
            }
        }
    } else if (!is_safe_method(request.method) && out.response.status < 400) {
        // An acknowledged write: no cached page may be older than it.
        services.cache.clear();
    }
    return out;
}

std::optional<Dispatched> dispatch_cached(Request& request, Services& services) {
    if (request.method != "GET") return std::nullopt;
    if (auto hit = services.cache.lookup(request)) {
        Dispatched out;
        out.response = std::move(hit->response);
        out.route = std::move(hit->route);
        return out;
    }
    if (services.test_clock != nullptr) return std::nullopt;
    const auto token = session_token(request);
    if (token.empty()) return std::nullopt;
    std::map<std::string, std::string> params;
    const auto match = match_route(request.method, request.path, params);
    if (!match.route || match.route->caching != Caching::kScopedShort) return std::nullopt;
    const identity::Origin origin{request.client_addr, request.request_id};
    const auto authenticated = services.identity.authenticate_cached(token, origin);
    if (!authenticated) return std::nullopt;
    const auto& actor = authenticated->actor;
    auto hit = services.cache.lookup(
        request, scoped_key(identity::to_string(actor.role), actor.org_code, request.target));
    if (!hit) return std::nullopt;
    Dispatched out;
    out.response = std::move(hit->response);
    out.route = std::move(hit->route);
    out.username = actor.username;
    return out;
}

}  // namespace hx::http

#pragma once
/// The HTTP server (Boost.Beast): listener → session → dispatch(request) → response.
/// I/O threads only read and write; every request that may block runs on the worker pool.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/context.hpp"

namespace hx::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    unsigned io_threads = 1;
    unsigned worker_threads = 2;
    std::size_t body_limit = 1024 * 1024;        // JSON requests; uploads get their own limit
    std::size_t upload_limit = 32 * 1024 * 1024;  // multipart routes (evidence)
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds drain_timeout{10};       // SIGTERM: in-flight requests may finish
    std::string port_file;  // when set, the bound port is written there (tests use port 0)
    /// A proxy terminates TLS in front (`serve --behind-tls`): every answer carries HSTS.
    bool behind_tls = false;
    /// Proxies whose `X-Real-IP` names the client (`serve --trusted-proxy`); see client_address().
    std::vector<std::string> trusted_proxies;
    /// Called once the socket listens (e.g. to print the address).
    std::function<void(unsigned short)> on_listening;
};

/// Runs until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish and
/// returns.
Status run_server(const ServerOptions& options, Services& services);

}  // namespace hx::http

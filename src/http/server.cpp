#include "http/server.hpp"

#include <sodium.h>
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "http/access_log.hpp"
#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/response_cache.hpp"

namespace hx::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

struct Shared {
    const ServerOptions& options;
    Services& services;
    net::thread_pool& workers;
    AccessLog& access_log;
    std::atomic<int> in_flight{0};
    std::atomic<bool> stopping{false};
};

/// 16 hex digits, distinct per request: a per-thread random seed (libsodium, once) stepped
/// through splitmix64, instead of a getrandom() per request. Request ids join log lines; they
/// are not secrets.
std::string new_request_id() {
    thread_local std::uint64_t state = [] {
        std::uint64_t seed = 0;
        randombytes_buf(&seed, sizeof seed);
        return seed;
    }();
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    z ^= z >> 31U;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, z >>= 4U) hex[static_cast<std::size_t>(i)] = kHex[z & 0xFU];
    return hex;
}

/// A client's X-Request-Id is kept when it is short and plain, so logs join across proxies.
std::string request_id_from(const std::string& given) {
    if (given.empty() || given.size() > 64) return new_request_id();
    for (char c : given) {
        const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
        if (!plain) return new_request_id();
    }
    return given;
}

bool is_upload_target(beast::string_view target) {
    return target.find("/evidence") != beast::string_view::npos ||
           target.find("/attachments") != beast::string_view::npos ||
           target.find("/photos") != beast::string_view::npos;
}

/// Appends `text` as a JSON string literal (invalid UTF-8 replaced, as the rest of the log does).
void append_json_string(std::string& out, const std::string& text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
            out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
        }
    }
    out += '"';
    out += text;
    out += '"';
}

/// The completion condition of an answer's write: asio's transfer_all() offers the socket at
/// most 64 KiB per call, so a 181 KB page took three sendmsg calls and three trips through the
/// reactor; this offers all that is left, and the kernel takes what fits (as nginx's sendfile).
std::size_t offer_everything(const beast::error_code& ec, std::size_t /*transferred*/) {
    return ec ? 0 : std::size_t{1} << 30U;
}

/// Appends `name: value` and CRLF to a response header. A CR or LF inside would end the field
/// early and let the rest pass as a header of its own: each becomes a space (no route sets one).
void append_field(std::string& out, std::string_view name, std::string_view value) {
    const auto start = out.size();
    out += name;
    out += ": ";
    out += value;
    for (auto i = start; i < out.size(); ++i) {
        if (out[i] == '\r' || out[i] == '\n') out[i] = ' ';
    }
    out += "\r\n";
}

/// The access-log line: the same JSON object as before, appended field by field into one
/// reused buffer (no JSON tree, no string per field) and handed to the buffered log.
void log_access(AccessLog& log, const Request& request, const Dispatched& dispatched,
                double seconds, std::size_t bytes) {
    thread_local std::string line;
    line.clear();
    line += R"({"event":"access","request_id":)";
    append_json_string(line, request.request_id);
    line += R"(,"method":)";
    append_json_string(line, request.method);
    line += R"(,"route":)";
    append_json_string(line, dispatched.route);
    line += R"(,"path":)";
    append_json_string(line, request.path);
    fmt::format_to(std::back_inserter(line), R"(,"status":{},"ms":{},"bytes":{},"client":)",
                   dispatched.response.status, seconds * 1000.0, bytes);
    append_json_string(line, request.client_addr);
    line += R"(,"user":)";
    append_json_string(line, dispatched.username);
    line += '}';
    log.append(line);
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
        shared_.services.metrics.connection_opened();
        // Every answer leaves in one gather write (header and body), so Nagle's algorithm only
        // ever held back the last, partial segment of a large body until the client's delayed
        // ACK came: 40 ms of p99 on the 181 KB notice page (docs/performance.md § S5). nginx
        // sets the same (tcp_nodelay on).
        beast::error_code ignored;
        stream_.socket().set_option(tcp::no_delay(true), ignored);
    }
    ~Session() { shared_.services.metrics.connection_closed(); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::read_header, shared_from_this()));
    }

private:
    void read_header() {
        parser_.emplace();
        parser_->header_limit(16 * 1024);
        // The largest limit until the target is known; on_header narrows it per route.
        parser_->body_limit(std::max(shared_.options.body_limit, shared_.options.upload_limit));
        stream_.expires_after(shared_.options.read_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, std::size_t) {
        if (ec == bhttp::error::body_limit) {
            started_ = std::chrono::steady_clock::now();
            return send_problem(413, "too_large", "请求内容超过大小限制");
        }
        if (ec) return close_quietly(ec);
        const auto limit = is_upload_target(parser_->get().target()) ? shared_.options.upload_limit
                                                                     : shared_.options.body_limit;
        parser_->body_limit(limit);
        // Refuse an announced oversize body from the header alone, before reading any of it.
        if (const auto length = parser_->content_length(); length && *length > limit) {
            started_ = std::chrono::steady_clock::now();
            return send_problem(413, "too_large", "请求内容超过大小限制");
        }
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        started_ = std::chrono::steady_clock::now();
        if (ec == bhttp::error::body_limit) {
            return send_problem(413, "too_large", "请求内容超过大小限制");
        }
        if (ec == bhttp::error::end_of_stream) return close();
        if (ec) {
            if (ec == beast::error::timeout || ec == net::error::operation_aborted ||
                ec == net::error::connection_reset) {
                return close_quietly(ec);
            }
            return send_problem(400, "malformed_request", "无法解析的 HTTP 请求");
        }
        auto message = parser_->release();
        keep_alive_ = message.keep_alive();
        auto request = std::make_shared<Request>();
        request->method = std::string(message.method_string());
        request->target = std::string(message.target());
        for (const auto& field : message) {
            std::string name(field.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            request->headers[name] = std::string(field.value());
        }
        request->body = std::move(message.body());
        request->client_addr = client_address(peer(), *request, shared_.options.trusted_proxies);
        request->request_id = request_id_from(request->header("x-request-id"));
        if (!parse_target(request->target, request->path, request->query)) {
            return send_problem(400, "malformed_target", "请求地址编码有误", request->request_id);
        }
        request_ = request;
        // /healthz and /metrics are answered here and never cached: no cache lookup for them.
        if (is_inline(*request)) {
            auto dispatched = dispatch(*request, shared_.services);
            return send(std::move(dispatched));
        }
        // A micro-cached answer (a public page, or a scoped read of a caller whose session is
        // in memory) is given here, without the worker hop.
        if (auto cached = dispatch_cached(*request, shared_.services)) {
            return send(std::move(*cached));
        }
        shared_.in_flight.fetch_add(1);
        net::post(shared_.workers, [self = shared_from_this(), request] {
            auto dispatched = dispatch(*request, self->shared_.services);
            net::post(self->stream_.get_executor(),
                      [self, dispatched = std::move(dispatched)]() mutable {
                          self->shared_.in_flight.fetch_sub(1);
                          self->send(std::move(dispatched));
                      });
        });
    }

    void send_problem(unsigned status, const std::string& code, const std::string& detail,
                      std::string request_id = {}) {
        keep_alive_ = false;
        if (request_id.empty()) request_id = new_request_id();
        Dispatched dispatched;
        dispatched.response = problem(status, code, detail, request_id);
        add_security_headers(dispatched.response, "");
        dispatched.route = "unparsed";
        request_ = std::make_shared<Request>();
        request_->method = "?";
        request_->request_id = request_id;
        send(std::move(dispatched));
    }

    void send(Dispatched dispatched) {
        const auto& request = *request_;
        auto& response = dispatched.response;
        // The bytes are written from where they are: a cache entry's (shared, not copied) or
        // this answer's own; either is kept alive until the write completes.
        auto body = response.shared_body
                        ? std::move(response.shared_body)
                        : std::make_shared<const std::string>(std::move(response.body));
        const bool head = request.method == "HEAD";
        const auto body_size = body->size();
        const bool keep_alive = keep_alive_ && !shared_.stopping.load();

        // The status line and the header, written into this connection's own buffer (its
        // capacity is kept from one answer to the next): Beast's message and serializer cost
        // an allocation per field and more CPU than the bytes they produce
        // (docs/performance.md § S5). The same fields in the same order as before.
        auto& head_text = header_text_;
        head_text.clear();
        const auto status = bhttp::int_to_status(response.status);
        fmt::format_to(std::back_inserter(head_text), "HTTP/1.1 {} ", response.status);
        const auto reason = bhttp::obsolete_reason(status);
        head_text.append(reason.data(), reason.size());
        head_text += "\r\n";
        if (!response.content_type.empty()) append_field(head_text, "Content-Type", response.content_type);
        append_field(head_text, "X-Request-Id", request.request_id);
        for (const auto& [name, value] : response.headers) append_field(head_text, name, value);
        // Behind a TLS-terminating proxy (`serve --behind-tls`) browsers are told to use HTTPS
        // only. Set here, where every answer passes (routes, micro-cache hits, early refusals).
        if (shared_.options.behind_tls) {
            append_field(head_text, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (!keep_alive) head_text += "Connection: close\r\n";
        // The body's length (HEAD: the one a GET would have; a 304 has none, so 0).
        fmt::format_to(std::back_inserter(head_text), "Content-Length: {}\r\n\r\n", body_size);

        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        shared_.services.metrics.observe(request.method, dispatched.route, response.status, seconds);
        log_access(shared_.access_log, request, dispatched, seconds, body_size);

        response_body_ = std::move(body);
        const std::array<net::const_buffer, 2> buffers{
            net::buffer(head_text),
            head ? net::const_buffer() : net::buffer(response_body_->data(), body_size)};
        net::async_write(stream_, buffers, offer_everything,
                         beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
    }

    void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
        response_body_.reset();
        if (ec) return close_quietly(ec);
        if (!keep_alive) return close();
        read_header();
    }

    /// The peer's address, asked of the socket once per connection (it was a getpeername(2)
    /// per request).
    const std::string& peer() {
        if (peer_.empty()) {
            beast::error_code ec;
            const auto remote = stream_.socket().remote_endpoint(ec);
            peer_ = ec ? "unknown" : remote.address().to_string();
        }
        return peer_;
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    void close_quietly(beast::error_code) { close(); }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::shared_ptr<Request> request_;
    std::string header_text_;
    std::shared_ptr<const std::string> response_body_;
    bool keep_alive_ = false;
    std::string peer_;
    std::chrono::steady_clock::time_point started_;
    Shared& shared_;
};

/// Accepts on one I/O context and hands each connection to the next context in turn. Every
/// context is run by one thread, so a connection's handlers never run concurrently and need
/// no strand, and the contexts share no scheduler lock (as nginx's workers share nothing).
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(std::vector<std::unique_ptr<net::io_context>>& contexts, tcp::acceptor& acceptor,
             Shared& shared)
        : contexts_(contexts), acceptor_(acceptor), shared_(shared) {}

    void accept() {
        auto& next = *contexts_[next_++ % contexts_.size()];
        acceptor_.async_accept(next, beast::bind_front_handler(&Listener::on_accept,
                                                               shared_from_this()));
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec) std::make_shared<Session>(std::move(socket), shared_)->start();
        accept();
    }

    std::vector<std::unique_ptr<net::io_context>>& contexts_;
    tcp::acceptor& acceptor_;
    Shared& shared_;
    std::size_t next_ = 0;
};

}  // namespace

Status run_server(const ServerOptions& options, Services& services) {
    net::thread_pool workers(options.worker_threads);
    // Declared before the threads run and destroyed after they stopped: its last lines are
    // written out when run_server returns (a SIGTERM loses none).
    AccessLog access_log;
    // Declared before the contexts, so it outlives them: a context destroys the handlers still
    // queued when it goes, and each holds a Session whose destructor counts itself out here.
    Shared shared{options, services, workers, access_log};
    // One context per I/O thread, each run by that thread alone (concurrency hint 1).
    std::vector<std::unique_ptr<net::io_context>> contexts;
    for (unsigned i = 0; i < std::max(1U, options.io_threads); ++i) {
        contexts.push_back(std::make_unique<net::io_context>(1));
    }
    auto& ioc = *contexts.front();
    std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
    for (auto& context : contexts) keep_running.push_back(net::make_work_guard(*context));
    const auto stop_all = [&contexts] {
        for (auto& context : contexts) context->stop();
    };
    beast::error_code ec;
    const auto address = net::ip::make_address(options.address, ec);
    if (ec) {
        return fail(Error::invalid("invalid_listen", "监听地址 '" + options.address + "' 无效"));
    }
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail(Error(ErrorCode::kUnavailable, "listen_failed",
                          "无法监听 " + options.address + ":" + std::to_string(options.port) +
                              "：" + ec.message()));
    }
    const auto port = acceptor.local_endpoint().port();
    if (!options.port_file.empty()) {
        std::ofstream(options.port_file) << port << "\n";
    }
    if (options.on_listening) options.on_listening(port);

    std::make_shared<Listener>(contexts, acceptor, shared)->accept();

    // SIGTERM: stop accepting, let in-flight requests finish (bounded), then stop.
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    net::steady_timer drain(ioc);
    const auto deadline = std::chrono::steady_clock::now();
    std::function<void(std::chrono::steady_clock::time_point)> wait_for_drain =
        [&](std::chrono::steady_clock::time_point until) {
            if (shared.in_flight.load() == 0 || std::chrono::steady_clock::now() >= until) {
                stop_all();
                return;
            }
            drain.expires_after(std::chrono::milliseconds(20));
            drain.async_wait([&, until](beast::error_code) { wait_for_drain(until); });
        };
    signals.async_wait([&](beast::error_code, int signal_number) {
        spdlog::info("{}", nlohmann::json({{"event", "shutdown"}, {"signal", signal_number},
                                           {"in_flight", shared.in_flight.load()}})
                               .dump());
        shared.stopping.store(true);
        beast::error_code ignored;
        acceptor.close(ignored);
        wait_for_drain(std::chrono::steady_clock::now() + options.drain_timeout);
    });
    (void)deadline;

    std::vector<std::thread> threads;
    threads.reserve(contexts.size() - 1);
    for (std::size_t i = 1; i < contexts.size(); ++i) {
        threads.emplace_back([&context = *contexts[i]] { context.run(); });
    }
    ioc.run();
    for (auto& t : threads) t.join();
    workers.join();
    return ok();
}

}  // namespace hx::http

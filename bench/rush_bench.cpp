/// The deadline rush (scenario 2 of docs/performance.md): N community clients at once on
/// loopback, each on its own keep-alive connection, doing what a community does in the last
/// hours before 31 October:
///   1. POST /api/v1/rounds/{round}/applications   (target ★)
///   2. PUT  /api/v1/applications/{id}/assessment   (all 80 indicators of bj-construction)
///   3. POST /api/v1/applications/{id}/evidence     (multipart, a JPEG-typed file of EVIDENCE bytes)
///   4. POST /api/v1/applications/{id}/submit
/// All clients start together (one io_context, C++20 coroutines over Boost.Beast). Prints one
/// JSON object: per step and over all requests the count, errors and latency quantiles, the
/// wall time and the acknowledged writes per second. Any answer other than the expected status
/// counts as an error; the first few are printed to stderr.
///
///     rush_bench PORT ROUND_ID CLIENTS_FILE [EVIDENCE_BYTES]
/// CLIENTS_FILE: one "community_code bearer_token" per line.
// GCC 12 sees Boost 1.74's recycling allocator of coroutine frames (operator new of a char
// buffer, a class operator delete) as a mismatched pair; it is not (the frame's delete
// returns the memory to that allocator).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#include <algorithm>
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange without it
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Client {
    std::string community;
    std::string token;
};

struct Stats {
    std::vector<double> ms[4];
    int errors[4] = {0, 0, 0, 0};
    int ok[4] = {0, 0, 0, 0};
    int printed = 0;
};

constexpr const char* kSteps[4] = {"create", "assessment", "evidence", "submit"};

struct Shared {
    unsigned short port;
    long round;
    std::string assessment_body;
    std::string evidence_body;
    std::string boundary;
    Stats stats;
};

void error(Shared& shared, int step, const std::string& what) {
    ++shared.stats.errors[step];
    if (shared.stats.printed++ < 5) std::cerr << kSteps[step] << ": " << what.substr(0, 300) << "\n";
}

net::awaitable<void> run_client(Shared& shared, Client client) {
    beast::tcp_stream stream(co_await net::this_coro::executor);
    beast::flat_buffer buffer;
    try {
        co_await stream.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), shared.port),
                                      net::use_awaitable);
    } catch (const std::exception& e) {
        error(shared, 0, std::string("connect: ") + e.what());
        co_return;
    }
    // One request; returns the body when the status is the expected one, else records an error.
    auto call = [&](int step, bhttp::verb verb, std::string target, std::string content_type,
                    const std::string& body, unsigned expected) -> net::awaitable<std::optional<std::string>> {
        bhttp::request<bhttp::string_body> request{verb, target, 11};
        request.set(bhttp::field::host, "127.0.0.1");
        request.set(bhttp::field::authorization, "Bearer " + client.token);
        if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
        request.body() = body;
        request.keep_alive(true);
        request.prepare_payload();
        const auto started = Clock::now();
        bhttp::response<bhttp::string_body> response;
        try {
            stream.expires_after(std::chrono::seconds(60));
            co_await bhttp::async_write(stream, request, net::use_awaitable);
            co_await bhttp::async_read(stream, buffer, response, net::use_awaitable);
        } catch (const std::exception& e) {
            error(shared, step, std::string("I/O: ") + e.what());
            co_return std::nullopt;
        }
        shared.stats.ms[step].push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        if (response.result_int() != expected) {
            error(shared, step, std::to_string(response.result_int()) + " " + response.body());
            co_return std::nullopt;
        }
        ++shared.stats.ok[step];
        co_return std::move(response.body());
    };
    const auto created = co_await call(
        0, bhttp::verb::post, "/api/v1/rounds/" + std::to_string(shared.round) + "/applications",
        "application/json", R"({"community_code": ")" + client.community + R"(", "target_star": 1})", 201);
    if (!created) co_return;
    long id = 0;
    try {
        id = nlohmann::json::parse(*created).at("id").get<long>();
    } catch (const std::exception& e) {
        error(shared, 0, std::string("no id: ") + e.what());
        co_return;
    }
    const auto app = "/api/v1/applications/" + std::to_string(id);
    if (!co_await call(1, bhttp::verb::put, app + "/assessment", "application/json", shared.assessment_body, 200)) {
        co_return;
    }
    if (!co_await call(2, bhttp::verb::post, app + "/evidence", "multipart/form-data; boundary=" + shared.boundary,
                       shared.evidence_body, 201)) {
        co_return;
    }
    co_await call(3, bhttp::verb::post, app + "/submit", "", "", 200);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

nlohmann::json summary(const std::vector<double>& ms, int errors) {
    return {{"requests", ms.size()}, {"errors", errors},         {"p50_ms", quantile(ms, 0.5)},
            {"p90_ms", quantile(ms, 0.9)}, {"p99_ms", quantile(ms, 0.99)},
            {"max_ms", ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end())}};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: rush_bench PORT ROUND_ID CLIENTS_FILE [EVIDENCE_BYTES]\n";
        return 2;
    }
    Shared shared;
    shared.port = static_cast<unsigned short>(std::atoi(argv[1]));
    shared.round = std::atol(argv[2]);
    const std::size_t evidence_bytes = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : (1U << 20U);
    std::vector<Client> clients;
    {
        std::ifstream in(argv[3]);
        Client c;
        while (in >> c.community >> c.token) clients.push_back(c);
    }
    if (clients.empty()) {
        std::cerr << "no clients in " << argv[3] << "\n";
        return 2;
    }
    nlohmann::json achieved = nlohmann::json::array();
    for (int code = 1; code <= 80; ++code) achieved.push_back(std::to_string(code));
    shared.assessment_body = nlohmann::json{{"achieved", achieved},
                                            {"mechanism", true},
                                            {"effective", true},
                                            {"mechanism_note", "已建立信息资源动态更新维护制度（压力测试）"},
                                            {"effectiveness_note", "居民使用率高（压力测试）"}}
                                 .dump();
    // A JPEG by its magic; the rest bytes 0x80–0xFF, which no markup sniffing mistakes for text.
    std::string file(evidence_bytes, '\0');
    file[0] = '\xFF', file[1] = '\xD8', file[2] = '\xFF', file[3] = '\xE0';
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (std::size_t i = 4; i < file.size(); ++i) {
        x ^= x << 13U, x ^= x >> 7U, x ^= x << 17U;
        file[i] = static_cast<char>(0x80U | (x & 0x7FU));
    }
    shared.boundary = "hxrushboundary7MA4YWxkTrZu0gW";
    shared.evidence_body = "--" + shared.boundary +
                           "\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n1\r\n--" +
                           shared.boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evidence.jpg\"\r\n"
                           "Content-Type: image/jpeg\r\n\r\n" +
                           file + "\r\n--" + shared.boundary + "--\r\n";

    net::io_context ioc(1);
    for (const auto& client : clients) net::co_spawn(ioc, run_client(shared, client), net::detached);
    const auto started = Clock::now();
    ioc.run();
    const double wall_s = std::chrono::duration<double>(Clock::now() - started).count();

    nlohmann::json out;
    std::vector<double> all;
    int errors = 0;
    for (int step = 0; step < 4; ++step) {
        out["steps"][kSteps[step]] = summary(shared.stats.ms[step], shared.stats.errors[step]);
        all.insert(all.end(), shared.stats.ms[step].begin(), shared.stats.ms[step].end());
        errors += shared.stats.errors[step];
    }
    double acknowledged = 0;
    for (const int ok : shared.stats.ok) acknowledged += ok;
    out["all"] = summary(all, errors);
    out["clients"] = clients.size();
    out["submitted"] = shared.stats.ok[3];
    out["wall_s"] = wall_s;
    out["writes_per_s"] = acknowledged / wall_s;
    out["evidence_bytes"] = evidence_bytes;
    std::cout << out.dump() << "\n";
    return errors == 0 ? 0 : 1;
}

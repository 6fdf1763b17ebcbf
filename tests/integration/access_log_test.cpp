// The buffered access log (src/http/access_log.hpp, docs/operations.md § Logs): every request
// still gets its line with its request id; the lines reach the log at least every second
// while the server runs, all of them at a SIGTERM, and a SIGKILL loses at most the last
// second's. Runs on SQLite and again on PostgreSQL (pg.*).
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::string id_line(const std::string& id) {
    return "\"request_id\":\"" + id + "\"";
}

/// How long until every one of `ids` is in the server's log (or `limit` passed).
std::chrono::milliseconds until_logged(const TestServer& server,
                                       const std::vector<std::string>& ids,
                                       std::chrono::milliseconds limit) {
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        const auto log = server.log();
        bool all = true;
        for (const auto& id : ids) all = all && log.find(id_line(id)) != std::string::npos;
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        if (all || waited >= limit) return waited;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

TEST(AccessLog, LinesReachTheLogWithinASecondWhileTheServerRuns) {
    TestServer server(false);
    std::vector<std::string> ids;
    for (int i = 0; i < 20; ++i) {
        ids.push_back("running-" + std::to_string(i));
        const auto path = i % 2 == 0 ? "/healthz" : "/api/v1/standards";
        EXPECT_EQ(server.request("GET", path, "", {{"X-Request-Id", ids.back()}}).status, 200U);
    }
    // Written out every second: allow that second, plus scheduling on a loaded machine.
    const auto waited = until_logged(server, ids, std::chrono::milliseconds(4000));
    EXPECT_LT(waited.count(), 4000) << "not every line reached the log";
    // Each line is the JSON object of one request, with its route, status and client.
    const auto log = server.log();
    const auto at = log.find(id_line("running-1"));
    ASSERT_NE(at, std::string::npos);
    const auto begin = log.rfind('\n', at) + 1;
    const auto line = nlohmann::json::parse(log.substr(begin, log.find('\n', at) - begin));
    EXPECT_EQ(line.value("event", ""), "access");
    EXPECT_EQ(line.value("route", ""), "/api/v1/standards");
    EXPECT_EQ(line.value("status", 0), 200);
    EXPECT_EQ(line.value("client", ""), "127.0.0.1");
}

TEST(AccessLog, ASigtermWritesOutEveryLine) {
    TestServer server(false);
    std::vector<std::string> ids;
    for (int i = 0; i < 50; ++i) {
        ids.push_back("before-stop-" + std::to_string(i));
        EXPECT_EQ(server.request("GET", "/healthz", "", {{"X-Request-Id", ids.back()}}).status,
                  200U);
    }
    EXPECT_EQ(server.stop(SIGTERM), 0);  // at once: most lines are still in the buffer
    const auto log = server.log();
    for (const auto& id : ids) EXPECT_NE(log.find(id_line(id)), std::string::npos) << id;
}

TEST(AccessLog, ASigkillLosesAtMostTheLastSecond) {
    TestServer server(false);
    std::vector<std::string> early;
    for (int i = 0; i < 10; ++i) {
        early.push_back("early-" + std::to_string(i));
        EXPECT_EQ(server.request("GET", "/healthz", "", {{"X-Request-Id", early.back()}}).status,
                  200U);
    }
    // More than a second later the early lines are on disk, whatever happens next.
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(server.stop(SIGKILL), -SIGKILL);
    const auto log = server.log();
    for (const auto& id : early) EXPECT_NE(log.find(id_line(id)), std::string::npos) << id;
}

}  // namespace
}  // namespace hx::testing

// Two `huixing serve` processes on one database (issue 8, 4): what one instance acknowledges the
// other sees, and one killed with SIGKILL under load loses no acknowledged write while the other
// keeps answering. The client plays nginx's round robin with proxy_next_upstream: once an
// instance is gone, its share goes to the survivor. Runs on SQLite (two processes on one WAL
// file) and, under the pg. prefix, on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

namespace hx::testing {
namespace {

std::string user_body(const std::string& username) {
    return nlohmann::json{{"username", username}, {"password", "Kx7-Pq9.Lm3!Rt"},
                          {"name", "扩容测试"}, {"role", "community"},
                          {"org_code", "110101001001"}}
        .dump();
}

TEST(ScaleOut, SessionsAndWritesAreSharedAndAKilledInstanceLosesNoAcknowledgedWrite) {
    TestServer first(false);
    auto second = TestServer::beside(first);
    const std::map<std::string, std::string> bearer = {
        {"Authorization", "Bearer " + first.token("admin")}};

    // A session made on one instance is good on the other; so is a write.
    EXPECT_EQ(second->request("GET", "/api/v1/me", "", bearer).status, 200U);
    ASSERT_EQ(second->request("POST", "/api/v1/users", user_body("scale.warmup"), bearer).status,
              201U);
    EXPECT_EQ(first.request("GET", "/api/v1/users?q=scale.warmup", "", bearer)
                  .json()
                  .value("total", -1),
              1);

    constexpr int kThreads = 4;
    constexpr int kRequestsEach = 10;
    constexpr std::size_t kKillAfter = 8;  // acknowledged writes before the second is killed
    std::mutex mutex;
    std::condition_variable progressed;
    std::vector<std::string> acknowledged;
    std::atomic<bool> killed{false};
    std::atomic<int> failures_of_first{0};
    std::atomic<int> refused_by_second{0};

    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < kRequestsEach; ++i) {
                const std::string username = "scale.t" + std::to_string(t) + "." + std::to_string(i);
                const bool to_second = (i + t) % 2 == 1 && !killed.load();
                const TestServer& target = to_second ? *second : first;
                bool ok = false;
                try {
                    ok = target.request("POST", "/api/v1/users", user_body(username), bearer)
                             .status == 201U;
                } catch (const std::exception&) {
                    ok = false;  // the connection died with the instance: not acknowledged
                }
                if (!ok && !to_second) ++failures_of_first;
                if (!ok && to_second) ++refused_by_second;
                if (ok) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    acknowledged.push_back(username);
                }
                progressed.notify_all();
            }
        });
    }
    {
        std::unique_lock<std::mutex> lock(mutex);
        progressed.wait(lock, [&] { return acknowledged.size() >= kKillAfter; });
    }
    EXPECT_EQ(second->stop(9), -9);  // SIGKILL, in the middle of the load
    killed = true;
    for (auto& writer : writers) writer.join();

    // The survivor answered every request it got, and every acknowledged write is there.
    EXPECT_EQ(failures_of_first.load(), 0);
    EXPECT_GE(acknowledged.size(), kKillAfter);
    for (const auto& username : acknowledged) {
        const auto found = first.request("GET", "/api/v1/users?q=" + username, "", bearer);
        EXPECT_EQ(found.json().value("total", -1), 1) << username << " was acknowledged but lost";
    }
    // The audit chain written by two processes still verifies.
    first.stop();
    const auto verify = run_command({huixing_binary(), "audit", "verify", "--db", first.db_url()});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST(MoveDeployment, MigrateDbCopiesEveryTableAndTheMovedServerCarriesOn) {
    if (on_postgres()) GTEST_SKIP() << "the source is SQLite: run once, in the SQLite pass";
    if (!postgres_available()) GTEST_SKIP() << "HUIXING_TEST_PG_URL 未设置";
    TestServer original(false);
    original.token("dc_social");  // sessions and audit records to carry over
    original.stop();
    const std::string target = fresh_postgres_url();
    const auto copied = run_command({huixing_binary(), "migrate-db", "--from", original.db_url(),
                                     "--to", target});
    ASSERT_EQ(copied.exit_code, 0) << copied.output;
    EXPECT_NE(copied.output.find("regions：源 7901 行，目标 7901 行"), std::string::npos)
        << copied.output;
    EXPECT_NE(copied.output.find("行数逐表一致"), std::string::npos) << copied.output;
    // A second run refuses: the target is no longer empty.
    const auto again = run_command({huixing_binary(), "migrate-db", "--from", original.db_url(),
                                    "--to", target});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.output.find("只能迁往新建的空库"), std::string::npos) << again.output;
    // The audit chain verifies on the new engine; the demo accounts sign in with their
    // passwords and new rows get keys past the copied ones.
    const auto verify = run_command({huixing_binary(), "audit", "verify", "--db", target});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
    auto moved = TestServer::moved(original, target);
    const std::map<std::string, std::string> bearer = {
        {"Authorization", "Bearer " + moved->token("admin")}};
    EXPECT_EQ(moved->request("POST", "/api/v1/users", user_body("moved.user"), bearer).status, 201U);
    EXPECT_EQ(moved->as("dc_social", "GET", "/api/v1/me").status, 200U);
}

}  // namespace
}  // namespace hx::testing

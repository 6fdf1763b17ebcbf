// Deadline races (issue 10, item 2; docs/reliability.md): fifty communities submit at once while
// the test clock passes the community deadline (第十四条1). Whatever the interleaving, each
// submission is either accepted and kept whole (state, one history event dated on or before the
// deadline, one audit record) or refused with 422 `deadline_passed` and leaves nothing behind.
// The twenty-identical-transitions races live in workflow_test.cpp; this file adds the ones a
// deadline or a repeated creation can break.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <latch>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/clock.hpp"
#include "harness.hpp"

namespace hx::testing {
namespace {

using Steady = std::chrono::steady_clock;

constexpr int kClients = 50;
constexpr int kEarly = 5;   // answered before the clock moves: must be accepted
constexpr int kLate = 10;   // sent after the clock moved: must be refused
// 第十四条1: the end of 31 October, Beijing time, inclusive to the last millisecond.
constexpr const char* kDeadline = "2026-10-31T23:59:59.999+08:00";
constexpr const char* kAfterDeadline = "2026-11-01T00:00:00.000+08:00";

/// The first `count` communities of the division list other than the demo's 多福巷.
std::vector<std::string> communities(std::size_t count) {
    std::ifstream csv(std::string(HX_SOURCE_DIR) + "/data/beijing-divisions.csv");
    std::string line;
    std::getline(csv, line);
    std::vector<std::string> out;
    while (out.size() < count && std::getline(csv, line)) {
        std::istringstream fields(line);
        std::string code;
        for (int column = 0; column < 5; ++column) std::getline(fields, code, ',');
        if (code.size() == 12 && code != "110101001001") out.push_back(code);
    }
    return out;
}

struct Client {
    std::string token;
    std::int64_t application = 0;
    unsigned status = 0;
    std::string code;
    Steady::time_point sent;
    Steady::time_point answered;
};

TEST(DeadlineRaces, FiftySubmissionsAroundTheDeadlineAreAllOrNothing) {
    TestServer server(true);
    ASSERT_EQ(server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-31T23:50:00+08:00"})").status, 200U);
    server.forget_token("admin");
    server.forget_token("city_social");
    const auto round = server.as("city_social", "POST", "/api/v1/rounds",
                                 R"({"year":2026,"kind":"annual","standard_id":"bj-construction"})");
    ASSERT_EQ(round.status, 201U) << round.body;
    const auto round_id = std::to_string(round.json().at("id").get<std::int64_t>());
    ASSERT_EQ(server.as("city_social", "POST", "/api/v1/rounds/" + round_id + "/open").status, 200U);

    // Fifty community accounts, each with a draft eligible for ★ (25 indicators, effective).
    const auto codes = communities(kClients);
    ASSERT_EQ(codes.size(), static_cast<std::size_t>(kClients));
    std::vector<Client> clients(kClients);
    const std::string password = "Deadline-Race-2026-pw!";
    for (int i = 0; i < kClients; ++i) {
        auto& client = clients[static_cast<std::size_t>(i)];
        const auto username = "race" + std::to_string(i);
        const nlohmann::json user = {{"username", username}, {"password", password}, {"name", "截止竞态 " + username},
                                     {"role", "community"}, {"org_code", codes[static_cast<std::size_t>(i)]}};
        ASSERT_EQ(server.as("admin", "POST", "/api/v1/users", user.dump()).status, 201U);
        const nlohmann::json login = {{"username", username}, {"password", password}};
        const auto signed_in = server.request("POST", "/api/v1/session", login.dump());
        ASSERT_EQ(signed_in.status, 200U) << signed_in.body;
        client.token = "Bearer " + signed_in.json().at("token").get<std::string>();
        const nlohmann::json create = {{"community_code", codes[static_cast<std::size_t>(i)]}, {"target_star", 1}};
        const auto created = server.request("POST", "/api/v1/rounds/" + round_id + "/applications", create.dump(),
                                            {{"Authorization", client.token}});
        ASSERT_EQ(created.status, 201U) << created.body;
        client.application = created.json().at("id").get<std::int64_t>();
        const auto saved = server.request(
            "PUT", "/api/v1/applications/" + std::to_string(client.application) + "/assessment",
            R"({"achieved":["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21","22","23","24","25"],"effective":true})",
            {{"Authorization", client.token}});
        ASSERT_EQ(saved.status, 200U) << saved.body;
    }
    // A minute before the deadline (the test clock keeps ticking from there, and a loaded
    // machine must not reach the deadline on its own before the clock is moved).
    ASSERT_EQ(server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-31T23:59:00.000+08:00"})").status, 200U);
    const auto admin = "Bearer " + server.token("admin");

    // Everyone but the late clients leaves the barrier together. The clock moves past the
    // deadline once the first kEarly answers are in; the late clients send after it moved.
    std::latch start(kClients - kLate + 1);
    std::mutex mutex;
    std::condition_variable changed;
    int answered = 0;
    bool clock_moved = false;
    Steady::time_point clock_sent;
    auto submit = [&](Client& client) {
        client.sent = Steady::now();
        const auto r = server.request("POST", "/api/v1/applications/" + std::to_string(client.application) + "/submit",
                                      "", {{"Authorization", client.token}});
        client.answered = Steady::now();
        client.status = r.status;
        client.code = r.json().is_object() ? r.json().value("code", "") : "";
        const std::lock_guard<std::mutex> lock(mutex);
        ++answered;
        changed.notify_all();
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients - kLate; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            submit(clients[static_cast<std::size_t>(i)]);
        });
    }
    for (int i = kClients - kLate; i < kClients; ++i) {
        threads.emplace_back([&, i] {
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return clock_moved; });
            }
            submit(clients[static_cast<std::size_t>(i)]);
        });
    }
    unsigned clock_status = 0;
    threads.emplace_back([&] {
        start.arrive_and_wait();
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return answered >= kEarly; });
            clock_sent = Steady::now();
        }
        clock_status = server.request("PUT", "/api/v1/system/clock", std::string(R"({"now":")") + kAfterDeadline + "\"}",
                                      {{"Authorization", admin}})
                           .status;
        const std::lock_guard<std::mutex> lock(mutex);
        clock_moved = true;
        changed.notify_all();
    });
    for (auto& t : threads) t.join();
    ASSERT_EQ(clock_status, 200U);

    Timestamp deadline;
    ASSERT_TRUE(parse_rfc3339(kDeadline, deadline));
    int accepted = 0, refused = 0, early = 0, late = 0;
    for (int i = 0; i < kClients; ++i) {
        const auto& client = clients[static_cast<std::size_t>(i)];
        SCOPED_TRACE("client " + std::to_string(i));
        ASSERT_TRUE(client.status == 200 || (client.status == 422 && client.code == "deadline_passed"))
            << client.status << " " << client.code;
        // Answered before the clock was moved: accepted. Sent after it moved: refused.
        if (client.answered < clock_sent) {
            ++early;
            EXPECT_EQ(client.status, 200U);
        }
        if (i >= kClients - kLate) {
            ++late;
            EXPECT_EQ(client.status, 422U);
        }
        const auto view = server.request("GET", "/api/v1/applications/" + std::to_string(client.application), "",
                                         {{"Authorization", client.token}});
        ASSERT_EQ(view.status, 200U);
        const auto json = view.json();
        int submits = 0;
        for (const auto& event : json.at("history")) {
            if (event.at("action") != "submit") continue;
            ++submits;
            Timestamp at;
            ASSERT_TRUE(parse_rfc3339(event.at("at").get<std::string>(), at));
            EXPECT_LE(at, deadline) << "accepted after the deadline: " << event.dump();
        }
        if (client.status == 200) {
            ++accepted;
            EXPECT_EQ(json.at("state"), "submitted");
            EXPECT_EQ(submits, 1);
        } else {
            ++refused;
            EXPECT_EQ(json.at("state"), "draft");
            EXPECT_EQ(submits, 0);
        }
    }
    EXPECT_GE(early, kEarly);
    EXPECT_EQ(late, kLate);
    EXPECT_EQ(accepted + refused, kClients);
    // One audit record per accepted submission and none for a refused one.
    const auto audit = server.as("auditor", "GET", "/api/v1/audit?action=application.submit&page_size=200");
    EXPECT_EQ(audit.json().value("total", -1), accepted) << audit.body;
    std::cout << "[ deadline ] accepted " << accepted << ", refused " << refused << " (" << kEarly
              << " answered before the clock moved, " << kLate << " sent after it)\n";
}

/// Twenty creations of one community's application in one round at once: one draft, 19 × 409.
TEST(DeadlineRaces, TwentyIdenticalCreationsMakeOneApplication) {
    TestServer server(true);
    ASSERT_EQ(server.as("admin", "PUT", "/api/v1/system/clock", R"({"now":"2026-10-01T10:00:00+08:00"})").status, 200U);
    server.forget_token("city_social");
    server.forget_token("dc_community");
    const auto round = server.as("city_social", "POST", "/api/v1/rounds",
                                 R"({"year":2026,"kind":"pilot","standard_id":"bj-trial"})");
    ASSERT_EQ(round.status, 201U) << round.body;
    const auto round_id = std::to_string(round.json().at("id").get<std::int64_t>());
    ASSERT_EQ(server.as("city_social", "POST", "/api/v1/rounds/" + round_id + "/open").status, 200U);
    const auto token = "Bearer " + server.token("dc_community");
    std::latch start(20);
    std::atomic<int> created{0}, conflict{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 20; ++i) {
        threads.emplace_back([&] {
            start.arrive_and_wait();
            const auto r = server.request("POST", "/api/v1/rounds/" + round_id + "/applications",
                                          R"({"community_code":"110101001001","target_star":3})",
                                          {{"Authorization", token}});
            (r.status == 201 ? created : r.status == 409 ? conflict : other)++;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(conflict.load(), 19);
    EXPECT_EQ(other.load(), 0);
    const auto list = server.as("dc_community", "GET", "/api/v1/rounds/" + round_id + "/applications");
    ASSERT_EQ(list.status, 200U) << list.body;
    const auto items = list.json().is_array() ? list.json() : list.json().at("items");
    EXPECT_EQ(items.size(), 1U) << list.body;
    const auto audit = server.as("auditor", "GET", "/api/v1/audit?action=application.create");
    EXPECT_EQ(audit.json().value("total", -1), 1);
}

}  // namespace
}  // namespace hx::testing

// AccessLog (src/http/access_log.hpp): lines buffered per thread reach the sink whole, each
// once, at a flush, when a buffer is full, every interval, and when the log goes away.
#include "http/access_log.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace hx::http {
namespace {

struct Captured {
    std::mutex mutex;
    std::vector<std::string> chunks;

    AccessLog::Sink sink() {
        return [this](std::string_view chunk) {
            const std::lock_guard lock(mutex);
            chunks.emplace_back(chunk);
        };
    }
    std::vector<std::string> lines() {
        const std::lock_guard lock(mutex);
        std::vector<std::string> out;
        for (const auto& chunk : chunks) {
            std::istringstream in(chunk);
            for (std::string line; std::getline(in, line);) out.push_back(line);
        }
        return out;
    }
};

TEST(AccessLog, LinesOfEveryThreadReachTheSinkWholeAndOnce) {
    Captured captured;
    {
        AccessLog log(std::chrono::hours(1), captured.sink());
        std::vector<std::thread> threads;
        for (int t = 0; t < 3; ++t) {
            threads.emplace_back([&log, t] {
                for (int i = 0; i < 1000; ++i)
                    log.append("t" + std::to_string(t) + "-" + std::to_string(i));
            });
        }
        for (auto& thread : threads) thread.join();
        log.flush();
        EXPECT_EQ(captured.lines().size(), 3000U);
        log.append("last");
    }  // the destructor writes out what is left
    const auto lines = captured.lines();
    ASSERT_EQ(lines.size(), 3001U);
    EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()).size(), 3001U);
    // In order within a thread.
    std::vector<std::string> of_t1;
    std::copy_if(lines.begin(), lines.end(), std::back_inserter(of_t1),
                 [](const std::string& l) { return l.rfind("t1-", 0) == 0; });
    ASSERT_EQ(of_t1.size(), 1000U);
    for (int i = 0; i < 1000; ++i)
        EXPECT_EQ(of_t1[static_cast<std::size_t>(i)], "t1-" + std::to_string(i));
}

TEST(AccessLog, AFullBufferIsWrittenOutAtOnce) {
    Captured captured;
    AccessLog log(std::chrono::hours(1), captured.sink());
    const std::string line(1000, 'x');
    for (std::size_t written = 0; written < AccessLog::kChunk; written += line.size() + 1)
        log.append(line);
    EXPECT_FALSE(captured.lines().empty());
}

TEST(AccessLog, LinesAreWrittenOutEveryInterval) {
    Captured captured;
    AccessLog log(std::chrono::milliseconds(50), captured.sink());
    log.append("one");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (captured.lines().empty() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(captured.lines(), std::vector<std::string>{"one"});
}

}  // namespace
}  // namespace hx::http

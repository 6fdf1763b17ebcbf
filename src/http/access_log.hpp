#pragma once
/// The access log: one JSON line per request (docs/operations.md § Logs), buffered per thread
/// and written out in chunks instead of one write(2) per request, which was 7–13 % of a cached
/// read's CPU (docs/performance.md § S5).
///
/// When the lines reach the log (the server's stderr, through spdlog, so that they never
/// interleave with its other lines):
/// - at least every `interval` (one second), by a thread of this log's own;
/// - at once when a thread's buffer passes kChunk bytes (under load: every few hundred lines);
/// - when the log is destroyed: `run_server` keeps it until every I/O thread has stopped, so a
///   SIGTERM loses nothing.
/// A process killed outright (SIGKILL, a crash) loses at most the lines of the last interval.
/// The log's order is chronological per I/O thread; lines of different threads may come out
/// up to one interval apart from their true order (each line carries its request id).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http/per_thread.hpp"

namespace hx::http {

class AccessLog {
public:
    /// Where chunks go: lines separated by '\n', without the last '\n'. By default spdlog's
    /// default logger at level info, as every other log line.
    using Sink = std::function<void(std::string_view chunk)>;
    static constexpr std::size_t kChunk = 64 * 1024;

    explicit AccessLog(std::chrono::milliseconds interval = std::chrono::seconds(1),
                       Sink sink = {});
    ~AccessLog();  // stops the writer thread and writes out what is left
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    /// Adds one line (without '\n') to this thread's buffer.
    void append(std::string_view line);
    /// Writes out every buffer now.
    void flush();

private:
    struct Buffer {
        std::mutex mutex;
        std::string text;
    };
    void write_out(Buffer& buffer);
    void run();

    std::chrono::milliseconds interval_;
    Sink sink_;
    PerThread<Buffer> buffers_;
    std::mutex sink_mutex_;  // one chunk at a time, in the order they were taken
    std::mutex stop_mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    std::thread writer_;
};

}  // namespace hx::http

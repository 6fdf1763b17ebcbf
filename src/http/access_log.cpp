#include "http/access_log.hpp"

#include <spdlog/spdlog.h>

namespace hx::http {

namespace {

void log_to_spdlog(std::string_view chunk) {
    spdlog::info("{}", chunk);
}

}  // namespace

AccessLog::AccessLog(std::chrono::milliseconds interval, Sink sink)
    : interval_(interval),
      sink_(sink ? std::move(sink) : Sink(log_to_spdlog)),
      writer_([this] { run(); }) {}

AccessLog::~AccessLog() {
    {
        const std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    writer_.join();
    flush();
}

void AccessLog::append(std::string_view line) {
    auto& buffer = buffers_.local();
    bool full = false;
    {
        const std::lock_guard lock(buffer.mutex);
        if (!buffer.text.empty()) buffer.text += '\n';
        buffer.text += line;
        full = buffer.text.size() >= kChunk;
    }
    if (full) write_out(buffer);
}

void AccessLog::write_out(Buffer& buffer) {
    std::string chunk;
    chunk.reserve(kChunk + 1024);
    const std::lock_guard sink_lock(sink_mutex_);
    {
        const std::lock_guard lock(buffer.mutex);
        chunk.swap(buffer.text);
    }
    if (!chunk.empty()) sink_(chunk);
}

void AccessLog::flush() {
    buffers_.for_each([this](Buffer& buffer) { write_out(buffer); });
}

void AccessLog::run() {
    std::unique_lock lock(stop_mutex_);
    while (!stopping_) {
        stop_signal_.wait_for(lock, interval_, [this] { return stopping_; });
        lock.unlock();
        flush();
        lock.lock();
    }
}

}  // namespace hx::http

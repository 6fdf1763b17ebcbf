#pragma once
/// One T per thread that uses it, for hot counters and buffers that the I/O threads would
/// otherwise share behind one mutex (a futex call per request under contention): each thread
/// works on its own T, and a reader (the metrics page, the access log's writer) visits them all.
/// Every T carries its own mutex for that reader, uncontended on the hot path.
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace hx::http {

/// A number never handed out twice in this process.
std::uint64_t next_per_thread_owner();

template <typename T>
class PerThread {
public:
    PerThread() : owner_(next_per_thread_owner()) {}
    PerThread(const PerThread&) = delete;
    PerThread& operator=(const PerThread&) = delete;

    /// This thread's T, made on its first use. An owner's number is never reused, so a thread
    /// never takes the T of an owner that is gone for another's.
    T& local() {
        thread_local std::vector<std::pair<std::uint64_t, T*>> mine;
        if (!mine.empty() && mine.back().first == owner_) return *mine.back().second;
        for (auto& [owner, item] : mine) {
            if (owner == owner_) return *item;
        }
        auto made = std::make_unique<T>();
        T* item = made.get();
        {
            const std::lock_guard lock(mutex_);
            items_.push_back(std::move(made));
        }
        mine.emplace_back(owner_, item);
        return *item;
    }

    /// Calls `visit(T&)` for every thread's T (the caller locks each T as it needs).
    template <typename F>
    void for_each(F visit) const {
        std::vector<T*> items;
        {
            const std::lock_guard lock(mutex_);
            for (const auto& item : items_) items.push_back(item.get());
        }
        for (T* item : items) visit(*item);
    }

private:
    const std::uint64_t owner_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<T>> items_;
};

}  // namespace hx::http

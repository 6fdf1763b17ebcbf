#include "http/per_thread.hpp"

#include <atomic>

namespace hx::http {

std::uint64_t next_per_thread_owner() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1);
}

}  // namespace hx::http

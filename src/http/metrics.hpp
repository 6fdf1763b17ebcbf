#pragma once
/// Prometheus text metrics: requests by route and status, a latency histogram.
///
/// Counted per thread (PerThread): the I/O threads record every request, and one shared map
/// behind one mutex made them wait on each other (a futex call per request); the page adds the
/// threads' counts up when it is read.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/per_thread.hpp"

namespace hx::http {

class Metrics {
public:
    void observe(std::string_view method, std::string_view route, unsigned status, double seconds);
    void connection_opened();
    void connection_closed();
    [[nodiscard]] std::string render() const;

private:
    static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    struct Count {
        std::string method;
        unsigned status = 0;
        std::uint64_t count = 0;
    };
    struct Route {
        std::vector<Count> counts;  // a handful per route: searched in order
        Histogram latency;
    };
    struct Shard {
        std::mutex mutex;  // uncontended but for the page's reader
        std::map<std::string, Route, std::less<>> routes;
    };
    PerThread<Shard> shards_;
    std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace hx::http

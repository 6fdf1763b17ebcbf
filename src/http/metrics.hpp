#pragma once
/// Prometheus text metrics: requests by route and status, a latency histogram.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace hx::http {

class Metrics {
public:
    void observe(const std::string& method, const std::string& route, unsigned status,
                 double seconds);
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
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, std::map<unsigned, std::uint64_t>> requests_;
    std::map<std::string, Histogram> latency_;  // by route
    std::int64_t open_connections_ = 0;
};

}  // namespace hx::http

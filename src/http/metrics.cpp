#include "http/metrics.hpp"

#include <sstream>
#include <utility>

namespace hx::http {

void Metrics::observe(std::string_view method, std::string_view route, unsigned status,
                      double seconds) {
    auto& shard = shards_.local();
    const std::lock_guard lock(shard.mutex);
    auto it = shard.routes.find(route);
    if (it == shard.routes.end()) it = shard.routes.emplace(std::string(route), Route{}).first;
    auto& counts = it->second.counts;
    auto count = counts.begin();
    while (count != counts.end() && (count->status != status || count->method != method)) ++count;
    if (count == counts.end())
        count = counts.insert(counts.end(), Count{std::string(method), status, 0});
    ++count->count;
    auto& h = it->second.latency;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::connection_opened() {
    open_connections_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::connection_closed() {
    open_connections_.fetch_sub(1, std::memory_order_relaxed);
}

std::string Metrics::render() const {
    // The threads' counts added up, in the page's order: by method and route, then status.
    std::map<std::pair<std::string, std::string>, std::map<unsigned, std::uint64_t>> requests;
    std::map<std::string, Histogram> latency;
    shards_.for_each([&](Shard& shard) {
        const std::lock_guard lock(shard.mutex);
        for (const auto& [route, counted] : shard.routes) {
            for (const auto& c : counted.counts) requests[{c.method, route}][c.status] += c.count;
            auto& h = latency[route];
            for (std::size_t i = 0; i < kBuckets.size(); ++i)
                h.buckets[i] += counted.latency.buckets[i];
            h.count += counted.latency.count;
            h.sum += counted.latency.sum;
        }
    });
    std::ostringstream out;
    out << "# HELP huixing_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE huixing_http_requests_total counter\n";
    for (const auto& [key, by_status] : requests) {
        for (const auto& [status, count] : by_status) {
            out << "huixing_http_requests_total{method=\"" << key.first << "\",route=\""
                << key.second << "\",status=\"" << status << "\"} " << count << "\n";
        }
    }
    out << "# HELP huixing_http_request_duration_seconds Request latency by route.\n"
        << "# TYPE huixing_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "huixing_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
        }
        out << "huixing_http_request_duration_seconds_bucket{route=\"" << route
            << "\",le=\"+Inf\"} " << h.count << "\n"
            << "huixing_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum
            << "\n"
            << "huixing_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
            << "\n";
    }
    out << "# HELP huixing_http_open_connections Open client connections.\n"
        << "# TYPE huixing_http_open_connections gauge\n"
        << "huixing_http_open_connections " << open_connections_.load(std::memory_order_relaxed)
        << "\n";
    return out.str();
}

}  // namespace hx::http

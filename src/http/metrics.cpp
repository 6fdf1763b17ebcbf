#include "http/metrics.hpp"

#include <sstream>

namespace hx::http {

void Metrics::observe(const std::string& method, const std::string& route, unsigned status,
                      double seconds) {
    const std::lock_guard lock(mutex_);
    ++requests_[{method, route}][status];
    auto& h = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::connection_opened() {
    const std::lock_guard lock(mutex_);
    ++open_connections_;
}

void Metrics::connection_closed() {
    const std::lock_guard lock(mutex_);
    --open_connections_;
}

std::string Metrics::render() const {
    const std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP huixing_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE huixing_http_requests_total counter\n";
    for (const auto& [key, by_status] : requests_) {
        for (const auto& [status, count] : by_status) {
            out << "huixing_http_requests_total{method=\"" << key.first << "\",route=\""
                << key.second << "\",status=\"" << status << "\"} " << count << "\n";
        }
    }
    out << "# HELP huixing_http_request_duration_seconds Request latency by route.\n"
        << "# TYPE huixing_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "huixing_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
        }
        out << "huixing_http_request_duration_seconds_bucket{route=\"" << route
            << "\",le=\"+Inf\"} " << h.count << "\n"
            << "huixing_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum
            << "\n"
            << "huixing_http_request_duration_seconds_count{route=\"" << route << "\"} "
            << h.count << "\n";
    }
    out << "# HELP huixing_http_open_connections Open client connections.\n"
        << "# TYPE huixing_http_open_connections gauge\n"
        << "huixing_http_open_connections " << open_connections_ << "\n";
    return out.str();
}

}  // namespace hx::http

// Fuzz target: multipart/form-data (src/http/multipart.cpp). The first line of the input is the
// Content-Type header's value (so the boundary's own parsing is fuzzed too); the rest is the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto end_of_line = input.find('\n');
    if (end_of_line == std::string_view::npos) return 0;
    const auto boundary = hx::http::multipart_boundary(input.substr(0, end_of_line));
    if (!boundary) return 0;
    const auto parts = hx::http::parse_multipart(input.substr(end_of_line + 1), *boundary);
    if (parts) {
        std::size_t total = 0;
        for (const auto& part : *parts) total += part.name.size() + part.data.size();
        if (total > size) __builtin_trap();  // parts are slices of the body, never larger
    }
    return 0;
}

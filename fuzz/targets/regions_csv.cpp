// Fuzz target: the division CSV imports (`huixing import regions [--national]`):
// regions::parse_divisions_csv and regions::parse_national_csv on the same bytes.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "domain/regions/national.hpp"
#include "domain/regions/region_service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    static_cast<void>(hx::regions::parse_divisions_csv(in));
    std::istringstream again(std::string(reinterpret_cast<const char*>(data), size));
    static_cast<void>(hx::regions::parse_national_csv(again));
    return 0;
}

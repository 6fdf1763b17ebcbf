// Fuzz target: the division CSV import (`huixing import regions`, regions::parse_divisions_csv).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "domain/regions/region_service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    static_cast<void>(hx::regions::parse_divisions_csv(in));
    return 0;
}

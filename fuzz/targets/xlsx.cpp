// Fuzz target: the XLSX reader (src/http/dto/xlsx_reader.cpp) with small limits, and the
// standard importer on whatever workbook it reads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/dto/standards_xlsx.hpp"
#include "http/dto/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    hx::dto::XlsxLimits limits;
    limits.max_uncompressed_bytes = 4 * 1024 * 1024;
    limits.max_entries = 64;
    limits.max_cell_text_bytes = 4 * 1024 * 1024;
    const auto workbook =
        hx::dto::read_xlsx(std::string_view(reinterpret_cast<const char*>(data), size), limits);
    if (!workbook) return 0;
    static_cast<void>(hx::dto::parse_standard_workbook(*workbook));
    return 0;
}

#pragma once
/// A statistics table as the exports write it (XLSX by src/render/table_xlsx.*, CSV by
/// src/http/dto/table_csv.*): a sheet name, Chinese column headers and rows of cells.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace hx::stats {

/// Text, a whole number or a ratio (0…1, written as a percentage by the XLSX writer).
struct Ratio {
    double value = 0;
};
using Cell = std::variant<std::string, std::int64_t, Ratio>;

struct Table {
    std::string key;   // chooses the table of a CSV export (?table=), e.g. "districts"
    std::string name;  // the sheet's name (at most 31 characters in Excel)
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
};

}  // namespace hx::stats

#pragma once
/// China's division tree for scale runs (issue 9, item 3): the national file
/// (../shared/data/china-villages.csv.gz, 620,573 communities and villages) is imported into a
/// database of its own with `huixing import regions --national FILE` (docs/operations.md). Its
/// roots are the 31 provincial-level units, stored at the tree's top level exactly as Beijing's
/// 110000 is in a Beijing deployment: a code XX0000 without a parent, whose scope prefix is XX.
/// A Beijing deployment never holds anything but 11… and is untouched by this file.
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/regions/region.hpp"

namespace hx::regions {

/// One line of a division CSV split into its fields (RFC 4180 quotes; a CR is dropped), for
/// both imports (parse_divisions_csv, parse_national_csv).
std::vector<std::string> split_csv_line(const std::string& line);
/// The same into `fields`, whose strings are reused (no allocation per line once they are grown).
void split_csv_line(const std::string& line, std::vector<std::string>& fields);

/// The name of a provincial-level unit (GB/T 2260) by its two-digit code, or null.
const char* province_name(std::string_view two_digits);

/// 居委会, 村委会 or 其他, from a community's name (the national file has no kind column).
std::string community_kind(std::string_view name);

/// Parses the national file (header: community_code,community_name,street_code,street_name,
/// district_code,district_name,province_code). Every bad row is reported with its line number
/// (the first 200); the nodes come back, provinces then districts, streets and communities, only
/// when there is none. Rows must not repeat a community; a street or district seen twice must
/// keep its name.
Result<std::vector<Region>> parse_national_csv(std::istream& in);

}  // namespace hx::regions

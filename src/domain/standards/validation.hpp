#pragma once
/// Checks a standard before it is imported or rated: every problem at once, each as a FieldError
/// whose field is the path in the file ("categories[0].subcategories[1].indicators[2].code",
/// "rules.levels[3].min") and whose message, in Chinese, names the offending value.
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/standards/standard.hpp"

namespace hx::standards {

/// The reason of every Error about a malformed standard.
inline constexpr std::string_view kInvalidStandard = "invalid_standard";

/// Whether thresholds are checked against the number of countable indicators. An importer that
/// could not read some indicator kinds (or the count) skips it: the numbers would be wrong and
/// the problem is reported already.
enum class ThresholdCheck { kAgainstCatalogue, kSkip };

/// Every problem of `standard` (empty when none): header, rules, then the catalogue.
std::vector<FieldError> standard_problems(
    const Standard& standard, ThresholdCheck threshold_check = ThresholdCheck::kAgainstCatalogue);

/// ok(), or Error::invalid("invalid_standard", …) carrying every problem.
Status validate_standard(const Standard& standard);

/// The Error for a standard with these problems (shared with the importers, which add their own
/// parse problems to the list before calling it).
Error invalid_standard_error(std::string_view standard_id, std::vector<FieldError> fields);

}  // namespace hx::standards

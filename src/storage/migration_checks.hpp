#pragma once
/// The checks every engine's migration runner makes before it applies anything.
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/migrations.hpp"

namespace hx::storage {

/// kInternal unless the known migrations are in ascending order without repeats.
Status check_known(const std::vector<Migration>& known);

/// A database written by a newer (or a different) release must not be touched by this one:
/// kFailedPrecondition `schema_too_new` for an applied migration this binary does not know,
/// `schema_mismatch` for one whose name differs.
Status check_not_newer(const std::map<int, std::string>& applied,
                       const std::vector<Migration>& known);

}  // namespace hx::storage

#include "domain/identity/user.hpp"

#include "domain/regions/region.hpp"

namespace hx::identity {

std::string Actor::scope() const { return regions::scope_prefix(org_code); }

bool Actor::covers(const std::string& code) const {
    const auto prefix = scope();
    return code.size() >= prefix.size() && code.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace hx::identity

#pragma once
/// One explicit table of every route (router.cpp); nothing registers itself.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/context.hpp"

namespace hx::http {

enum class Access {
    kPublic,  // anyone, no session needed
    kUser,    // a valid session (cookie + CSRF for writes, or a bearer token)
};

/// Whether a GET's answer may be micro-cached (see response_cache.hpp): kPublicShort for a
/// public answer that depends only on the target and the data; kScopedShort for a signed-in
/// caller's answer that depends only on the caller's role and node, the target and the data
/// (the division tree), cached per role and node (scoped_key()), never per person.
enum class Caching { kNone, kPublicShort, kScopedShort };

struct Route {
    std::string_view method;
    std::string_view pattern;  // `/api/v1/regions/{code}`; a trailing `/*` matches the rest
    Access access;
    Handler handler;
    Caching caching = Caching::kNone;
};

const std::vector<Route>& routes();

struct Match {
    const Route* route = nullptr;
    bool path_matched = false;  // some route has this path with another method (405)
};

/// Finds the route for a method and path and fills `params` from the pattern.
Match match_route(const std::string& method, const std::string& path,
                  std::map<std::string, std::string>& params);

}  // namespace hx::http

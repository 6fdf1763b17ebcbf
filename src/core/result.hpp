#pragma once
/// Result<T>: a value or an Error. tl::expected today, std::expected with C++23.
#include <tl/expected.hpp>

#include "core/error.hpp"

namespace hx {

template <typename T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

inline tl::unexpected<Error> fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

inline Status ok() { return {}; }

}  // namespace hx

// Statement macros: early return of the error, as in absl and SerenityOS's TRY().
#define HX_CONCAT_INNER(a, b) a##b
#define HX_CONCAT(a, b) HX_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR_IMPL(name, expr)                       \
    do {                                                       \
        auto&& name = (expr);                                  \
        if (!name) return ::tl::unexpected(name.error());      \
    } while (false)

// A unique name per use: the macro nests (a write transaction's lambda inside RETURN_IF_ERROR).
#define RETURN_IF_ERROR(expr) RETURN_IF_ERROR_IMPL(HX_CONCAT(hx_status_, __COUNTER__), expr)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)              \
    auto tmp = (expr);                                     \
    if (!tmp) return ::tl::unexpected(std::move(tmp).error()); \
    lhs = std::move(*tmp)

#define ASSIGN_OR_RETURN(lhs, expr) \
    ASSIGN_OR_RETURN_IMPL(HX_CONCAT(hx_result_, __COUNTER__), lhs, expr)

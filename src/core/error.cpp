#include "core/error.hpp"

namespace hx {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return "invalid_argument";
        case ErrorCode::kUnauthenticated: return "unauthenticated";
        case ErrorCode::kPermissionDenied: return "permission_denied";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kFailedPrecondition: return "failed_precondition";
        case ErrorCode::kAlreadyExists: return "already_exists";
        case ErrorCode::kRuleViolation: return "rule_violation";
        case ErrorCode::kLocked: return "locked";
        case ErrorCode::kResourceExhausted: return "resource_exhausted";
        case ErrorCode::kTooLarge: return "too_large";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kInternal: return "internal";
    }
    return "internal";
}

}  // namespace hx

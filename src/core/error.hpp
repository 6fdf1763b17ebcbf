#pragma once
/// Canonical error codes and the Error value every fallible function returns.
/// Picking a code (after absl/status/status.h):
///  - kInvalidArgument: the request itself is malformed, whatever the state of the system (400).
///  - kUnauthenticated: no valid session (401).
///  - kPermissionDenied: the caller's role may not do this at all (403).
///  - kNotFound: the object does not exist or lies outside the caller's scope (404).
///  - kFailedPrecondition: the object is in the wrong state for this action (409).
///  - kRuleViolation: a rule of the measures refuses it (deadline, eligibility) (422).
///  - kLocked: the account is locked (423).
///  - kResourceExhausted: rate limited (429).
///  - kTooLarge: a body or file over its limit (413).
///  - kAlreadyExists: a unique name is taken (409).
///  - kInternal / kUnavailable: our fault or a dependency's; never shown in detail to clients.
#include <string>
#include <utility>
#include <vector>

namespace hx {

enum class ErrorCode {
    kInvalidArgument,
    kUnauthenticated,
    kPermissionDenied,
    kNotFound,
    kFailedPrecondition,
    kAlreadyExists,
    kRuleViolation,
    kLocked,
    kResourceExhausted,
    kTooLarge,
    kUnavailable,
    kInternal,
};

/// One problem with one field of a request or one row of an import.
struct FieldError {
    std::string field;
    std::string message;
};

class Error {
public:
    /// `reason` is a short machine word for clients (`deadline_passed`, `not_eligible`, …);
    /// `message` is the Chinese sentence a person reads.
    Error(ErrorCode code, std::string reason, std::string message,
          std::vector<FieldError> fields = {})
        : code_(code),
          reason_(std::move(reason)),
          message_(std::move(message)),
          fields_(std::move(fields)) {}

    [[nodiscard]] ErrorCode code() const { return code_; }
    [[nodiscard]] const std::string& reason() const { return reason_; }
    [[nodiscard]] const std::string& message() const { return message_; }
    [[nodiscard]] const std::vector<FieldError>& fields() const { return fields_; }

    static Error invalid(std::string reason, std::string message,
                         std::vector<FieldError> fields = {}) {
        return {ErrorCode::kInvalidArgument, std::move(reason), std::move(message),
                std::move(fields)};
    }
    static Error not_found(std::string message) {
        return {ErrorCode::kNotFound, "not_found", std::move(message)};
    }
    static Error forbidden(std::string message) {
        return {ErrorCode::kPermissionDenied, "forbidden", std::move(message)};
    }
    static Error conflict(std::string reason, std::string message) {
        return {ErrorCode::kFailedPrecondition, std::move(reason), std::move(message)};
    }
    static Error rule(std::string reason, std::string message) {
        return {ErrorCode::kRuleViolation, std::move(reason), std::move(message)};
    }
    /// The detail goes to the log only; clients see a generic sentence and the request id.
    static Error internal(std::string detail) {
        return {ErrorCode::kInternal, "internal", std::move(detail)};
    }

private:
    ErrorCode code_;
    std::string reason_;
    std::string message_;
    std::vector<FieldError> fields_;
};

/// The English word for a code, used in logs and metrics.
const char* to_string(ErrorCode code);

}  // namespace hx

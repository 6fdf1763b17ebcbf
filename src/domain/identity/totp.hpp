#pragma once
/// TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second factor of 等保 level 3.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace hx::identity {

/// A new random secret, base32 without padding (160 bits).
std::string generate_totp_secret();
/// The 6-digit code for a secret at a moment.
std::string totp_code(std::string_view base32_secret, Timestamp at);
/// Accepts the code of the current step and of one step either side (clock drift).
/// The time step (Unix seconds / 30) whose code `code` is, among the current step and one step
/// either side; empty when none matches. Sign-in keeps the last accepted step per account so
/// that a code is accepted once (RFC 6238 §5.2).
std::optional<std::int64_t> matching_totp_step(std::string_view base32_secret,
                                               std::string_view code, Timestamp at);
bool verify_totp(std::string_view base32_secret, std::string_view code, Timestamp at);
/// otpauth:// URI for authenticator apps.
std::string totp_uri(std::string_view username, std::string_view base32_secret);

}  // namespace hx::identity

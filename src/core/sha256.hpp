#pragma once
/// SHA-256 as lowercase hex: the file store's content addresses, the spot-check seed
/// commitments (第十四条3, 第十九条) and the evidence rows all name bytes this one way.
#include <optional>
#include <string>
#include <string_view>

namespace hx {

/// The SHA-256 digest of `bytes` as 64 lowercase hex digits (OpenSSL: it uses the CPU's SHA
/// extensions; hashing 1 MiB uploads with libsodium was a fifth of the CPU in the deadline rush).
std::string sha256_hex(std::string_view bytes);

/// Whether `text` is 64 lowercase hex digits, as sha256_hex writes them.
bool is_sha256_hex(std::string_view text);

/// A digest a person typed or pasted (64 hex digits, either case) as sha256_hex writes it, or
/// nothing when `text` is no SHA-256 digest.
std::optional<std::string> normalize_sha256_hex(std::string_view text);

}  // namespace hx

#pragma once
/// Commenters' phone numbers at rest (后台实名, issue 10 item 8): encrypted with SM4 (GB/T 32907)
/// and authenticated with HMAC-SM3 (GB/T 32905), and a keyed digest to count and look up without
/// the number. The key comes from the secrets directory (--secrets), never from the database.
/// docs/notice.md § 个人信息 describes the format.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hx::notice {

/// PhoneProtector (declared in notice.hpp, implemented in phone_protector.cpp) stores a sealed
/// number as text (the comments.phone_sealed column):
///  - version 2 (written): "v2:" + base64(0x02 ‖ iv[16] ‖ SM4-CTR ciphertext ‖ HMAC-SM3 tag[32]),
///    the tag over version byte, iv and ciphertext (encrypt-then-MAC). OpenSSL 3.0 in Debian 12
///    has no SM4-GCM, hence CTR plus a MAC.
///  - version 1 (read only): base64(nonce[24] ‖ XSalsa20-Poly1305 box), libsodium's secretbox
///    with the master key itself; rows written before version 2 still open.
/// The one 32-byte master key (phone.key) yields separate keys for encryption, authentication and
/// the lookup digest (HMAC-SM3 of the master key over a fixed label each). The digest is the
/// lowercase hex HMAC-SM3 of the text under the lookup key.

/// SM4 in counter mode (the counter is the whole 16-byte block, big-endian): `key` and `iv` are 16
/// bytes. Encrypts and decrypts alike. Public for the known-answer test of GB/T 32907.
Result<std::string> sm4_ctr(std::string_view key, std::string_view iv, std::string_view data);
/// HMAC-SM3, 32 bytes.
Result<std::string> hmac_sm3(std::string_view key, std::string_view data);

}  // namespace hx::notice

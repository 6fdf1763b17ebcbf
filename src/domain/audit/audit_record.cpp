#include "domain/audit/audit_record.hpp"

#include <sodium.h>

#include <array>

namespace hx::audit {

const char* to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::kSuccess: return "success";
        case Outcome::kFailure: return "failure";
        case Outcome::kDenied: return "denied";
    }
    return "failure";
}

std::optional<Outcome> parse_outcome(const std::string& text) {
    for (auto outcome : {Outcome::kSuccess, Outcome::kFailure, Outcome::kDenied}) {
        if (text == to_string(outcome)) return outcome;
    }
    return std::nullopt;
}

namespace {
void add_field(crypto_hash_sha256_state& state, const std::string& value) {
    // Length-prefixed, so ("ab","c") and ("a","bc") hash differently.
    const std::string prefix = std::to_string(value.size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()),
                              prefix.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                              value.size());
}
}  // namespace

std::string chain_hash(const AuditRecord& record) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    add_field(state, record.prev_hash);
    add_field(state, std::to_string(record.seq));
    add_field(state, std::to_string(to_unix_ms(record.at)));
    add_field(state, std::to_string(record.user_id));
    add_field(state, record.username);
    add_field(state, record.role);
    add_field(state, record.org_code);
    add_field(state, record.action);
    add_field(state, record.object);
    add_field(state, to_string(record.outcome));
    add_field(state, record.client_addr);
    add_field(state, record.request_id);
    add_field(state, record.detail);
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

}  // namespace hx::audit

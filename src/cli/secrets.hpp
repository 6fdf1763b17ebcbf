#pragma once
/// The secrets kept apart from the database, so that a copy of the database alone can neither
/// forge a plaque nor read a commenter's phone number: the SM2 key that seals plaques and the
/// key that encrypts phone numbers. A directory (mode 0700) of two files (mode 0600).
#include <string>

#include "core/result.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/certifications/seal.hpp"
#include "domain/notice/notice_service.hpp"

namespace hx::cli {

struct Secrets {
    certifications::SealKey seal;
    std::string phone_key;  // 32 bytes
};

/// Where the secrets live: $HUIXING_SECRETS, else PATH.secrets beside a SQLite file; "" when
/// neither applies (a PostgreSQL deployment names a directory every instance shares).
std::string secrets_dir(const std::string& db_url);

/// Reads DIR/seal-sm2.pem and DIR/phone.key, creating whichever is missing.
Result<Secrets> load_secrets(const std::string& dir);

/// The plaque sealer over the SM2 key.
class KeySealer final : public certifications::Sealer {
public:
    explicit KeySealer(certifications::SealKey key) : key_(std::move(key)) {}
    [[nodiscard]] std::string key_id() const override { return key_.key_id(); }
    [[nodiscard]] std::string public_pem() const override { return key_.public_pem(); }
    [[nodiscard]] Result<std::string> sign(std::string_view payload) const override { return key_.sign(payload); }

private:
    certifications::SealKey key_;
};

/// Stands in when no secrets directory is configured (a PostgreSQL command without
/// --secrets): everything but sealing works; sealing says what is missing.
class UnconfiguredSealer final : public certifications::Sealer {
public:
    [[nodiscard]] std::string key_id() const override { return {}; }
    [[nodiscard]] std::string public_pem() const override { return {}; }
    [[nodiscard]] Result<std::string> sign(std::string_view) const override;
};

/// The default SMS provider: writes the message to the server log (development and tests).
class LogSmsSender final : public notice::SmsSender {
public:
    Status send(const std::string& phone, const std::string& text) override;
};

}  // namespace hx::cli

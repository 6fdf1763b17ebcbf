#include "cli/secrets.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

namespace hx::cli {

namespace {

constexpr const char* kSealFile = "seal-sm2.pem";
constexpr const char* kSecretsMissing =
    "未配置密钥目录：PostgreSQL 部署须用 --secrets 或环境变量 HUIXING_SECRETS 指定各实例共用的密钥目录";
constexpr const char* kPhoneFile = "phone.key";

Result<std::optional<std::string>> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT) return std::optional<std::string>();
        return fail(Error::internal("cannot read " + path + ": " + std::strerror(errno)));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return std::optional<std::string>(text.str());
}

/// Written to a temporary file, synced, then renamed: a crash leaves the old file or the new.
Status write_private(const std::string& path, const std::string& bytes) {
    const auto temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return fail(Error::internal("cannot create " + temporary + ": " + std::strerror(errno)));
    const auto written = ::write(fd, bytes.data(), bytes.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (written != static_cast<ssize_t>(bytes.size()) || !synced || ::rename(temporary.c_str(), path.c_str()) != 0) {
        return fail(Error::internal("cannot write " + path + ": " + std::strerror(errno)));
    }
    return ok();
}

}  // namespace

std::string secrets_dir(const std::string& db_url) {
    if (const char* env = std::getenv("HUIXING_SECRETS"); env != nullptr && *env != '\0') return env;
    for (const std::string prefix : {"sqlite://", "sqlite:"}) {
        if (db_url.rfind(prefix, 0) == 0) return db_url.substr(prefix.size()) + ".secrets";
    }
    return {};
}

Result<Secrets> load_secrets(const std::string& dir) {
    if (dir.empty()) {
        return fail(Error::invalid("secrets_missing", kSecretsMissing));
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        return fail(Error::internal("cannot create " + dir + ": " + std::strerror(errno)));
    }
    const auto seal_path = dir + "/" + kSealFile;
    ASSIGN_OR_RETURN(auto pem, read_file(seal_path));
    std::optional<certifications::SealKey> seal;
    if (pem) {
        ASSIGN_OR_RETURN(seal, certifications::SealKey::from_private_pem(*pem));
    } else {
        ASSIGN_OR_RETURN(seal, certifications::SealKey::generate());
        RETURN_IF_ERROR(write_private(seal_path, seal->private_pem()));
        spdlog::info("{{\"event\":\"seal_key_created\",\"key_id\":\"{}\"}}", seal->key_id());
    }
    const auto phone_path = dir + "/" + kPhoneFile;
    ASSIGN_OR_RETURN(auto phone_hex, read_file(phone_path));
    std::string phone_key(crypto_secretbox_KEYBYTES, '\0');
    if (phone_hex) {
        std::size_t length = 0;
        if (sodium_hex2bin(reinterpret_cast<unsigned char*>(phone_key.data()), phone_key.size(), phone_hex->data(),
                           phone_hex->size(), "\n", &length, nullptr) != 0 ||
            length != phone_key.size()) {
            return fail(Error::internal(phone_path + " is not 32 bytes of hex"));
        }
    } else {
        randombytes_buf(phone_key.data(), phone_key.size());
        std::string hex(phone_key.size() * 2 + 1, '\0');
        sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(phone_key.data()), phone_key.size());
        hex.back() = '\n';
        RETURN_IF_ERROR(write_private(phone_path, hex));
    }
    return Secrets{std::move(*seal), std::move(phone_key)};
}

Result<std::string> UnconfiguredSealer::sign(std::string_view) const {
    return fail(Error::invalid("secrets_missing", kSecretsMissing));
}

Status LogSmsSender::send(const std::string& phone, const std::string& text) {
    // Development provider: the message goes to the log, the number masked.
    spdlog::info("{{\"event\":\"sms\",\"provider\":\"log\",\"phone\":\"{}\",\"text\":\"{}\"}}", notice::mask_phone(phone),
                 text);
    return ok();
}

}  // namespace hx::cli

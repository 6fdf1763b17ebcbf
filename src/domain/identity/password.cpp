#include "domain/identity/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <semaphore>

namespace hx::identity {

namespace {

// The most common passwords that could otherwise meet the length and class rules;
// compared case-insensitively after removing separators.
constexpr std::array<std::string_view, 24> kCommonPasswords = {
    "password1234", "password12345", "password123456", "passw0rd1234", "p@ssw0rd1234",
    "qwerty123456", "qwertyuiop123", "1qaz2wsx3edc", "1qaz@wsx3edc", "admin1234567",
    "administrator1", "welcome12345", "iloveyou1234", "abc123456789", "abcd12345678",
    "a1234567890b", "zaq12wsxcde3", "letmein12345", "huixing12345", "beijing12345",
    "beijing2024!", "changeme1234", "asdfghjkl123", "woaini123456",
};

std::string lower_alnum(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '@' || c == '!') out.push_back(static_cast<char>(std::tolower(u)));
    }
    return out;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

// OWASP's argon2id minimum (19 MiB, two passes): enough against offline guessing, and a
// sign-in costs 19 MiB rather than libsodium's interactive 64 MiB. Stored hashes carry their
// own parameters, so older hashes still verify.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19U * 1024U * 1024U;

/// At most two hashes at once (one per core): a burst of sign-ins queues instead of taking
/// the memory of every worker thread at the same time.
std::counting_semaphore<2>& hashing_slots() {
    static std::counting_semaphore<2> slots(2);
    return slots;
}

struct HashingSlot {
    HashingSlot() { hashing_slots().acquire(); }
    ~HashingSlot() { hashing_slots().release(); }
    HashingSlot(const HashingSlot&) = delete;
    HashingSlot& operator=(const HashingSlot&) = delete;
};

bool init_sodium() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

}  // namespace

Status check_password_policy(std::string_view password, std::string_view username) {
    std::vector<FieldError> problems;
    if (utf8_length(password) < 12) problems.push_back({"password", "密码至少需要 12 个字符"});
    int upper = 0, lower_case = 0, digit = 0, symbol = 0;
    for (char c : password) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isupper(u)) upper = 1;
        else if (std::islower(u)) lower_case = 1;
        else if (std::isdigit(u)) digit = 1;
        else symbol = 1;
    }
    if (upper + lower_case + digit + symbol < 3) {
        problems.push_back({"password", "密码须包含大写字母、小写字母、数字、符号中的至少三类"});
    }
    if (!username.empty() && lower(password).find(lower(username)) != std::string::npos) {
        problems.push_back({"password", "密码不得包含用户名"});
    }
    const auto normalized = lower_alnum(password);
    if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), normalized) !=
        kCommonPasswords.end()) {
        problems.push_back({"password", "密码过于常见，请换一个"});
    }
    if (!problems.empty()) {
        return fail(Error::invalid("weak_password", "密码不符合安全要求", std::move(problems)));
    }
    return ok();
}

Result<std::string> hash_password(std::string_view password) {
    if (!init_sodium()) return fail(Error::internal("sodium_init failed"));
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const HashingSlot slot;
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(Error::internal("argon2id hashing ran out of memory"));
    }
    return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password) {
    if (!init_sodium() || hash.empty()) return false;
    const std::string terminated(hash);
    const HashingSlot slot;
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string generate_password() {
    init_sodium();
    // No look-alike characters (0/O, 1/l/I) so a password read aloud survives.
    static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static constexpr std::string_view kLower = "abcdefghijkmnpqrstuvwxyz";
    static constexpr std::string_view kDigits = "23456789";
    static constexpr std::string_view kSymbols = "-_.!";
    std::string out;
    for (int group = 0; group < 4; ++group) {
        if (group > 0) out.push_back(kSymbols[randombytes_uniform(kSymbols.size())]);
        out.push_back(kUpper[randombytes_uniform(kUpper.size())]);
        for (int i = 0; i < 2; ++i) out.push_back(kLower[randombytes_uniform(kLower.size())]);
        out.push_back(kDigits[randombytes_uniform(kDigits.size())]);
    }
    return out;  // e.g. Kab3-Pqr7.Xyz2!Mno5: 19 characters, four classes
}

}  // namespace hx::identity

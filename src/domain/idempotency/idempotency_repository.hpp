#pragma once
/// The stored answers of writes made with an `Idempotency-Key` (docs/reliability.md). The domain
/// never looks inside a record: the HTTP layer writes it in the transaction of the write it
/// acknowledges and replays it when the same caller retries with the same key.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hx::idempotency {

struct Record {
    std::int64_t user_id = 0;
    std::string key;
    std::string method;
    std::string path;
    std::string request_hash;  // SHA-256 (hex) of method, target and body
    int status = 0;
    std::string content_type;
    std::string body;
    Timestamp created_at;
};

/// Keys are kept for a day: a client retries within seconds or minutes, not days.
inline constexpr std::chrono::hours kRetention{24};

class IdempotencyRepository {
public:
    virtual ~IdempotencyRepository() = default;
    virtual Result<std::optional<Record>> find(std::int64_t user_id, const std::string& key) = 0;
    /// kAlreadyExists when the caller has used the key already.
    virtual Status insert(const Record& record) = 0;
    virtual Status forget_before(Timestamp before) = 0;
};

}  // namespace hx::idempotency

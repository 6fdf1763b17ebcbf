#pragma once
/// Sessions this process has checked against the database within the last TTL (default one
/// second), keyed by the token's hash, so that a client's burst of requests costs one session
/// read per TTL instead of one read transaction each (docs/performance.md § S4).
///
/// What stays exact:
/// - The idle and absolute limits are checked on every request against the entry's times, with
///   the service clock. The entry's `last_seen_at` is the latest use this process knows of (a
///   use here moves it at once); an entry that says "idle too long" is read again from the
///   database before the request is refused, because another instance may have seen a later use.
/// - A revocation made through this process (sign-out, disabling a user, a password reset)
///   removes the entries before the call returns, and bumps a generation counter: a reader that
///   read the database before the revocation committed cannot put its stale entry back, since
///   put() refuses an entry read under an older generation.
/// - A revocation made by another process (another instance behind nginx, `huixing user
///   disable`) reaches this one when its entry is next read from the database: within the TTL.
///
/// The cache is bounded (kMaxEntries); when full it drops entries older than the TTL and, if
/// that is not enough, everything (each token then costs one read again).
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "domain/identity/role.hpp"

namespace hx::identity {

class SessionCache {
public:
    using Steady = std::chrono::steady_clock;
    static constexpr std::size_t kMaxEntries = 100000;

    struct Entry {
        std::int64_t user_id = 0;
        std::string username;
        Role role = Role::kCommunity;
        std::string org_code;
        std::string csrf_token;
        Timestamp created_at;
        Timestamp last_seen_at;    // the latest use known to this process
        Timestamp stored_seen_at;  // what the database holds (its last read or touch here)
        Steady::time_point checked_at;  // when the database was last read for this entry
    };

    struct Lookup {
        std::optional<Entry> entry;  // as last known (maybe older than the TTL)
        bool fresh = false;          // read from the database less than the TTL ago
        std::uint64_t generation = 0;
    };

    explicit SessionCache(std::chrono::milliseconds ttl = std::chrono::seconds(1)) : ttl_(ttl) {}

    [[nodiscard]] std::chrono::milliseconds ttl() const { return ttl_; }

    /// The entry of `token_hash` with the generation to hand back to put().
    Lookup find(const std::string& token_hash, Steady::time_point now);
    /// Keeps `entry` unless an invalidation happened after `generation` was read.
    void put(const std::string& token_hash, Entry entry, std::uint64_t generation);
    /// Records a use at `at`. True when the caller should write the touch: the database's copy
    /// is `touch_every` or more behind. The entry then counts as touched, so that concurrent
    /// requests do not write the same touch again.
    bool use(const std::string& token_hash, Timestamp at, std::chrono::milliseconds touch_every);

    /// The entry when it is fresh, `valid` says yes to it as it was before this use, and no
    /// touch is due: the use at `at` is recorded and a copy returned. Nothing otherwise (the
    /// caller then takes the full path, which reads or writes the database).
    std::optional<Entry> use_fresh(const std::string& token_hash, Steady::time_point now,
                                   Timestamp at, std::chrono::milliseconds touch_every,
                                   const std::function<bool(const Entry&)>& valid);

    /// After a sign-out: this token is unknown again.
    void forget(const std::string& token_hash);
    /// After a change that revokes a user's sessions (the user disabled, a password reset).
    void forget_user(std::int64_t user_id);
    /// Everything is unknown again.
    void clear();

    /// Records what this thread drops from this cache (forget, forget_user, clear) while it
    /// lives, to drop it again with replay(). For a caller whose transaction commits after the
    /// use case returned (the HTTP layer's write enclosed with its Idempotency-Key record):
    /// between the use case's drop and that commit, another request may read the session as the
    /// database still holds it and put it back; replay() after the commit removes it again, and
    /// its new generation refuses any such read still under way. Only what the write revoked
    /// is dropped: every other session stays in memory.
    class Recording {
    public:
        explicit Recording(SessionCache& cache);
        ~Recording();
        Recording(const Recording&) = delete;
        Recording& operator=(const Recording&) = delete;
        /// Stops recording and drops again what was recorded (nothing when nothing was).
        void replay();

    private:
        friend class SessionCache;
        SessionCache& cache_;
        Recording* previous_;
        bool active_ = true;
        std::vector<std::string> tokens_;
        std::vector<std::int64_t> users_;
        bool everything_ = false;
    };

private:
    /// The recording of this thread for this cache, if any.
    Recording* recording();

    void evict_old(Steady::time_point now);

    std::chrono::milliseconds ttl_;
    std::mutex mutex_;
    std::uint64_t generation_ = 0;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hx::identity

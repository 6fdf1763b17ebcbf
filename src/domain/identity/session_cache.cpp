#include "domain/identity/session_cache.hpp"

#include <algorithm>

namespace hx::identity {

SessionCache::Lookup SessionCache::find(const std::string& token_hash, Steady::time_point now) {
    const std::lock_guard lock(mutex_);
    Lookup out;
    out.generation = generation_;
    const auto it = entries_.find(token_hash);
    if (it == entries_.end()) return out;
    out.entry = it->second;
    out.fresh = now - it->second.checked_at < ttl_;
    return out;
}

void SessionCache::put(const std::string& token_hash, Entry entry, std::uint64_t generation) {
    const std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    if (entries_.size() >= kMaxEntries && entries_.find(token_hash) == entries_.end()) {
        evict_old(entry.checked_at);
        if (entries_.size() >= kMaxEntries) entries_.clear();
    }
    auto& slot = entries_[token_hash];
    // A use this process saw while the database was read stays known.
    entry.last_seen_at = std::max(entry.last_seen_at, slot.last_seen_at);
    entry.stored_seen_at = std::max(entry.stored_seen_at, slot.stored_seen_at);
    slot = std::move(entry);
}

bool SessionCache::use(const std::string& token_hash, Timestamp at,
                       std::chrono::milliseconds touch_every) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(token_hash);
    if (it == entries_.end()) return false;
    auto& entry = it->second;
    entry.last_seen_at = std::max(entry.last_seen_at, at);
    if (at - entry.stored_seen_at < touch_every) return false;
    entry.stored_seen_at = at;
    return true;
}

std::optional<SessionCache::Entry> SessionCache::use_fresh(const std::string& token_hash,
                                                          Steady::time_point now, Timestamp at,
                                                          std::chrono::milliseconds touch_every,
                                                          const std::function<bool(const Entry&)>& valid) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(token_hash);
    if (it == entries_.end()) return std::nullopt;
    auto& entry = it->second;
    if (now - entry.checked_at >= ttl_ || at - entry.stored_seen_at >= touch_every || !valid(entry)) {
        return std::nullopt;
    }
    entry.last_seen_at = std::max(entry.last_seen_at, at);
    return entry;
}

namespace {
thread_local SessionCache::Recording* t_recording = nullptr;
}  // namespace

SessionCache::Recording* SessionCache::recording() {
    for (auto* r = t_recording; r != nullptr; r = r->previous_) {
        if (&r->cache_ == this) return r;
    }
    return nullptr;
}

void SessionCache::forget(const std::string& token_hash) {
    {
        const std::lock_guard lock(mutex_);
        ++generation_;
        entries_.erase(token_hash);
    }
    if (auto* r = recording()) r->tokens_.push_back(token_hash);
}

void SessionCache::forget_user(std::int64_t user_id) {
    {
        const std::lock_guard lock(mutex_);
        ++generation_;
        std::erase_if(entries_, [&](const auto& item) { return item.second.user_id == user_id; });
    }
    if (auto* r = recording()) r->users_.push_back(user_id);
}

void SessionCache::clear() {
    {
        const std::lock_guard lock(mutex_);
        ++generation_;
        entries_.clear();
    }
    if (auto* r = recording()) r->everything_ = true;
}

SessionCache::Recording::Recording(SessionCache& cache) : cache_(cache), previous_(t_recording) {
    t_recording = this;
}

SessionCache::Recording::~Recording() {
    if (active_) t_recording = previous_;
}

void SessionCache::Recording::replay() {
    if (!active_) return;
    active_ = false;
    t_recording = previous_;  // what follows is not recorded again (an enclosing one records it)
    if (everything_) {
        cache_.clear();
        return;
    }
    for (const auto& token : tokens_) cache_.forget(token);
    for (const auto user : users_) cache_.forget_user(user);
}

void SessionCache::evict_old(Steady::time_point now) {
    std::erase_if(entries_, [&](const auto& item) { return now - item.second.checked_at >= ttl_; });
}

}  // namespace hx::identity

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

void SessionCache::forget(const std::string& token_hash) {
    const std::lock_guard lock(mutex_);
    ++generation_;
    entries_.erase(token_hash);
}

void SessionCache::clear() {
    const std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
}

void SessionCache::evict_old(Steady::time_point now) {
    std::erase_if(entries_, [&](const auto& item) { return now - item.second.checked_at >= ttl_; });
}

}  // namespace hx::identity

// SessionCache (src/domain/identity/session_cache.hpp): freshness, the touch that is due once a
// second, and invalidations that a reader holding an older generation cannot undo.
#include <gtest/gtest.h>

#include <thread>

#include "domain/identity/session_cache.hpp"

namespace hx::identity {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Steady = SessionCache::Steady;

Timestamp at_s(int s) { return Timestamp(seconds(s)); }

SessionCache::Entry entry(Steady::time_point checked_at, Timestamp seen) {
    SessionCache::Entry e;
    e.user_id = 7;
    e.username = "dc_social";
    e.org_code = "110101";
    e.csrf_token = "csrf";
    e.created_at = at_s(0);
    e.last_seen_at = seen;
    e.stored_seen_at = seen;
    e.checked_at = checked_at;
    return e;
}

const auto kAlways = [](const SessionCache::Entry&) { return true; };

TEST(SessionCache, AnEntryIsFreshForTheTtlOnly) {
    SessionCache cache(milliseconds(1000));
    const auto t0 = Steady::now();
    EXPECT_FALSE(cache.find("h", t0).entry);
    cache.put("h", entry(t0, at_s(10)), cache.find("h", t0).generation);
    EXPECT_TRUE(cache.find("h", t0 + milliseconds(999)).fresh);
    const auto old = cache.find("h", t0 + milliseconds(1000));
    EXPECT_FALSE(old.fresh);
    ASSERT_TRUE(old.entry);  // still known, for its last use
    EXPECT_EQ(old.entry->user_id, 7);
    EXPECT_FALSE(cache.use_fresh("h", t0 + milliseconds(1000), at_s(10), seconds(1), kAlways));
}

TEST(SessionCache, ATouchIsDueOncePerIntervalAndOnlyOnce) {
    SessionCache cache;
    const auto t0 = Steady::now();
    cache.put("h", entry(t0, at_s(10)), cache.find("h", t0).generation);
    EXPECT_FALSE(cache.use("h", at_s(10) + milliseconds(999), seconds(1)));
    // The fast path records the use while no touch is due …
    const auto used = cache.use_fresh("h", t0, at_s(10) + milliseconds(999), seconds(1), kAlways);
    ASSERT_TRUE(used);
    EXPECT_EQ(used->last_seen_at, at_s(10) + milliseconds(999));
    // … and hands over to the full path when one is.
    EXPECT_FALSE(cache.use_fresh("h", t0, at_s(11), seconds(1), kAlways));
    EXPECT_TRUE(cache.use("h", at_s(11), seconds(1)));
    EXPECT_FALSE(cache.use("h", at_s(11), seconds(1)));  // a concurrent request does not write it again
    EXPECT_EQ(cache.find("h", t0).entry->last_seen_at, at_s(11));
}

TEST(SessionCache, TheValidityCheckSeesTheLastUseBeforeThisOne) {
    SessionCache cache;
    const auto t0 = Steady::now();
    cache.put("h", entry(t0, at_s(10)), cache.find("h", t0).generation);
    Timestamp seen;
    EXPECT_FALSE(cache.use_fresh("h", t0, at_s(10) + milliseconds(500), seconds(1),
                                 [&](const SessionCache::Entry& e) {
                                     seen = e.last_seen_at;
                                     return false;
                                 }));
    EXPECT_EQ(seen, at_s(10));
    EXPECT_EQ(cache.find("h", t0).entry->last_seen_at, at_s(10));  // a refused use is not recorded
}

TEST(SessionCache, AReaderOfAnOlderGenerationCannotPutARevokedSessionBack) {
    SessionCache cache;
    const auto t0 = Steady::now();
    cache.put("h", entry(t0, at_s(10)), cache.find("h", t0).generation);
    const auto before = cache.find("h", t0).generation;  // a reader starts reading the database
    cache.forget("h");                                   // the sign-out commits
    cache.put("h", entry(t0, at_s(10)), before);         // the reader's (stale) answer
    EXPECT_FALSE(cache.find("h", t0).entry);
    // The same after clear() (a user disabled, a password reset).
    cache.put("h", entry(t0, at_s(10)), cache.find("h", t0).generation);
    cache.put("other", entry(t0, at_s(10)), cache.find("other", t0).generation);
    const auto older = cache.find("h", t0).generation;
    cache.clear();
    EXPECT_FALSE(cache.find("h", t0).entry);
    EXPECT_FALSE(cache.find("other", t0).entry);
    cache.put("h", entry(t0, at_s(10)), older);
    EXPECT_FALSE(cache.find("h", t0).entry);
    // A reader that started after the revocation puts what it read.
    cache.put("h", entry(t0, at_s(12)), cache.find("h", t0).generation);
    EXPECT_TRUE(cache.find("h", t0).entry);
}

TEST(SessionCache, ARefreshKeepsTheLatestUseThisProcessSaw) {
    SessionCache cache;
    const auto t0 = Steady::now();
    cache.put("h", entry(t0, at_s(10)), cache.find("h", t0).generation);
    EXPECT_TRUE(cache.use_fresh("h", t0, at_s(10) + milliseconds(800), seconds(1), kAlways));
    // The database still holds 10 s: a refresh does not move the use back.
    cache.put("h", entry(t0 + seconds(2), at_s(10)), cache.find("h", t0).generation);
    EXPECT_EQ(cache.find("h", t0 + seconds(2)).entry->last_seen_at, at_s(10) + milliseconds(800));
}

SessionCache::Entry entry_of(std::int64_t user_id, Steady::time_point checked_at) {
    auto e = entry(checked_at, at_s(10));
    e.user_id = user_id;
    return e;
}

/// Keeps a session of `user_id` read at `t0`, as a reader that started now would.
void put_read(SessionCache& cache, const std::string& hash, std::int64_t user_id, Steady::time_point t0) {
    cache.put(hash, entry_of(user_id, t0), cache.find(hash, t0).generation);
}

TEST(SessionCache, ForgettingAUserDropsThatUsersSessionsOnly) {
    SessionCache cache;
    const auto t0 = Steady::now();
    put_read(cache, "a1", 1, t0);
    put_read(cache, "a2", 1, t0);
    put_read(cache, "b", 2, t0);
    const auto reading = cache.find("a1", t0).generation;  // a read under way
    cache.forget_user(1);
    EXPECT_FALSE(cache.find("a1", t0).entry);
    EXPECT_FALSE(cache.find("a2", t0).entry);
    EXPECT_TRUE(cache.find("b", t0).fresh);
    cache.put("a1", entry_of(1, t0), reading);  // read before the revocation: refused
    EXPECT_FALSE(cache.find("a1", t0).entry);
}

TEST(SessionCache, ARecordingDropsAgainWhatARevocationDroppedBeforeItsCommit) {
    // The HTTP layer's write with an Idempotency-Key: the sign-out drops the session from
    // memory inside the enclosing transaction, which commits only later. In between, another
    // request reads the session from the database, which still says it is alive, and puts it
    // back under the generation of after the drop.
    SessionCache cache;
    const auto t0 = Steady::now();
    put_read(cache, "signed-out", 1, t0);
    put_read(cache, "disabled", 2, t0);
    put_read(cache, "bystander", 3, t0);
    {
        SessionCache::Recording recording(cache);
        cache.forget("signed-out");
        cache.forget_user(2);
        // Another thread's request, between the drop and the commit (not recorded: only this
        // thread's drops are).
        std::thread other([&] {
            put_read(cache, "signed-out", 1, t0);
            put_read(cache, "disabled", 2, t0);
        });
        other.join();
        ASSERT_TRUE(cache.find("signed-out", t0).entry);  // the race this guards against
        const auto reading = cache.find("disabled", t0).generation;  // a read still under way
        recording.replay();  // after the commit
        EXPECT_FALSE(cache.find("signed-out", t0).entry);
        EXPECT_FALSE(cache.find("disabled", t0).entry);
        cache.put("disabled", entry_of(2, t0), reading);
        EXPECT_FALSE(cache.find("disabled", t0).entry);
        // Nothing else was dropped.
        EXPECT_TRUE(cache.find("bystander", t0).fresh);
    }
    // A write that revoked nothing drops nothing, and a recording that ended records no more.
    const auto generation = cache.find("bystander", t0).generation;
    {
        SessionCache::Recording recording(cache);
        recording.replay();
        cache.forget("unknown");
    }
    EXPECT_TRUE(cache.find("bystander", t0).fresh);
    EXPECT_EQ(cache.find("bystander", t0).generation, generation + 1);  // the forget alone
}

}  // namespace
}  // namespace hx::identity

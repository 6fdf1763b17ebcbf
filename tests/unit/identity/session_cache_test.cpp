// SessionCache (src/domain/identity/session_cache.hpp): freshness, the touch that is due once a
// second, and invalidations that a reader holding an older generation cannot undo.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace hx::identity

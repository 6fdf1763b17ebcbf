// Issue 10 item 7: 1,000 random edits, deletions and reorderings of the audit table are all
// detected by the check `huixing audit verify` runs (audit::verify → ChainVerifier), naming the
// first bad record. The log is written through the real audit service into a real SQLite store
// and read back through its repository; each tampering is applied to a fresh in-memory copy of
// the stored rows, so the thousand checks take well under a second.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "core/clock.hpp"
#include "domain/audit/audit_service.hpp"
#include "domain/audit/chain_verifier.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "../storage/storage_test_support.hpp"

namespace hx::audit {
namespace {

constexpr int kRecords = 200;
constexpr int kTamperings = 1000;

/// The rows as stored, in `seq` order, and the head kept beside them.
struct StoredLog {
    std::vector<AuditRecord> rows;
    std::string head;
};

StoredLog write_log() {
    storage::test_support::TempDir dir;
    auto opened = storage::sqlite::SqliteStore::open(dir.file("audit.db"), 1);
    EXPECT_TRUE(opened) << opened.error().message();
    auto& store = **opened;
    EXPECT_TRUE(store.migrate());
    SettableClock clock;
    clock.set(from_unix_ms(1'790'000'000'000));
    const identity::Actor admin{1, "admin", identity::Role::kSysAdmin, "110000", "10.0.0.1", "r"};
    const std::vector<const char*> actions = {"session.login", "user.create", "application.submit",
                                              "session.logout", "account.lock"};
    const auto written = store.write([&](Repositories& repos) -> Status {
        for (int i = 0; i < kRecords; ++i) {
            clock.set(clock.now() + std::chrono::milliseconds(1500 + i));
            auto actor = admin;
            actor.request_id = "req-" + std::to_string(i);
            const auto outcome = i % 7 == 0 ? Outcome::kFailure : Outcome::kSuccess;
            RETURN_IF_ERROR(record(repos, clock, actor,
                                   {actions[static_cast<std::size_t>(i) % actions.size()],
                                    "user:" + std::to_string(i % 13), outcome,
                                    "第 " + std::to_string(i) + " 条"}));
        }
        return ok();
    });
    EXPECT_TRUE(written) << written.error().message();
    StoredLog log;
    const auto read = store.read([&](Repositories& repos) {
        return repos.audit().scan({}, [&](const AuditRecord& r) -> Status {
            log.rows.push_back(r);
            return ok();
        });
    });
    EXPECT_TRUE(read) << read.error().message();
    auto head = chain_head(store);
    EXPECT_TRUE(head);
    log.head = head ? *head : "";
    // The store's own verification and the in-memory one agree on the clean log.
    auto verified = verify(store);
    EXPECT_TRUE(verified && !verified->first_bad_seq) << (verified ? verified->problem : "");
    return log;
}

/// One column of a row changed to a different value, as an UPDATE by hand would.
void edit_field(AuditRecord& r, int field, std::mt19937& rng) {
    const auto text = [&](const std::string& old) {
        std::string changed = old;
        if (changed.empty() || rng() % 3 == 0) return changed + "x";
        auto& c = changed[rng() % changed.size()];
        c = c == 'A' ? 'B' : 'A';
        return changed;
    };
    switch (field) {
        case 0: r.at += std::chrono::milliseconds(1 + rng() % 100000); break;
        case 1: r.user_id += 1 + static_cast<std::int64_t>(rng() % 50); break;
        case 2: r.username = text(r.username); break;
        case 3: r.role = r.role == "audit_admin" ? "sys_admin" : "audit_admin"; break;
        case 4: r.org_code = text(r.org_code); break;
        case 5: r.action = text(r.action); break;
        case 6: r.object = text(r.object); break;
        case 7: r.outcome = r.outcome == Outcome::kSuccess ? Outcome::kFailure : Outcome::kSuccess; break;
        case 8: r.client_addr = text(r.client_addr); break;
        case 9: r.request_id = text(r.request_id); break;
        case 10: r.detail = text(r.detail); break;
        case 11: r.prev_hash = text(r.prev_hash); break;
        default: r.hash = text(r.hash); break;
    }
}

TEST(AuditTamper, ThousandRandomTamperingsAreAllDetectedAtTheFirstBadRecord) {
    const auto started = std::chrono::steady_clock::now();
    const auto log = write_log();
    ASSERT_EQ(log.rows.size(), static_cast<std::size_t>(kRecords));
    ASSERT_FALSE(verify_chain(log.rows, log.head).first_bad_seq);

    std::mt19937 rng(20261129);
    int edits = 0;
    int deletions = 0;
    int reorderings = 0;
    for (int t = 0; t < kTamperings; ++t) {
        auto rows = log.rows;  // a fresh copy per tampering
        const auto n = static_cast<std::int64_t>(rows.size());
        const auto pick = [&] { return static_cast<std::int64_t>(rng() % static_cast<unsigned>(n)); };
        std::int64_t expected = 0;
        std::string what;
        switch (t % 3) {
            case 0: {  // UPDATE one column of one row
                const auto i = pick();
                const int field = static_cast<int>(rng() % 13);
                edit_field(rows[static_cast<std::size_t>(i)], field, rng);
                expected = i + 1;
                // The first record links to nothing: an edited prev_hash there is a bad link too.
                what = "edit of field " + std::to_string(field) + " in record " + std::to_string(i + 1);
                ++edits;
                break;
            }
            case 1: {  // DELETE one row, or the newest few
                const auto i = pick();
                if (rng() % 4 == 0) {
                    const auto keep = i;  // truncate: rows i+1..n are gone
                    rows.resize(static_cast<std::size_t>(std::max<std::int64_t>(keep, 1)));
                    expected = static_cast<std::int64_t>(rows.size()) + 1;
                    what = "truncation to " + std::to_string(rows.size());
                } else {
                    rows.erase(rows.begin() + i);
                    // A missing middle record: the next one is out of sequence. The newest: the
                    // head no longer matches, and the verifier names the missing position.
                    expected = i + 1 < n ? i + 2 : i + 1;
                    what = "deletion of record " + std::to_string(i + 1);
                }
                ++deletions;
                break;
            }
            default: {  // reorder: two rows swap their places (their seq), so a scan sees them swapped
                auto i = pick();
                auto j = pick();
                while (j == i) j = pick();
                if (j < i) std::swap(i, j);
                if (rng() % 2 == 0) {
                    // UPDATE … SET seq: two rows trade places in the scan order.
                    std::swap(rows[static_cast<std::size_t>(i)].seq, rows[static_cast<std::size_t>(j)].seq);
                    std::stable_sort(rows.begin(), rows.end(), [](const AuditRecord& a, const AuditRecord& b) {
                        return a.seq < b.seq;
                    });
                } else {
                    // A row moved earlier, every seq rewritten so the numbers stay consecutive.
                    std::rotate(rows.begin() + i, rows.begin() + j, rows.begin() + j + 1);
                    for (std::int64_t k = i; k <= j; ++k) rows[static_cast<std::size_t>(k)].seq = k + 1;
                }
                expected = i + 1;
                what = "swap of records " + std::to_string(i + 1) + " and " + std::to_string(j + 1);
                ++reorderings;
                break;
            }
        }
        const auto result = verify_chain(rows, log.head);
        ASSERT_TRUE(result.first_bad_seq) << "undetected: " << what;
        EXPECT_EQ(*result.first_bad_seq, expected) << what << ": " << result.problem;
        EXPECT_FALSE(result.problem.empty());
    }
    EXPECT_GT(edits, 300);
    EXPECT_GT(deletions, 300);
    EXPECT_GT(reorderings, 300);
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_LT(seconds, 5.0) << "a thousand verifications should take seconds at most";
}

TEST(AuditTamper, SwappingTwoWholeRowsIsDetectedEvenWithTheirOwnSeq) {
    // The plain UPDATE … SET seq = … swap: each row keeps its own hash, so only the chain
    // (prev_hash) and the sequence can tell. Named at the earlier of the two places.
    const auto log = write_log();
    auto rows = log.rows;
    std::swap(rows[10].seq, rows[20].seq);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const AuditRecord& a, const AuditRecord& b) { return a.seq < b.seq; });
    const auto result = verify_chain(rows, log.head);
    ASSERT_TRUE(result.first_bad_seq);
    EXPECT_EQ(*result.first_bad_seq, 11);
}

}  // namespace
}  // namespace hx::audit

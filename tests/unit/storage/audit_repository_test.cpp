#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/audit/audit_record.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using audit::AuditFilter;
using audit::AuditRecord;
using audit::Outcome;

AuditRecord record(std::int64_t seq, std::int64_t at_ms, std::string username, std::string action,
                   Outcome outcome = Outcome::kSuccess) {
    AuditRecord r;
    r.seq = seq;
    r.at = from_unix_ms(at_ms);
    r.user_id = username.empty() ? 0 : 7;
    r.username = std::move(username);
    r.role = "sys_admin";
    r.org_code = "110000";
    r.action = std::move(action);
    r.object = "user:" + std::to_string(seq);
    r.outcome = outcome;
    r.client_addr = "127.0.0.1";
    r.request_id = "req-" + std::to_string(seq);
    r.detail = "详情 " + std::to_string(seq);
    r.prev_hash = seq == 1 ? "" : "hash-" + std::to_string(seq - 1);
    r.hash = "hash-" + std::to_string(seq);
    return r;
}

std::vector<std::int64_t> seqs_of(const std::vector<AuditRecord>& records) {
    std::vector<std::int64_t> seqs;
    for (const auto& r : records) seqs.push_back(r.seq);
    return seqs;
}

class AuditRepositoryTest : public test_support::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        HX_ASSERT_OK(store_->write([](Repositories& r) -> Status {
            RETURN_IF_ERROR(r.audit().append(record(1, 1000, "admin", "session.login")));
            RETURN_IF_ERROR(r.audit().append(record(2, 2000, "admin", "user.create")));
            RETURN_IF_ERROR(
                r.audit().append(record(3, 3000, "zhang", "session.login", Outcome::kFailure)));
            RETURN_IF_ERROR(
                r.audit().append(record(4, 4000, "", "session.login", Outcome::kDenied)));
            return r.audit().append(record(5, 5000, "Admin", "session.logout"));
        }));
    }

    regions::Page<AuditRecord> list(const AuditFilter& filter, regions::PageRequest page = {}) {
        regions::Page<AuditRecord> result;
        HX_EXPECT_OK(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(result, r.audit().list(filter, page));
            return ok();
        }));
        return result;
    }
};

TEST_P(AuditRepositoryTest, LastIsTheHighestSeqWithEveryField) {
    std::optional<AuditRecord> last;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(last, r.audit().last());
        return ok();
    }));
    ASSERT_TRUE(last);
    const auto expected = record(5, 5000, "Admin", "session.logout");
    EXPECT_EQ(last->seq, 5);
    EXPECT_EQ(last->at, expected.at);
    EXPECT_EQ(last->user_id, 7);
    EXPECT_EQ(last->username, "Admin");
    EXPECT_EQ(last->role, "sys_admin");
    EXPECT_EQ(last->org_code, "110000");
    EXPECT_EQ(last->action, "session.logout");
    EXPECT_EQ(last->object, "user:5");
    EXPECT_EQ(last->outcome, Outcome::kSuccess);
    EXPECT_EQ(last->client_addr, "127.0.0.1");
    EXPECT_EQ(last->request_id, "req-5");
    EXPECT_EQ(last->detail, "详情 5");
    EXPECT_EQ(last->prev_hash, "hash-4");
    EXPECT_EQ(last->hash, "hash-5");
}

TEST(AuditRepositoryEmpty, LastOfAnEmptyLogIsAbsent) {
    test_support::TempDir dir;
    auto opened = sqlite::SqliteStore::open(dir.file("empty.db"), 1);
    ASSERT_TRUE(opened);
    HX_ASSERT_OK((*opened)->migrate());
    std::optional<AuditRecord> last = AuditRecord{};
    HX_ASSERT_OK((*opened)->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(last, r.audit().last());
        return ok();
    }));
    EXPECT_FALSE(last);
}

TEST_P(AuditRepositoryTest, ListIsNewestFirstWithTotalAndPages) {
    auto page = list({}, {1, 2});
    EXPECT_EQ(page.total, 5);
    EXPECT_EQ(seqs_of(page.items), (std::vector<std::int64_t>{5, 4}));
    page = list({}, {3, 2});
    EXPECT_EQ(page.total, 5);
    EXPECT_EQ(seqs_of(page.items), (std::vector<std::int64_t>{1}));
}

TEST_P(AuditRepositoryTest, ListFilters) {
    AuditFilter by_user;
    by_user.username = "admin";  // any ASCII case
    EXPECT_EQ(seqs_of(list(by_user).items), (std::vector<std::int64_t>{5, 2, 1}));

    AuditFilter by_action;
    by_action.action = "session.";
    auto page = list(by_action);
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(seqs_of(page.items), (std::vector<std::int64_t>{5, 4, 3, 1}));
    by_action.action = "session.log";
    EXPECT_EQ(list(by_action).total, 4);
    by_action.action = "ession";  // a prefix, not a fragment
    EXPECT_EQ(list(by_action).total, 0);

    AuditFilter by_outcome;
    by_outcome.outcome = Outcome::kFailure;
    EXPECT_EQ(seqs_of(list(by_outcome).items), (std::vector<std::int64_t>{3}));

    AuditFilter by_time;  // both ends inclusive
    by_time.from = from_unix_ms(2000);
    by_time.to = from_unix_ms(4000);
    EXPECT_EQ(seqs_of(list(by_time).items), (std::vector<std::int64_t>{4, 3, 2}));

    AuditFilter combined;
    combined.username = "admin";
    combined.action = "session.";
    combined.from = from_unix_ms(1001);
    EXPECT_EQ(seqs_of(list(combined).items), (std::vector<std::int64_t>{5}));
}

TEST_P(AuditRepositoryTest, ScanVisitsOldestFirstAndStopsAtAnError) {
    std::vector<std::int64_t> seen;
    HX_ASSERT_OK(store_->read([&](Repositories& r) {
        return r.audit().scan({}, [&](const AuditRecord& rec) -> Status {
            seen.push_back(rec.seq);
            return ok();
        });
    }));
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));

    seen.clear();
    AuditFilter logins;
    logins.action = "session.login";
    const auto status = store_->read([&](Repositories& r) {
        return r.audit().scan(logins, [&](const AuditRecord& rec) -> Status {
            seen.push_back(rec.seq);
            if (rec.seq == 3) return fail(Error::conflict("chain_broken", "链断在 3"));
            return ok();
        });
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().reason(), "chain_broken");
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 3}));
}

TEST_P(AuditRepositoryTest, ScanMayQueryInsideTheVisitor) {
    // The visitor runs while the scan's statement is open; a nested query of the same text
    // gets its own statement.
    std::int64_t nested_total = 0;
    HX_ASSERT_OK(store_->read([&](Repositories& r) {
        return r.audit().scan({}, [&](const AuditRecord&) -> Status {
            std::int64_t count = 0;
            RETURN_IF_ERROR(r.audit().scan({}, [&](const AuditRecord&) -> Status {
                ++count;
                return ok();
            }));
            nested_total += count;
            return ok();
        });
    }));
    EXPECT_EQ(nested_total, 25);
}

TEST_P(AuditRepositoryTest, DuplicateSeqIsRefused) {
    const auto status = store_->write(
        [](Repositories& r) { return r.audit().append(record(5, 6000, "admin", "x")); });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kAlreadyExists);
}

TEST_P(AuditRepositoryTest, LogIsAppendOnly) {
    const auto updated = execute("UPDATE audit_log SET detail = 'x' WHERE seq = 1");
    ASSERT_FALSE(updated);
    EXPECT_NE(updated.error().message().find("append-only"), std::string::npos);
    const auto deleted = execute("DELETE FROM audit_log");
    ASSERT_FALSE(deleted);
    EXPECT_EQ(list({}).total, 5);
}

HX_ON_BOTH_ENGINES(AuditRepositoryTest);

}  // namespace
}  // namespace hx::storage

#include <gtest/gtest.h>

#include "domain/audit/audit_record.hpp"

namespace hx::audit {
namespace {

AuditRecord sample() {
    AuditRecord r;
    r.seq = 7;
    r.at = from_unix_ms(1'790'000'000'000);
    r.user_id = 3;
    r.username = "dc_community";
    r.role = "community";
    r.org_code = "110101001001";
    r.action = "session.login";
    r.object = "user:3";
    r.client_addr = "127.0.0.1";
    r.request_id = "abc";
    r.prev_hash = std::string(64, '0');
    return r;
}

TEST(AuditChain, HashCoversEveryField) {
    const auto base = chain_hash(sample());
    EXPECT_EQ(base.size(), 64U);
    EXPECT_EQ(base, chain_hash(sample()));
    auto edits = std::vector<void (*)(AuditRecord&)>{
        [](AuditRecord& r) { r.seq = 8; },
        [](AuditRecord& r) { r.at += std::chrono::milliseconds(1); },
        [](AuditRecord& r) { r.user_id = 4; },
        [](AuditRecord& r) { r.username = "x"; },
        [](AuditRecord& r) { r.role = "street"; },
        [](AuditRecord& r) { r.org_code = "110101"; },
        [](AuditRecord& r) { r.action = "session.logout"; },
        [](AuditRecord& r) { r.object = "user:4"; },
        [](AuditRecord& r) { r.outcome = Outcome::kFailure; },
        [](AuditRecord& r) { r.client_addr = "10.0.0.1"; },
        [](AuditRecord& r) { r.request_id = "abd"; },
        [](AuditRecord& r) { r.detail = "x"; },
        [](AuditRecord& r) { r.prev_hash = std::string(64, '1'); },
    };
    for (std::size_t i = 0; i < edits.size(); ++i) {
        auto r = sample();
        edits[i](r);
        EXPECT_NE(chain_hash(r), base) << "edit " << i << " not covered";
    }
}

TEST(AuditChain, FieldBoundariesMatter) {
    auto a = sample();
    auto b = sample();
    a.username = "ab";
    a.role = "c";
    b.username = "a";
    b.role = "bc";
    EXPECT_NE(chain_hash(a), chain_hash(b));
}

}  // namespace
}  // namespace hx::audit

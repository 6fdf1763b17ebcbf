#include "domain/audit/chain_verifier.hpp"

namespace hx::audit {

void ChainVerifier::add(const AuditRecord& r) {
    ++result_.records;
    if (result_.first_bad_seq) return;
    if (r.seq != expected_seq_) {
        result_.first_bad_seq = r.seq;
        result_.problem = "序号不连续：应为 " + std::to_string(expected_seq_) + "，实为 " +
                          std::to_string(r.seq) + "（之前的记录被删除或调换）";
    } else if (r.prev_hash != prev_hash_) {
        result_.first_bad_seq = r.seq;
        result_.problem = "与上一条记录的链接不符（记录被删除、插入或调换）";
    } else if (chain_hash(r) != r.hash) {
        result_.first_bad_seq = r.seq;
        result_.problem = "记录内容与其哈希不符（记录被修改）";
    }
    prev_hash_ = r.hash;
    ++expected_seq_;
}

Verification ChainVerifier::finish(const std::string& head) const {
    auto result = result_;
    if (!result.first_bad_seq) {
        const std::string actual_head =
            result.records == 0 ? std::string()
                                : std::to_string(expected_seq_ - 1) + ":" + prev_hash_;
        if (head != actual_head) {
            result.first_bad_seq = expected_seq_;
            result.problem = "日志末尾与记录的链头不符（最新的记录被删除）";
        }
    }
    return result;
}

Verification verify_chain(const std::vector<AuditRecord>& records, const std::string& head) {
    ChainVerifier verifier;
    for (const auto& r : records) verifier.add(r);
    return verifier.finish(head);
}

}  // namespace hx::audit

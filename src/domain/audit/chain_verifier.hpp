#pragma once
/// The check of the audit chain that `huixing audit verify` runs (audit::verify), on its own so
/// that it can run over records already in memory: the tamper test edits an in-memory copy of
/// the stored rows a thousand times and verifies each in process.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/audit/audit_record.hpp"
#include "domain/audit/audit_service.hpp"

namespace hx::audit {

/// Fed the records in stored (`seq`) order one at a time: constant memory over a log of any
/// length. An edited record fails its own hash, a removed one breaks the sequence or the link,
/// a reordered one breaks the link; `finish` compares the end of the chain with the head kept
/// in settings, so removing the newest records is detected too.
class ChainVerifier {
public:
    void add(const AuditRecord& record);
    [[nodiscard]] Verification finish(const std::string& head) const;

private:
    Verification result_;
    std::string prev_hash_;
    std::int64_t expected_seq_ = 1;
};

/// The same check over records already in memory.
Verification verify_chain(const std::vector<AuditRecord>& records, const std::string& head);
/// The head (`seq:hash` of the newest record) kept in settings beside the log.
Result<std::string> chain_head(Store& store);

}  // namespace hx::audit

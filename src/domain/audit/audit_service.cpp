#include "domain/audit/audit_service.hpp"

#include "domain/identity/identity_repository.hpp"

namespace hx::audit {

namespace {
constexpr const char* kHeadKey = "audit.head";

Status append(Repositories& repos, AuditRecord record) {
    ASSIGN_OR_RETURN(auto last, repos.audit().last());
    record.seq = last ? last->seq + 1 : 1;
    record.prev_hash = last ? last->hash : std::string();
    record.hash = chain_hash(record);
    RETURN_IF_ERROR(repos.audit().append(record));
    return repos.settings().put(kHeadKey, std::to_string(record.seq) + ":" + record.hash);
}

Status require_auditor(const identity::Actor& actor) {
    if (actor.role != identity::Role::kAuditAdmin) {
        return fail(Error::forbidden("只有安全审计员可以查看审计日志"));
    }
    return ok();
}
}  // namespace

namespace {
AuditRecord base_record(const Clock& clock, const Event& event, const std::string& client_addr,
                        const std::string& request_id) {
    AuditRecord r;
    r.at = clock.now();
    r.action = event.action;
    r.object = event.object;
    r.outcome = event.outcome;
    r.client_addr = client_addr;
    r.request_id = request_id;
    r.detail = event.detail;
    return r;
}
}  // namespace

Status record(Repositories& repos, const Clock& clock, const identity::Actor& actor,
              const Event& event) {
    auto r = base_record(clock, event, actor.client_addr, actor.request_id);
    r.user_id = actor.user_id;
    r.username = actor.username;
    r.role = identity::to_string(actor.role);
    r.org_code = actor.org_code;
    return append(repos, std::move(r));
}

Status record(Repositories& repos, const Clock& clock, const identity::Origin& origin,
              const std::string& username, const Event& event) {
    auto r = base_record(clock, event, origin.client_addr, origin.request_id);
    r.username = username;
    return append(repos, std::move(r));
}

Result<Verification> verify(Store& store) {
    Verification result;
    std::string prev_hash;
    std::int64_t expected_seq = 1;
    std::string head;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto stored_head, repos.settings().get(kHeadKey));
        head = stored_head.value_or("");
        return repos.audit().scan({}, [&](const AuditRecord& r) -> Status {
            ++result.records;
            if (result.first_bad_seq) return ok();
            if (r.seq != expected_seq) {
                result.first_bad_seq = r.seq;
                result.problem = "序号不连续：应为 " + std::to_string(expected_seq) + "，实为 " +
                                 std::to_string(r.seq) + "（之前的记录被删除或调换）";
            } else if (r.prev_hash != prev_hash) {
                result.first_bad_seq = r.seq;
                result.problem = "与上一条记录的链接不符（记录被删除、插入或调换）";
            } else if (chain_hash(r) != r.hash) {
                result.first_bad_seq = r.seq;
                result.problem = "记录内容与其哈希不符（记录被修改）";
            }
            prev_hash = r.hash;
            ++expected_seq;
            return ok();
        });
    }));
    if (!result.first_bad_seq) {
        const std::string actual_head =
            result.records == 0 ? std::string() : std::to_string(expected_seq - 1) + ":" + prev_hash;
        if (head != actual_head) {
            result.first_bad_seq = expected_seq;
            result.problem = "日志末尾与记录的链头不符（最新的记录被删除）";
        }
    }
    return result;
}

Result<regions::Page<AuditRecord>> AuditQueries::list(const identity::Actor& actor,
                                                       const AuditFilter& filter,
                                                       const regions::PageRequest& page) {
    RETURN_IF_ERROR(require_auditor(actor));
    RETURN_IF_ERROR(regions::validate_page(page));
    regions::Page<AuditRecord> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.audit().list(filter, page));
        return ok();
    }));
    return out;
}

Status AuditQueries::scan(const identity::Actor& actor, const AuditFilter& filter,
                          const std::function<Status(const AuditRecord&)>& visit) {
    RETURN_IF_ERROR(require_auditor(actor));
    return store_.read([&](Repositories& repos) { return repos.audit().scan(filter, visit); });
}

}  // namespace hx::audit

#include "domain/audit/audit_service.hpp"

#include "domain/audit/chain_verifier.hpp"
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

Result<std::string> chain_head(Store& store) {
    std::string head;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto stored_head, repos.settings().get(kHeadKey));
        head = stored_head.value_or("");
        return ok();
    }));
    return head;
}

Result<Verification> verify(Store& store) {
    ChainVerifier verifier;
    std::string head;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto stored_head, repos.settings().get(kHeadKey));
        head = stored_head.value_or("");
        return repos.audit().scan({}, [&](const AuditRecord& r) -> Status {
            verifier.add(r);
            return ok();
        });
    }));
    return verifier.finish(head);
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

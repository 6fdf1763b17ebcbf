#include "http/dto/audit.hpp"

namespace hx::dto {

nlohmann::json audit_json(const audit::AuditRecord& record) {
    return {
        {"seq", record.seq},
        {"at", format_rfc3339(record.at)},
        {"user_id", record.user_id},
        {"username", record.username},
        {"role", record.role},
        {"org_code", record.org_code},
        {"action", record.action},
        {"object", record.object},
        {"outcome", audit::to_string(record.outcome)},
        {"client_addr", record.client_addr},
        {"request_id", record.request_id},
        {"detail", record.detail},
        {"hash", record.hash},
    };
}

}  // namespace hx::dto

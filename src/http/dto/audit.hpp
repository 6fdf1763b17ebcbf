#pragma once
#include <nlohmann/json.hpp>

#include "domain/audit/audit_record.hpp"

namespace hx::dto {

nlohmann::json audit_json(const audit::AuditRecord& record);

}  // namespace hx::dto

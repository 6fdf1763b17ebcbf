#pragma once
#include <nlohmann/json.hpp>

#include "domain/applications/application_service.hpp"
#include "domain/rounds/round.hpp"

namespace hx::dto {

nlohmann::json round_json(const rounds::Round& round);
nlohmann::json application_summary_json(const applications::Application& application);
/// One application as its caller may see it (the service has already sealed and filtered).
nlohmann::json application_json(const applications::ApplicationView& view);
nlohmann::json evidence_json(const applications::Evidence& evidence);

}  // namespace hx::dto

#pragma once
#include <nlohmann/json.hpp>

#include "domain/supervision/supervision_service.hpp"
#include "http/json_body.hpp"

namespace hx::dto {

nlohmann::json campaign_json(const supervision::ReportCampaign& campaign);
nlohmann::json annual_report_json(const supervision::AnnualReport& report);
nlohmann::json report_view_json(const supervision::ReportView& view);
nlohmann::json report_list_json(const supervision::ReportList& list);
nlohmann::json attachment_json(const supervision::Attachment& attachment);
nlohmann::json rectification_json(const supervision::RectificationReport& report);
nlohmann::json rectification_case_json(const supervision::RectificationCase& c);
nlohmann::json policy_json(const certifications::SanctionPolicy& policy);
nlohmann::json check_item_json(const supervision::AnnualCheckItem& item);
nlohmann::json annual_check_json(const supervision::AnnualCheck& check);
nlohmann::json public_check_json(const supervision::PublicCheck& check);

/// `{kind,reason,deadline?}` of a sanction, with problems reported on `body` under `prefix`.
certifications::SanctionRequest read_sanction(http::JsonBody& body, const nlohmann::json& value, const std::string& prefix);

}  // namespace hx::dto

#pragma once
#include <nlohmann/json.hpp>

#include "domain/certifications/certification_service.hpp"
#include "domain/notice/notice_service.hpp"
#include "http/json_body.hpp"
#include "http/request.hpp"

namespace hx::dto {

/// The public notice: `{round,starts_at,ends_at,status,seconds_left,items,spot_check}`.
nlohmann::json notice_json(const notice::NoticeView& view);
/// A comment as the city sees it: the masked phone number, never the sealed one.
nlohmann::json comment_json(const notice::Comment& comment);
nlohmann::json commitment_json(const notice::Commitment& commitment);
nlohmann::json spot_check_json(const notice::SpotCheck& check);
nlohmann::json photo_json(const notice::SpotCheckPhoto& photo);
/// One row of the gallery.
nlohmann::json certification_summary_json(const certifications::Certification& c);
/// The verification: status, community, star, dates, the signed payload and the sanctions.
nlohmann::json verification_json(const certifications::Verification& v);

/// `{seed, per_district | rate, inspectors_per_check?}` of a draw (the notice's and the annual
/// check's), with problems reported on `body`.
notice::DrawRequest read_draw_request(http::JsonBody& body);

/// The gallery's query: district (a code), star, year, status, q, page, page_size.
Result<certifications::CertificationFilter> gallery_filter(const http::Request& request, regions::PageRequest& page);

}  // namespace hx::dto

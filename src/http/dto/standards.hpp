#pragma once
/// JSON ↔ domain for standards (GET /api/v1/standards, `huixing import standard`) and rating
/// (POST /api/v1/rating/evaluate). The file shape is data/standards/*.json, described in
/// docs/standards.md. Nothing here throws: every problem comes back as a FieldError with its path.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/standards/rating.hpp"
#include "domain/standards/standard.hpp"

namespace hx::dto {

/// The reason of an Error about a malformed request body (as opposed to a malformed standard).
inline constexpr std::string_view kInvalidRequest = "invalid_request";

/// A standard from JSON in the shape of the data files. Every missing or wrong-typed field,
/// every unknown word (kind, provenance, life element, count, condition) and every rule problem
/// of validate_standard is one FieldError, all collected; reason "invalid_standard".
Result<standards::Standard> parse_standard(const nlohmann::json& json);
/// The same from the text of a file; malformed JSON is one FieldError naming the byte offset.
Result<standards::Standard> parse_standard_text(std::string_view text);

/// A standard in the file's shape, plus "counts" {total, constraint, guiding, general,
/// countable}, "has_example_provenance" and, when true, "provenance_notice" (DESIGN.md §1: a
/// standard with example indicators must say so wherever it is shown).
nlohmann::json standard_json(const standards::Standard& standard);
/// The same without "categories": one entry of the catalogue list.
nlohmann::json standard_summary_json(const standards::Standard& standard);

/// {"eligible_star", "counts": {...}, "levels": [...], "next": {...} | null}.
nlohmann::json rating_result_json(const standards::RatingResult& result);

/// The body of POST /api/v1/rating/evaluate.
struct RatingRequest {
    std::string standard_id;
    standards::RatingInput input;
};

/// {standard_id, achieved: [codes], current_star?, mechanism?, effective?}. Codes may be strings
/// or integers (17 → "17"). Wrong types are FieldErrors, reason "invalid_request"; the range of
/// current_star and the codes themselves are the engine's to check.
Result<RatingRequest> parse_rating_request(const nlohmann::json& json);

}  // namespace hx::dto

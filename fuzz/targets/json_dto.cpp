// Fuzz target: JSON to domain objects (src/http/dto/*, src/http/json_body.cpp): a standard as
// imported (then compiled into a rating engine and asked for a rating), the rating request, and
// the field-by-field reader every handler uses.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/standards/rating.hpp"
#include "http/dto/standards.hpp"
#include "http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto standard = hx::dto::parse_standard_text(text)) {
        if (auto engine = hx::standards::RatingEngine::create(*standard)) {
            std::vector<std::string> achieved;
            for (const auto& category : engine->standard().categories) {
                for (const auto& sub : category.subcategories) {
                    for (const auto& indicator : sub.indicators) achieved.push_back(indicator.code);
                }
            }
            static_cast<void>(engine->evaluate({achieved, {0, true, true}}));
            static_cast<void>(hx::dto::standard_json(engine->standard()).dump());
        }
    }
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) return 0;
    static_cast<void>(hx::dto::parse_rating_request(json));
    if (!json.is_object()) return 0;
    hx::http::JsonBody body(json);
    static_cast<void>(body.optional_string("opinion"));
    static_cast<void>(body.optional_bool("mechanism"));
    static_cast<void>(body.optional_int("rank"));
    static_cast<void>(body.required_string("decision"));
    static_cast<void>(body.required_int("year"));
    static_cast<void>(body.finish());
    return 0;
}

#include "storage/sqlite/draw_columns.hpp"

#include <nlohmann/json.hpp>

namespace hx::storage::sqlite {

std::string encode_candidates(const std::vector<notice::DrawCandidate>& candidates) {
    auto array = nlohmann::json::array();
    for (const auto& x : candidates) {
        array.push_back({{"application_id", x.application_id},
                         {"community_code", x.community_code},
                         {"district_code", x.district_code}});
    }
    return array.dump();
}

std::string encode_pool(const std::vector<notice::Inspector>& pool) {
    auto array = nlohmann::json::array();
    for (const auto& x : pool) array.push_back({{"username", x.username}, {"district_code", x.district_code}});
    return array.dump();
}

Status decode_draw_input(notice::Commitment& c, const std::string& candidates_text, const std::string& pool_text,
                         const char* table) {
    const auto candidates = nlohmann::json::parse(candidates_text, nullptr, false);
    const auto pool = nlohmann::json::parse(pool_text, nullptr, false);
    const auto bad = [&] {
        return Error::internal(std::string(table) + " row " + std::to_string(c.round_id) +
                               ": candidates or inspector_pool malformed");
    };
    if (!candidates.is_array() || !pool.is_array()) return fail(bad());
    try {
        for (const auto& x : candidates) {
            c.candidates.push_back({x.at("application_id").get<std::int64_t>(), x.at("community_code").get<std::string>(),
                                    x.at("district_code").get<std::string>()});
        }
        for (const auto& x : pool) {
            c.inspector_pool.push_back({x.at("username").get<std::string>(), x.at("district_code").get<std::string>()});
        }
    } catch (const nlohmann::json::exception&) {
        return fail(bad());
    }
    return ok();
}

std::string encode_names(const std::vector<std::string>& names) { return nlohmann::json(names).dump(); }

Result<std::vector<std::string>> decode_names(const std::string& text, const char* table, std::int64_t id) {
    const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_array()) return fail(Error::internal(std::string(table) + " row " + std::to_string(id) + ": not an array"));
    std::vector<std::string> out;
    for (const auto& name : parsed) {
        if (!name.is_string()) {
            return fail(Error::internal(std::string(table) + " row " + std::to_string(id) + ": holds a non-string"));
        }
        out.push_back(name.get<std::string>());
    }
    return out;
}

}  // namespace hx::storage::sqlite

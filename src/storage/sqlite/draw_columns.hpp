#pragma once
/// The columns a spot-check draw keeps so that anyone can re-run it (the notice's, migration
/// 0004, and the annual check's, migration 0006): the candidates and the inspector pool as JSON
/// arrays, and a check's inspectors.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/notice/notice.hpp"

namespace hx::storage::sqlite {

std::string encode_candidates(const std::vector<notice::DrawCandidate>& candidates);
std::string encode_pool(const std::vector<notice::Inspector>& pool);
/// Fills `c.candidates` and `c.inspector_pool`; kInternal naming `table` when malformed.
Status decode_draw_input(notice::Commitment& c, const std::string& candidates_text, const std::string& pool_text,
                         const char* table);
std::string encode_names(const std::vector<std::string>& names);
Result<std::vector<std::string>> decode_names(const std::string& text, const char* table, std::int64_t id);

}  // namespace hx::storage::sqlite

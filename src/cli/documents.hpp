#pragma once
/// Joins the domain to the PDF documents of src/render/documents.hpp (cli is the composition
/// root: http may not link render).
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/applications/application_service.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/notice/notice.hpp"
#include "domain/rounds/round.hpp"
#include "domain/supervision/supervision_service.hpp"

namespace hx::cli {

/// 第十五条: the commendation notice (通报表彰) of a named round, in the name of the three city
/// departments, listing its certifications by star and district.
Result<std::string> render_round_commendation(const rounds::Round& round, const notice::Notice& notice,
                                              const std::vector<certifications::Certification>& certified,
                                              const std::string& verify_url_base);

/// 第十九条: the annual spot check's bulletin (抽查情况通报).
Result<std::string> render_check_bulletin(const supervision::PublicCheck& check);

/// 第十四条2: the application form (申报表) in three copies, for 市社会办, 市经济信息化委 and 市民政局.
Result<std::string> render_application_form(const applications::FormData& form);

/// 第十四条2: a district's ranked recommendation list, as "pdf" or "xlsx".
Result<std::string> render_recommendation_list(const applications::RecommendationListData& list,
                                               const std::string& format);

}  // namespace hx::cli

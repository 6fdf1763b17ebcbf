#include <charconv>
#include <nlohmann/json.hpp>

#include "http/dto/standards.hpp"
#include "http/dto/standards_xlsx.hpp"
#include "domain/standards/simulation.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/pages/html.hpp"

namespace hx::http::handlers {

namespace {

Result<std::optional<int>> revision_query(const Request& request) {
    const auto text = request.query_value("revision");
    if (!text || text->empty()) return std::optional<int>();
    int revision = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), revision);
    if (ec != std::errc() || end != text->data() + text->size() || revision < 1) {
        return fail(Error::invalid("invalid_revision", "版本号应为正整数，实为 '" + *text + "'",
                                   {{"revision", "应为正整数"}}));
    }
    return std::optional<int>(revision);
}

nlohmann::json stored_json(const standards::StoredStandard& stored, bool with_catalogue) {
    auto out = with_catalogue ? dto::standard_json(stored.standard)
                              : dto::standard_summary_json(stored.standard);
    out["revision"] = stored.revision;
    out["frozen"] = stored.frozen;
    out["updated_at"] = format_rfc3339(stored.updated_at);
    return out;
}

bool is_workbook(std::string_view content_type) {
    return content_type.rfind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 0) == 0 ||
           content_type.rfind("application/octet-stream", 0) == 0;
}

std::string kind_label(standards::IndicatorKind kind) {
    return standards::indicator_kind_label(kind);
}

}  // namespace

Response list_standards(const Request& request, Context& context) {
    return respond(context.services.standards.list(), request,
                   [](const std::vector<standards::StoredStandard>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& s : all) items.push_back(stored_json(s, false));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response get_standard(const Request& request, Context& context) {
    auto revision = revision_query(request);
    if (!revision) return error_response(revision.error(), request);
    return respond(context.services.standards.get(request.param("id"), *revision), request,
                   [](const standards::StoredStandard& s) { return stored_json(s, true); });
}

Response standard_revisions(const Request& request, Context& context) {
    return respond(context.services.standards.revisions(request.param("id")), request,
                   [](const std::vector<standards::RevisionHeader>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& r : all) {
                           items.push_back({{"revision", r.revision}, {"frozen", r.frozen}});
                       }
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response import_standard(const Request& request, Context& context) {
    const auto content_type = request.header("content-type");
    Result<standards::Standard> parsed = fail(Error::internal("unparsed"));
    if (content_type.rfind("application/json", 0) == 0 || content_type.empty()) {
        parsed = dto::parse_standard_text(request.body);
    } else if (is_workbook(content_type)) {
        parsed = dto::parse_standard_xlsx(request.body);
    } else {
        return error_response(
            Error::invalid("unsupported_media_type",
                           "请以 JSON（application/json）或 XLSX 文件提交标准，实为 '" + content_type + "'"),
            request);
    }
    if (!parsed) return error_response(parsed.error(), request);
    auto imported = context.services.standards.import(context.actor(), *parsed);
    if (!imported) return error_response(imported.error(), request);
    auto body = stored_json(imported->stored, true);
    body["outcome"] = standards::to_string(imported->outcome);
    const bool created = imported->outcome == standards::ImportOutcome::kCreated ||
                         imported->outcome == standards::ImportOutcome::kNewRevision;
    return json_response(body, created ? 201 : 200);
}

Response standard_workbook(const Request& request, Context& context) {
    auto revision = revision_query(request);
    if (!revision) return error_response(revision.error(), request);
    auto stored = context.services.standards.get(request.param("id"), *revision);
    if (!stored) return error_response(stored.error(), request);
    auto bytes = context.services.renderers.standard_workbook(stored->standard);
    if (!bytes) return error_response(bytes.error(), request);
    Response response;
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    response.body = std::move(*bytes);
    response.set_header("Content-Disposition", "attachment; filename=\"" + stored->standard.id + "-r" +
                                                   std::to_string(stored->revision) + ".xlsx\"");
    return response;
}

namespace {

/// The draft of a simulation: an edited workbook (as an import takes it), a whole catalogue in
/// JSON, or draft rules alone (`{"rules": …}`) over the current catalogue.
Result<standards::Standard> simulation_draft(const Request& request, Context& context, const std::string& id) {
    if (is_workbook(request.header("content-type"))) return dto::parse_standard_xlsx(request.body);
    ASSIGN_OR_RETURN(auto body, JsonBody::parse(request));
    auto document = body.value();
    if (!document.contains("categories") && document.contains("rules")) {
        ASSIGN_OR_RETURN(auto current, context.services.standards.get(id, std::nullopt));
        auto merged = dto::standard_json(current.standard);
        merged["rules"] = document["rules"];
        document = std::move(merged);
    }
    return dto::parse_standard(document);
}

}  // namespace

Response simulate_standard(const Request& request, Context& context) {
    const auto id = request.param("id");
    auto draft = simulation_draft(request, context, id);
    if (!draft) return error_response(draft.error(), request);
    auto result = standards::simulate(context.services.store, context.services.standards, context.actor(), id, *draft);
    if (!result) return error_response(result.error(), request);
    nlohmann::json out = {{"round_id", result->round_id ? nlohmann::json(*result->round_id) : nlohmann::json(nullptr)},
                          {"round_name", result->round_name},
                          {"communities", result->communities},
                          {"changed", result->changed},
                          // What the draft names itself: an import of it revises `draft_id`.
                          {"draft_id", draft->id},
                          {"draft_name", draft->name},
                          {"draft_version", draft->version}};
    auto districts = nlohmann::json::array();
    for (const auto& d : result->districts) {
        districts.push_back({{"district_code", d.district_code}, {"communities", d.communities},
                             {"up", d.up}, {"down", d.down}, {"same", d.same}});
    }
    out["districts"] = std::move(districts);
    auto by_star = nlohmann::json::array();
    for (const auto& [before, row] : result->by_star) {
        for (const auto& [after, count] : row) by_star.push_back({{"from", before}, {"to", after}, {"count", count}});
    }
    out["by_star"] = std::move(by_star);
    auto changes = nlohmann::json::array();
    for (const auto& c : result->changes) {
        changes.push_back({{"community_code", c.community_code}, {"community_name", c.community_name},
                           {"district_code", c.district_code}, {"from", c.before}, {"to", c.after},
                           {"dropped_codes", c.dropped_codes}});
    }
    out["changes"] = std::move(changes);
    return json_response(out);
}

Response evaluate_rating(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    auto parsed = dto::parse_rating_request(body->value());
    if (!parsed) return error_response(parsed.error(), request);
    auto revision = body->optional_int("revision");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    std::optional<int> chosen;
    if (revision) chosen = static_cast<int>(*revision);
    auto engine = context.services.standards.engine(parsed->standard_id, chosen);
    if (!engine) return error_response(engine.error(), request);
    auto result = (*engine)->evaluate(parsed->input);
    if (!result) return error_response(result.error(), request);
    auto out = dto::rating_result_json(*result);
    out["standard_id"] = parsed->standard_id;
    return json_response(out);
}

Response public_standards(const Request& request, Context& context) {
    auto all = context.services.standards.list();
    if (!all) return error_response(all.error(), request);
    std::string main = "<h1>认定标准与星级规则</h1>\n<p>依据管理办法第七条，首批试点社区的认定依据《北京市智慧社区指导标准（试行）》，"
                       "后续认定依据《北京市智慧社区建设指导标准》；星级申报条件见第十三条。</p>\n<ul>\n";
    for (const auto& s : *all) {
        main += "<li><a href=\"/public/standards/" + pages::escape(s.standard.id) + "\">" +
                pages::escape(s.standard.name) + "</a>（版本 " + pages::escape(s.standard.version) +
                "，第 " + std::to_string(s.revision) + " 版）";
        if (s.standard.has_example_provenance()) main += " <span class=\"tag example\">含示例指标</span>";
        main += "</li>\n";
    }
    main += "</ul>\n";
    return pages::html_response(pages::layout(request, "认定标准", main));
}

Response public_standard(const Request& request, Context& context) {
    auto stored = context.services.standards.get(request.param("id"), std::nullopt);
    if (!stored) {
        if (stored.error().code() == ErrorCode::kNotFound) {
            return pages::html_response(pages::layout("未找到", "<h1>未找到该标准</h1><p><a href=\"/public/standards\">返回标准列表</a></p>", false), 404);
        }
        return error_response(stored.error(), request);
    }
    const auto& standard = stored->standard;
    std::string main = "<h1>" + pages::escape(standard.name) + "</h1>\n";
    main += "<p>版本 " + pages::escape(standard.version) + "（第 " + std::to_string(stored->revision) + " 版）。" +
            pages::escape(standard.note) + "</p>\n";
    if (standard.has_example_provenance()) {
        main += "<p class=\"notice\" role=\"note\"><strong>提示：</strong>" +
                pages::escape(std::string(standards::kProvenanceNotice)) + "标注“示例”的指标文本仅为示例。</p>\n";
    }
    main += "<h2>星级申报条件</h2>\n<table><thead><tr><th scope=\"col\">星级</th><th scope=\"col\">最低指标数</th>"
            "<th scope=\"col\">必要条件</th><th scope=\"col\">现有星级要求</th></tr></thead><tbody>\n";
    for (const auto& level : standard.rules.levels) {
        std::string conditions;
        for (const auto c : level.conditions) {
            if (!conditions.empty()) conditions += "、";
            conditions += standards::condition_label(c);
        }
        std::string prerequisite = "无";
        if (level.current_star_in) {
            prerequisite.clear();
            for (const int star : *level.current_star_in) {
                if (!prerequisite.empty()) prerequisite += " 或 ";
                prerequisite += "已认定" + standards::star_label(star);
            }
        }
        main += "<tr><td>" + standards::star_label(level.star) + "</td><td>" + std::to_string(level.min) +
                "</td><td>" + (conditions.empty() ? "无" : conditions) + "</td><td>" + prerequisite + "</td></tr>\n";
    }
    main += "</tbody></table>\n";
    for (const auto& category : standard.categories) {
        main += "<h2>" + pages::escape(category.code) + " " + pages::escape(category.name) + "</h2>\n";
        for (const auto& sub : category.subcategories) {
            main += "<h3>" + pages::escape(sub.code) + " " + pages::escape(sub.name) + "</h3>\n"
                    "<table><thead><tr><th scope=\"col\">编号</th><th scope=\"col\">指标</th><th scope=\"col\">类型</th>"
                    "<th scope=\"col\">生活要素</th><th scope=\"col\">来源</th></tr></thead><tbody>\n";
            for (const auto& indicator : sub.indicators) {
                std::string elements;
                for (const auto e : indicator.life_elements) elements += standards::to_string(e);
                main += "<tr><td>" + pages::escape(indicator.code) + "</td><td>" + pages::escape(indicator.title) +
                        "</td><td>" + kind_label(indicator.kind) + "</td><td>" + elements + "</td><td>" +
                        (indicator.provenance == standards::Provenance::kExample
                             ? "<span class=\"tag example\">示例</span>"
                             : "<span class=\"tag\">原文</span>") +
                        "</td></tr>\n";
            }
            main += "</tbody></table>\n";
        }
    }
    return pages::html_response(pages::layout(request, standard.name, main));
}

}  // namespace hx::http::handlers

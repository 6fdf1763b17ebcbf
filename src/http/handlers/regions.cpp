#include "http/dto/regions.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

namespace {
/// Reference data for every business role and the administrators; the public has its own
/// pages. (Who may read the tree is the domain's rule; this only refuses nothing.)
nlohmann::json node_json(const regions::NodeView& view) {
    auto ancestors = nlohmann::json::array();
    for (const auto& a : view.ancestors) ancestors.push_back(dto::region_json(a));
    return {{"region", dto::region_json(view.region)},
            {"ancestors", std::move(ancestors)},
            {"children", dto::page_json(view.children, dto::region_json)}};
}
}  // namespace

Response list_districts(const Request& request, Context& context) {
    return respond(context.services.regions.districts(context.actor()), request,
                   [](const std::vector<regions::Region>& districts) {
                       auto items = nlohmann::json::array();
                       for (const auto& d : districts) items.push_back(dto::region_json(d));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response search_regions(const Request& request, Context& context) {
    auto page = page_query(request);
    if (!page) return error_response(page.error(), request);
    std::optional<regions::Level> level;
    if (const auto text = request.query_value("level"); text && !text->empty()) {
        level = regions::parse_level(*text);
        if (!level) {
            return error_response(
                Error::invalid("invalid_level", "未知的层级 '" + *text + "'",
                               {{"level", "应为 district、street 或 community"}}),
                request);
        }
    }
    // pilot=true keeps the pilot communities (首批试点); a name is then optional.
    auto pilot = regions::PilotFilter::kAny;
    if (const auto text = request.query_value("pilot"); text && !text->empty()) {
        if (*text == "true") {
            pilot = regions::PilotFilter::kPilotOnly;
        } else if (*text != "false") {
            return error_response(Error::invalid("invalid_pilot", "试点筛选应为 true 或 false，实为 '" + *text + "'",
                                                 {{"pilot", "应为 true 或 false"}}),
                                  request);
        }
    }
    return respond(context.services.regions.search(context.actor(),
                                                   request.query_value("q").value_or(""), level,
                                                   pilot, {page->page, page->page_size}),
                   request, [](const auto& found) {
                       return dto::page_json(found, [](const regions::SearchHit& hit) {
                           auto item = dto::region_json(hit.region);
                           auto path = nlohmann::json::array();
                           for (const auto& a : hit.path) path.push_back(dto::region_json(a));
                           item["path"] = std::move(path);
                           return item;
                       });
                   });
}

Response get_region(const Request& request, Context& context) {
    auto page = page_query(request);
    if (!page) return error_response(page.error(), request);
    return respond(context.services.regions.node(context.actor(), request.param("code"),
                                                 request.query_value("q").value_or(""),
                                                 {page->page, page->page_size}),
                   request, node_json);
}

Response get_community(const Request& request, Context& context) {
    return respond(context.services.regions.community(context.actor(), request.param("code")),
                   request, [](const regions::CommunityView& view) {
                       auto out = dto::region_json(view.community);
                       out["street"] = {{"code", view.street.code}, {"name", view.street.name}};
                       out["district"] = {{"code", view.district.code},
                                          {"name", view.district.name}};
                       return out;
                   });
}

Response put_pilot(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto pilot = body->optional_bool("pilot");
    if (!pilot && !body->value().contains("pilot")) body->problem("pilot", "缺少必填字段");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.regions.set_pilot(context.actor(), request.param("code"), *pilot),
                   request, dto::region_json);
}

}  // namespace hx::http::handlers

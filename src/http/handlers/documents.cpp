// The workflow's documents (第十四条2): the application form (申报表) in three copies and a
// district's recommendation list. The domain decides who may read what (404 outside the
// caller's scope); the renderers the composition root hands in draw the files.
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

Response application_form_pdf(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto form = context.services.applications.form(context.actor(), *id);
    if (!form) return error_response(form.error(), request);
    if (!context.services.renderers.application_form) return error_response(Error::internal("no renderer"), request);
    auto pdf = context.services.renderers.application_form(*form);
    if (!pdf) return error_response(pdf.error(), request);
    return attachment("application/pdf", std::move(*pdf), "application-form-" + std::to_string(*id),
                      form->view.application.community_name + "申报表");
}

namespace {

Response recommendation_list(const Request& request, Context& context, const std::string& format) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    const auto district = request.param("district");
    auto list = context.services.applications.recommendation_list(context.actor(), *id, district);
    if (!list) return error_response(list.error(), request);
    if (!context.services.renderers.recommendation_list) {
        return error_response(Error::internal("no renderer"), request);
    }
    auto bytes = context.services.renderers.recommendation_list(*list, format);
    if (!bytes) return error_response(bytes.error(), request);
    return attachment(format == "xlsx" ? kXlsxContentType : "application/pdf", std::move(*bytes),
                      "recommendations-" + std::to_string(*id) + "-" + list->package.district_code,
                      list->package.district_name + "星级智慧社区推荐名单");
}

}  // namespace

Response recommendation_list_pdf(const Request& request, Context& context) {
    return recommendation_list(request, context, "pdf");
}

Response recommendation_list_xlsx(const Request& request, Context& context) {
    return recommendation_list(request, context, "xlsx");
}

}  // namespace hx::http::handlers

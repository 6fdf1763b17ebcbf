#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/metrics.hpp"

namespace hx::http {
extern const char* const kOpenApiJson;  // generated from docs/openapi.json
}

namespace hx::http::handlers {

Response openapi(const Request&, Context&) {
    Response response;
    response.body = kOpenApiJson;
    response.set_header("Cache-Control", "public, max-age=300");
    return response;
}

Response healthz(const Request&, Context&) {
    Response response;
    response.body = R"({"status":"ok"})";
    return response;
}

Response metrics(const Request&, Context& context) {
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = context.services.metrics.render();
    return response;
}

}  // namespace hx::http::handlers

#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/test_clock.hpp"

namespace hx::http::handlers {

Response put_clock(const Request& request, Context& context) {
    // Exists only under `serve --test-clock`; otherwise the route answers as if absent.
    if (context.services.test_clock == nullptr) {
        return problem(404, "not_found", "请求的地址不存在", request.request_id);
    }
    if (context.actor().role != identity::Role::kSysAdmin) {
        return error_response(Error::forbidden("只有系统管理员可以调整测试时钟"), request);
    }
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto text = body->required_string("now");
    Timestamp now;
    if (!text.empty() && !parse_rfc3339(text, now)) {
        body->problem("now", "时间应为 RFC 3339 格式，如 2026-10-31T23:59:59+08:00");
    }
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    // Stored for every instance of the deployment before this one adopts it.
    if (auto moved = publish_test_clock(context.services.store, *context.services.test_clock, now); !moved) {
        return error_response(moved.error(), request);
    }
    // The reminders of the new time exist when this answers (deterministic for tests).
    if (context.services.reminders != nullptr) {
        if (auto made = context.services.reminders->run(); !made) return error_response(made.error(), request);
    }
    return json_response({{"now", format_rfc3339(context.services.clock.now())}});
}

Response get_clock(const Request&, Context& context) {
    return json_response({{"now", format_rfc3339(context.services.clock.now())},
                          {"test_clock", context.services.test_clock != nullptr}});
}

}  // namespace hx::http::handlers

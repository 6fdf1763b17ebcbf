// The caller's own reminders (docs/workflow.md): 7, 3 and 1 days before each deadline. Only
// one's own: another user's reminder is not found.
#include "http/dto/regions.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

namespace {

nlohmann::json notification_json(const reminders::Notification& n) {
    return {{"id", n.id},
            {"subject", n.subject},
            {"title", n.title},
            {"body", n.body},
            {"link", n.link},
            {"deadline", format_rfc3339(n.deadline)},
            {"days_before", n.days_before},
            {"created_at", format_rfc3339(n.created_at)},
            {"read", n.read_at.has_value()},
            {"read_at", n.read_at ? nlohmann::json(format_rfc3339(*n.read_at)) : nlohmann::json(nullptr)}};
}

Response no_reminders(const Request& request) {
    return error_response(Error(ErrorCode::kUnavailable, "reminders_unavailable", "提醒服务未启用"), request);
}

}  // namespace

Response list_notifications(const Request& request, Context& context) {
    if (context.services.reminders == nullptr) return no_reminders(request);
    auto page = page_query(request, 20);
    if (!page) return error_response(page.error(), request);
    return respond(context.services.reminders->list(context.actor(), {page->page, page->page_size}), request,
                   [](const reminders::NotificationPage& result) {
                       auto body = dto::page_json(result.page, notification_json);
                       body["unread"] = result.unread;
                       return body;
                   });
}

Response read_notification(const Request& request, Context& context) {
    if (context.services.reminders == nullptr) return no_reminders(request);
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.reminders->mark_read(context.actor(), *id), request, notification_json);
}

Response read_all_notifications(const Request& request, Context& context) {
    if (context.services.reminders == nullptr) return no_reminders(request);
    return respond(context.services.reminders->mark_all_read(context.actor()), request,
                   [](std::int64_t marked) { return nlohmann::json{{"marked", marked}, {"unread", 0}}; });
}

}  // namespace hx::http::handlers

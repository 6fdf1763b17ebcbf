#include "domain/identity/totp.hpp"
#include "http/dto/identity.hpp"
#include "http/dto/regions.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

namespace {

Response user_action(const Request& request, Context& context,
                     Status (*action)(Context&, std::int64_t, const Request&)) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    if (auto status = action(context, *id, request); !status) {
        return error_response(status.error(), request);
    }
    return respond(context.services.identity.find_user(context.actor(), *id), request,
                   dto::user_json);
}

}  // namespace

Response create_user(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    identity::NewUser user;
    user.username = body->required_string("username");
    user.password = body->required_string("password");
    user.name = body->required_string("name");
    user.role = body->required_string("role");
    user.org_code = body->required_string("org_code");
    user.email = body->optional_string("email").value_or("");
    if (auto status = body->finish("用户信息不完整"); !status) {
        return error_response(status.error(), request);
    }
    auto created = context.services.identity.create_user(context.actor(), user);
    if (!created) return error_response(created.error(), request);
    auto out = dto::user_json(*created);
    // Shown once, for the administrator to hand to the user's authenticator app.
    out["totp_secret"] = created->totp_secret;
    out["totp_uri"] = identity::totp_uri(created->username, created->totp_secret);
    return json_response(out, 201);
}

Response list_users(const Request& request, Context& context) {
    auto page = page_query(request);
    if (!page) return error_response(page.error(), request);
    identity::UserFilter filter;
    filter.query = request.query_value("q").value_or("");
    if (const auto role = request.query_value("role"); role && !role->empty()) {
        filter.role = identity::parse_role(*role);
        if (!filter.role) {
            return error_response(Error::invalid("invalid_role", "未知的角色 '" + *role + "'",
                                                 {{"role", "未知的角色"}}),
                                  request);
        }
    }
    return respond(context.services.identity.list_users(context.actor(), filter,
                                                        {page->page, page->page_size}),
                   request, [](const auto& users) { return dto::page_json(users, dto::user_json); });
}

Response get_user(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.identity.find_user(context.actor(), *id), request,
                   dto::user_json);
}

Response disable_user(const Request& request, Context& context) {
    return user_action(request, context, [](Context& c, std::int64_t id, const Request&) {
        return c.services.identity.set_disabled(c.actor(), id, true);
    });
}

Response enable_user(const Request& request, Context& context) {
    return user_action(request, context, [](Context& c, std::int64_t id, const Request&) {
        return c.services.identity.set_disabled(c.actor(), id, false);
    });
}

Response unlock_user(const Request& request, Context& context) {
    return user_action(request, context, [](Context& c, std::int64_t id, const Request&) {
        return c.services.identity.unlock(c.actor(), id);
    });
}

Response reset_password(const Request& request, Context& context) {
    return user_action(request, context, [](Context& c, std::int64_t id, const Request& r) -> Status {
        ASSIGN_OR_RETURN(auto body, JsonBody::parse(r));
        const auto password = body.required_string("password");
        RETURN_IF_ERROR(body.finish());
        return c.services.identity.reset_password(c.actor(), id, password);
    });
}

Response set_user_email(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto email = body->optional_string("email");
    if (!email) body->problem("email", "缺少必填字段（清除邮箱时传空字符串）");
    if (auto status = body->finish("电子邮箱不完整"); !status) {
        return error_response(status.error(), request);
    }
    return respond(context.services.identity.set_email(context.actor(), *id, *email), request,
                   dto::user_json);
}

Response get_security_policy(const Request& request, Context& context) {
    const auto role = context.actor().role;
    if (role != identity::Role::kSecurityAdmin && role != identity::Role::kSysAdmin) {
        return error_response(Error::forbidden("只有安全管理员可以查看安全策略"), request);
    }
    return respond(context.services.identity.mfa_required(), request,
                   [](bool mfa) { return nlohmann::json{{"mfa_required", mfa}}; });
}

Response put_security_policy(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto mfa = body->optional_bool("mfa_required");
    if (!mfa) body->problem("mfa_required", "缺少必填字段");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    auto status = context.services.identity.set_mfa_required(context.actor(), *mfa);
    return respond_status(status, request, {{"mfa_required", *mfa}});
}

}  // namespace hx::http::handlers

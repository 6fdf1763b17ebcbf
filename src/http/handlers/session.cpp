#include "http/dto/identity.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace hx::http::handlers {

namespace {
constexpr const char* kCookie = "hx_session";

std::string session_cookie(const std::string& token, int max_age_seconds) {
    return std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(max_age_seconds);
}
}  // namespace

Response sign_in(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    identity::Credentials credentials;
    credentials.username = body->required_string("username");
    credentials.password = body->required_string("password");
    credentials.totp = body->optional_string("totp").value_or("");
    if (auto status = body->finish("登录信息不完整"); !status) {
        return error_response(status.error(), request);
    }
    auto signed_in = context.services.identity.sign_in(
        credentials, {request.client_addr, request.request_id});
    if (!signed_in) {
        auto refused = error_response(signed_in.error(), request);
        if (refused.status == 429) {
            // The address may try again once its oldest counted failure leaves the window: at
            // the latest a whole window from now (the server runs the default AccountPolicy).
            const auto window = std::chrono::seconds(identity::AccountPolicy{}.address_window);
            refused.set_header("Retry-After", std::to_string(window.count()));
        }
        return refused;
    }
    auto response = json_response({{"token", signed_in->token},
                                   {"csrf_token", signed_in->csrf_token},
                                   {"user", dto::user_json(signed_in->user)}});
    response.set_header("Set-Cookie", session_cookie(signed_in->token, 12 * 3600));
    return response;
}

Response sign_out(const Request& request, Context& context) {
    const auto authorization = request.header("authorization");
    const auto token = authorization.rfind("Bearer ", 0) == 0 ? authorization.substr(7)
                                                               : request.cookie(kCookie);
    auto status = context.services.identity.sign_out(token, context.actor());
    if (!status) return error_response(status.error(), request);
    Response response;
    response.status = 204;
    response.content_type.clear();
    response.set_header("Set-Cookie", session_cookie("", 0));
    return response;
}

Response me(const Request& request, Context& context) {
    auto user = context.services.identity.find_user(context.actor(), context.actor().user_id);
    if (!user) return error_response(user.error(), request);
    auto mfa = context.services.identity.mfa_required();
    if (!mfa) return error_response(mfa.error(), request);
    return json_response({{"user", dto::user_json(*user)},
                          {"csrf_token", context.auth->csrf_token},
                          {"mfa_enforced", *mfa},
                          {"test_clock", context.services.test_clock != nullptr}});
}

}  // namespace hx::http::handlers

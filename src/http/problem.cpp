#include "http/problem.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace hx::http {

namespace {
const char* title_of(unsigned status) {
    switch (status) {
        case 400: return "请求有误";
        case 401: return "未登录或登录已失效";
        case 403: return "无权执行此操作";
        case 404: return "未找到";
        case 405: return "不支持的请求方法";
        case 409: return "状态冲突";
        case 413: return "请求内容过大";
        case 415: return "不支持的内容类型";
        case 422: return "不符合规则";
        case 423: return "账户已锁定";
        case 429: return "请求过于频繁";
        case 503: return "服务暂不可用";
        default: return "服务器内部错误";
    }
}
}  // namespace

unsigned status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return 400;
        case ErrorCode::kUnauthenticated: return 401;
        case ErrorCode::kPermissionDenied: return 403;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kFailedPrecondition:
        case ErrorCode::kAlreadyExists: return 409;
        case ErrorCode::kTooLarge: return 413;
        case ErrorCode::kRuleViolation: return 422;
        case ErrorCode::kLocked: return 423;
        case ErrorCode::kResourceExhausted: return 429;
        case ErrorCode::kUnavailable: return 503;
        case ErrorCode::kInternal: return 500;
    }
    return 500;
}

Response problem(unsigned status, const std::string& code, const std::string& detail,
                 const std::string& request_id) {
    nlohmann::json body = {
        {"type", "https://huixing.example/problems/" + code},
        {"title", title_of(status)},
        {"status", status},
        {"detail", detail},
        {"code", code},
        {"errors", nlohmann::json::array()},
        {"request_id", request_id},
    };
    Response response;
    response.status = status;
    response.content_type = "application/problem+json; charset=utf-8";
    response.body = body.dump();
    return response;
}

Response problem(const Error& error, const std::string& request_id) {
    const unsigned status = status_of(error.code());
    const bool hidden = status >= 500;
    if (hidden) {
        // The detail is for operators: it goes to the log under the request id, never to clients.
        spdlog::error("{}", nlohmann::json({{"event", "error"}, {"request_id", request_id},
                                           {"code", to_string(error.code())},
                                           {"detail", error.message()}})
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    auto response = problem(status, hidden ? "internal" : error.reason(),
                            hidden ? "服务器内部错误，请稍后重试；如仍有问题请向管理员提供请求编号 " +
                                         request_id
                                   : error.message(),
                            request_id);
    if (!error.fields().empty()) {
        auto body = nlohmann::json::parse(response.body);
        for (const auto& f : error.fields()) {
            body["errors"].push_back({{"field", f.field}, {"message", f.message}});
        }
        response.body = body.dump();
    }
    if (error.code() == ErrorCode::kUnavailable) response.set_header("Retry-After", "1");
    return response;
}

}  // namespace hx::http

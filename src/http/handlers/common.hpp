#pragma once
/// Small helpers every handler uses: map a Result to a response, read the caller.
#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/context.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"

namespace hx::http {

/// A positive integer path parameter (`{id}`), or 400 naming it.
Result<std::int64_t> id_param(const Request& request, const char* name);

/// A stored file served as a download in a sandbox, never rendered as a page of this origin:
/// `<base_name>.<pdf|png|jpg|xlsx>` by its (sniffed) content type. With a `display_name` (a
/// Chinese file name, no extension) the browser saves it under that name (RFC 6266 filename*).
Response attachment(const std::string& content_type, std::string bytes, const std::string& base_name,
                    const std::string& display_name = {});

inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

inline Response error_response(const Error& error, const Request& request) {
    return problem(error, request.request_id);
}

/// A domain Result<T> → 200/201 JSON via `to_json`, or problem+json.
template <typename T, typename F>
Response respond(const Result<T>& result, const Request& request, F&& to_json,
                 unsigned status = 200) {
    if (!result) return error_response(result.error(), request);
    return json_response(to_json(*result), status);
}

inline Response respond_status(const Status& status, const Request& request,
                               const nlohmann::json& body) {
    if (!status) return error_response(status.error(), request);
    return json_response(body);
}

}  // namespace hx::http

#include "http/handlers/common.hpp"

#include <charconv>

namespace hx::http {

Result<std::int64_t> id_param(const Request& request, const char* name) {
    const auto text = request.param(name);
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        return fail(Error::invalid("invalid_id", "编号 '" + text + "' 无效", {{name, "应为正整数"}}));
    }
    return id;
}

Response attachment(const std::string& content_type, std::string bytes, const std::string& base_name) {
    const char* extension = content_type == "application/pdf" ? "pdf" : content_type == "image/png" ? "png" : "jpg";
    Response response;
    response.content_type = content_type;
    response.body = std::move(bytes);
    response.set_header("Content-Disposition", "attachment; filename=\"" + base_name + "." + extension + "\"");
    response.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    response.set_header("Cache-Control", "private, no-store");
    return response;
}

}  // namespace hx::http

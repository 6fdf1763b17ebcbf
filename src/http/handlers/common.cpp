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

Response attachment(const std::string& content_type, std::string bytes, const std::string& base_name,
                    const std::string& display_name) {
    const char* extension = content_type == "application/pdf"   ? "pdf"
                            : content_type == "image/png"       ? "png"
                            : content_type == kXlsxContentType ? "xlsx"
                                                                : "jpg";
    Response response;
    response.content_type = content_type;
    response.body = std::move(bytes);
    std::string disposition = "attachment; filename=\"" + base_name + "." + extension + "\"";
    if (!display_name.empty()) disposition += "; filename*=UTF-8''" + url_encode(display_name + "." + extension);
    response.set_header("Content-Disposition", disposition);
    response.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    response.set_header("Cache-Control", "private, no-store");
    return response;
}

}  // namespace hx::http

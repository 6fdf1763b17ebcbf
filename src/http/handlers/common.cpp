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

}  // namespace hx::http

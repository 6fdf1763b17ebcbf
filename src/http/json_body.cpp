#include "http/json_body.hpp"

#include <charconv>

namespace hx::http {

Result<JsonBody> JsonBody::parse(const Request& request) {
    auto value = nlohmann::json::parse(request.body, nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
        return fail(Error::invalid("invalid_json", "请求体须为一个 JSON 对象"));
    }
    return JsonBody(std::move(value));
}

std::string JsonBody::required_string(const std::string& key) {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) {
        problem(key, "缺少必填字段");
        return {};
    }
    if (!it->is_string()) {
        problem(key, "应为字符串");
        return {};
    }
    return it->get<std::string>();
}

std::optional<std::string> JsonBody::optional_string(const std::string& key) {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
        problem(key, "应为字符串");
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<bool> JsonBody::optional_bool(const std::string& key) {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) return std::nullopt;
    if (!it->is_boolean()) {
        problem(key, "应为 true 或 false");
        return std::nullopt;
    }
    return it->get<bool>();
}

std::optional<std::int64_t> JsonBody::optional_int(const std::string& key) {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) {
        problem(key, "应为整数");
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

std::int64_t JsonBody::required_int(const std::string& key) {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) {
        problem(key, "缺少必填字段");
        return 0;
    }
    auto v = optional_int(key);
    return v.value_or(0);
}

void JsonBody::problem(const std::string& field, const std::string& message) {
    problems_.push_back({field, message});
}

Status JsonBody::finish(const std::string& message) {
    if (problems_.empty()) return ok();
    return fail(Error::invalid("invalid_request", message, std::move(problems_)));
}

Response json_response(const nlohmann::json& body, unsigned status) {
    Response response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Result<PageQuery> page_query(const Request& request, std::int64_t default_size) {
    PageQuery out;
    out.page_size = default_size;
    std::vector<FieldError> problems;
    auto read = [&](const char* name, std::int64_t& target) {
        const auto value = request.query_value(name);
        if (!value || value->empty()) return;
        std::int64_t parsed = 0;
        const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
        if (ec != std::errc() || end != value->data() + value->size()) {
            problems.push_back({name, "应为整数，实为 '" + *value + "'"});
            return;
        }
        target = parsed;
    };
    read("page", out.page);
    read("page_size", out.page_size);
    if (!problems.empty()) return fail(Error::invalid("invalid_page", "分页参数有误", std::move(problems)));
    return out;
}

}  // namespace hx::http

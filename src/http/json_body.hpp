#pragma once
/// Reading a JSON request body field by field, collecting every problem before answering 400.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace hx::http {

class JsonBody {
public:
    /// 400 `invalid_json` unless the body is one JSON object.
    static Result<JsonBody> parse(const Request& request);
    explicit JsonBody(nlohmann::json value) : value_(std::move(value)) {}

    std::string required_string(const std::string& key);
    std::optional<std::string> optional_string(const std::string& key);
    std::optional<bool> optional_bool(const std::string& key);
    std::optional<std::int64_t> optional_int(const std::string& key);
    std::int64_t required_int(const std::string& key);
    /// Adds a problem found by the handler itself (e.g. an enum out of range).
    void problem(const std::string& field, const std::string& message);
    [[nodiscard]] const nlohmann::json& value() const { return value_; }
    /// 400 `invalid_request` with every problem, or ok.
    Status finish(const std::string& message = "请求内容有误");

private:
    nlohmann::json value_;
    std::vector<FieldError> problems_;
};

/// A JSON response with the given status.
Response json_response(const nlohmann::json& body, unsigned status = 200);

/// page/page_size query parameters (400 on non-numbers).
struct PageQuery {
    std::int64_t page = 1;
    std::int64_t page_size = 50;
};
Result<PageQuery> page_query(const Request& request, std::int64_t default_size = 50);

}  // namespace hx::http

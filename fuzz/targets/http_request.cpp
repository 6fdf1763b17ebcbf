// Fuzz target: an HTTP/1.1 request as the server reads it (Beast's parser with the server's
// header and body limits), then the server's own parsing of what came in: the target and its
// percent-encoding, the query, cookies, the bearer token and the route table's matching.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "http/multipart.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace bhttp = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(1024 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_header_done()) return 0;
    if (!parser.is_done()) parser.put_eof(ec);

    const auto& message = parser.get();
    hx::http::Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[name] = std::string(field.value());
    }
    request.body = message.body();
    if (!hx::http::parse_target(request.target, request.path, request.query)) return 0;
    static_cast<void>(request.cookie("hx_session"));
    static_cast<void>(request.query_value("page"));
    static_cast<void>(hx::http::multipart_boundary(request.header("content-type")));
    const auto match = hx::http::match_route(request.method, request.path, request.params);
    if (match.route != nullptr) {
        for (const auto& [name, value] : request.params) static_cast<void>(request.param(name));
    }
    bool ok = true;
    static_cast<void>(hx::http::url_decode(request.path, true, ok));
    static_cast<void>(hx::http::url_encode(request.path));
    return 0;
}

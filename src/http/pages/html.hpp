#pragma once
/// Server-rendered public pages: one layout, escaped text, work without JavaScript.
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace hx::http::pages {

std::string escape(std::string_view text);

/// A whole page in the public site's layout (header, main landmark, footer, 大字版 link).
std::string layout(std::string_view title, std::string_view main_html, bool large_text);

/// A text/html response.
Response html_response(std::string body, unsigned status = 200);

/// Whether the reader asked for the larger text (适老化): `?large=1`.
bool wants_large_text(const Request& request);

}  // namespace hx::http::pages

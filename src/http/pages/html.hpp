#pragma once
/// Server-rendered public pages: one layout, escaped text, work without JavaScript.
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace hx::http::pages {

std::string escape(std::string_view text);

/// A whole page in the public site's layout (header, main landmark, footer, 大字版 link).
std::string layout(std::string_view title, std::string_view main_html, bool large_text);

/// The layout for the page `request` asked for: the larger text (适老化, `?large=1`) when asked,
/// kept on every link and form of the site so that it lasts while the reader moves on, and a
/// switch back and forth that keeps the page's own query (a serial, the gallery's filters).
std::string layout(const Request& request, std::string_view title, std::string_view main_html);

/// One cell of a table that stacks into labelled lines on a phone (`table.stack` in the site
/// CSS): `<td data-label="label">html</td>`; `html` is inserted as it is.
std::string stacked_cell(std::string_view label, std::string_view html);

/// A text/html response.
Response html_response(std::string body, unsigned status = 200);

/// Whether the reader asked for the larger text (适老化): `?large=1`.
bool wants_large_text(const Request& request);

}  // namespace hx::http::pages

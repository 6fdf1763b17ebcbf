#pragma once
/// Server-rendered public pages: one layout, escaped text, work without JavaScript.
#include <string>
#include <string_view>

namespace hx::http::pages {

std::string escape(std::string_view text);

/// A whole page in the public site's layout (header, main landmark, footer, 大字版 link).
std::string layout(std::string_view title, std::string_view main_html, bool large_text);

}  // namespace hx::http::pages

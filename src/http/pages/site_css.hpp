#pragma once
namespace hx::http::pages {
/// The public site's one stylesheet: high contrast (WCAG 2.1 AA), readable on a phone.
extern const char* const kSiteCss;
}  // namespace hx::http::pages

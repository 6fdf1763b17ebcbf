#pragma once
/// Joins the domain's certification to the plaque renderer (cli is the composition root: http
/// may not link render).
#include <string>

#include "core/result.hpp"
#include "domain/certifications/certification.hpp"

namespace hx::cli {

/// The plaque of `certification` as "svg", "png" or "pdf", its QR code pointing at `verify_url`.
Result<std::string> render_certification_plaque(const certifications::Certification& certification,
                                                const std::string& format, const std::string& verify_url);

}  // namespace hx::cli

#include "cli/plaques.hpp"

#include "render/plaque.hpp"

namespace hx::cli {

Result<std::string> render_certification_plaque(const certifications::Certification& c, const std::string& format,
                                                const std::string& verify_url) {
    render::PlaqueContent content;
    content.serial = c.serial;
    content.star = c.star;
    content.year = c.year;
    content.title = certifications::title_of(c.star);
    content.community_name = c.full_name;
    content.district_name = c.district_name;
    content.street_name = c.street_name;
    content.issuers = certifications::issuers();
    content.issued_on = format_rfc3339(c.issued_at).substr(0, 10);
    content.verify_url = verify_url;
    content.payload = c.payload;
    content.signature = c.signature;
    content.key_id = c.key_id;
    const auto kind = format == "svg"   ? render::PlaqueFormat::kSvg
                      : format == "png" ? render::PlaqueFormat::kPng
                                        : render::PlaqueFormat::kPdf;
    return render::render_plaque_cached(content, kind);
}

}  // namespace hx::cli

#include "http/static_files.hpp"

#include "http/response_cache.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hx::http {

namespace {
std::string content_type_for(const std::filesystem::path& path) {
    const auto ext = path.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace

Result<StaticFiles> StaticFiles::load(const std::string& root, const std::string& url_prefix) {
    StaticFiles files;
    files.prefix_ = url_prefix;
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        if (!in && !in.eof()) return fail(Error::internal("cannot read " + entry.path().string()));
        const auto relative = std::filesystem::relative(entry.path(), root).generic_string();
        File file{body.str(), content_type_for(entry.path()), "", relative.rfind("assets/", 0) == 0};
        file.etag = etag_of(file.body);
        files.files_.emplace(url_prefix + relative, std::move(file));
    }
    if (ec) return fail(Error::internal("cannot list " + root + ": " + ec.message()));
    return files;
}

const StaticFiles::File* StaticFiles::find(const std::string& path) const {
    if (const auto it = files_.find(path); it != files_.end()) return &it->second;
    const auto last_slash = path.rfind('/');
    const bool has_extension = path.find('.', last_slash == std::string::npos ? 0 : last_slash) !=
                               std::string::npos;
    if (has_extension) return nullptr;
    const auto index = files_.find(prefix_ + "index.html");
    return index == files_.end() ? nullptr : &index->second;
}

Response serve_static(const StaticFiles::File& file, const Request& request) {
    Response response;
    response.set_header("ETag", file.etag);
    response.set_header("Cache-Control", file.immutable ? "public, max-age=31536000, immutable"
                                                        : "no-cache");
    if (if_none_match_matches(request.header("if-none-match"), file.etag)) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = file.content_type;
    response.body = file.body;
    return response;
}

}  // namespace hx::http

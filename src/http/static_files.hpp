#pragma once
/// The console's built files (web/dist), read into memory once at start. Requests are looked
/// up in this map: no path from a request ever reaches the file system.
#include <map>
#include <string>

#include "core/result.hpp"
#include "http/request.hpp"

namespace hx::http {

class StaticFiles {
public:
    struct File {
        std::string body;
        std::string content_type;
        std::string etag;
        bool immutable = false;  // hashed asset names from Vite
    };

    /// Loads every regular file under `root` (missing root: an empty set, and the console
    /// answers with a page explaining how to build it).
    static Result<StaticFiles> load(const std::string& root, const std::string& url_prefix);

    /// The file for a path under the prefix; unknown paths without an extension get
    /// index.html (client-side routes).
    [[nodiscard]] const File* find(const std::string& path) const;
    [[nodiscard]] bool empty() const { return files_.empty(); }
    [[nodiscard]] std::size_t size() const { return files_.size(); }

private:
    std::string prefix_;
    std::map<std::string, File> files_;
};

Response serve_static(const StaticFiles::File& file, const Request& request);

}  // namespace hx::http

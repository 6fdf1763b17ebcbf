#include "render/temp_dir.hpp"

#include <cstdlib>  // mkdtemp (POSIX)
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace hx::render {

namespace fs = std::filesystem;

Result<TempDir> TempDir::create() {
    std::error_code error;
    const fs::path base = fs::temp_directory_path(error);
    if (error) return fail(Error::internal("xlsx: no temporary directory: " + error.message()));
    std::string pattern = (base / "hx-xlsx-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        return fail(Error::internal("xlsx: mkdtemp failed under " + base.string()));
    }
    return TempDir(fs::path(pattern));
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, fs::path())) {}

TempDir::~TempDir() {
    if (path_.empty()) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

Result<std::string> read_whole_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Error::internal("xlsx: cannot read " + path.string()));
    std::ostringstream out;
    out << in.rdbuf();
    if (!in && !in.eof()) return fail(Error::internal("xlsx: read failed: " + path.string()));
    return out.str();
}

}  // namespace hx::render

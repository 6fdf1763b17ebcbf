#pragma once
/// A private temporary directory for writers that only write to files (libxlsxwriter): mode 0700
/// under $TMPDIR, removed with everything in it when the object goes.
#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace hx::render {

class TempDir {
public:
    static Result<TempDir> create();

    TempDir(TempDir&& other) noexcept;
    TempDir& operator=(TempDir&&) = delete;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    explicit TempDir(std::filesystem::path path) : path_(std::move(path)) {}
    std::filesystem::path path_;
};

/// The whole file's bytes.
Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace hx::render

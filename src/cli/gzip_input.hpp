#pragma once
/// A file read through zlib as a std::istream: gzip is decompressed while it streams, a plain
/// file passes through unchanged (gzread reads both). `import regions` reads its CSV this way,
/// so the national file (china-villages.csv.gz) is never unpacked to disk or held whole.
#include <zlib.h>

#include <array>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include "core/result.hpp"

namespace hx::cli {

class GzipInputBuffer final : public std::streambuf {
public:
    explicit GzipInputBuffer(gzFile file) : file_(file) {}
    ~GzipInputBuffer() override;
    GzipInputBuffer(const GzipInputBuffer&) = delete;
    GzipInputBuffer& operator=(const GzipInputBuffer&) = delete;

    /// Why reading stopped early (a damaged or truncated gzip stream), empty if it did not.
    [[nodiscard]] const std::string& failure() const { return failure_; }

protected:
    int_type underflow() override;

private:
    gzFile file_;
    std::array<char, 1U << 17U> buffer_{};
    std::string failure_;
};

/// An open compressed-or-plain file and the stream over it.
class GzipInput {
public:
    static Result<std::unique_ptr<GzipInput>> open(const std::string& path);
    std::istream& stream() { return stream_; }
    /// After the stream ended: a problem+json-ready error if the data were damaged.
    [[nodiscard]] Status finished() const;

private:
    GzipInput(gzFile file, std::string path) : buffer_(file), stream_(&buffer_), path_(std::move(path)) {}
    GzipInputBuffer buffer_;
    std::istream stream_;
    std::string path_;
};

}  // namespace hx::cli

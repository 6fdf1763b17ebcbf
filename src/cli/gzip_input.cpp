#include "cli/gzip_input.hpp"

#include <memory>

namespace hx::cli {

GzipInputBuffer::~GzipInputBuffer() { gzclose(file_); }

GzipInputBuffer::int_type GzipInputBuffer::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!failure_.empty()) return traits_type::eof();
    const int read = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
    if (read < 0) {
        int code = 0;
        const char* message = gzerror(file_, &code);
        failure_ = message != nullptr ? message : "gzread failed";
        return traits_type::eof();
    }
    if (read == 0) {
        // A stream cut off in the middle reads as a clean end; zlib tells the difference here.
        int code = Z_OK;
        const char* message = gzerror(file_, &code);
        if (code != Z_OK) failure_ = message != nullptr ? message : "gzread failed";
        return traits_type::eof();
    }
    setg(buffer_.data(), buffer_.data(), buffer_.data() + read);
    return traits_type::to_int_type(*gptr());
}

Result<std::unique_ptr<GzipInput>> GzipInput::open(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) return fail(Error::invalid("file_not_found", "无法打开文件 '" + path + "'"));
    gzbuffer(file, 1U << 17U);
    return std::unique_ptr<GzipInput>(new GzipInput(file, path));
}

Status GzipInput::finished() const {
    if (buffer_.failure().empty()) return ok();
    return fail(Error::invalid("invalid_gzip", "文件 '" + path_ + "' 已损坏，未导入任何数据",
                               {{"file", "解压失败：" + buffer_.failure()}}));
}

}  // namespace hx::cli

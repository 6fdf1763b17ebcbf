#include "storage/files/file_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/sha256.hpp"

namespace hx::storage::files {

namespace {

constexpr mode_t kDirectoryMode = 0700;

/// An open file descriptor, closed on destruction unless released by close().
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }
    [[nodiscard]] bool valid() const { return fd_ >= 0; }
    /// Closes now and reports the error close() gives (the last chance to see a write fail).
    int close() { return ::close(std::exchange(fd_, -1)); }

private:
    int fd_;
};

/// The Error of a failed system call; reads errno, so call it right after the failure. A full
/// disk is the operator's to fix and worth saying so; anything else is for the log only.
Error io_error(std::string_view operation, const std::string& path) {
    const int code = errno;
    if (code == ENOSPC || code == EDQUOT) {
        return {ErrorCode::kUnavailable, "storage_full", "文件存储空间不足，请联系系统管理员"};
    }
    return Error::internal("file store: " + std::string(operation) + " '" + path +
                           "': " + std::generic_category().message(code));
}

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}


std::string parent_of(const std::string& path) {
    return std::filesystem::path(path).parent_path().string();
}

/// fsync of a directory: makes the names created, renamed or removed in it durable.
Status sync_directory(const std::string& path) {
    const Descriptor directory(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!directory.valid()) return fail(io_error("open directory", path));
    if (::fsync(directory.get()) != 0) return fail(io_error("fsync directory", path));
    return ok();
}

/// Makes `path` a directory of mode 0700 unless it is one already, and makes a new one durable
/// in its parent. kInvalidArgument when something else has the name.
Status ensure_directory(const std::string& path) {
    if (::mkdir(path.c_str(), kDirectoryMode) == 0) return sync_directory(parent_of(path));
    if (errno != EEXIST) return fail(io_error("mkdir", path));
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return fail(io_error("stat", path));
    if (!S_ISDIR(info.st_mode)) {
        return fail(Error::invalid("invalid_file_store", "文件存储路径 '" + path + "' 不是目录"));
    }
    return ok();
}

Status write_all(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return fail(io_error("write", path));
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return ok();
}

/// Writes `bytes` to a new temporary file in `directory`, syncs it and renames it to `target`.
Status write_file(const std::string& directory, const std::string& target, std::string_view bytes) {
    // mkstemp makes the file with mode 0600 and a name no other writer can have chosen.
    std::string temporary = directory + "/.partial-XXXXXX";
    Descriptor file(::mkostemp(temporary.data(), O_CLOEXEC));
    if (!file.valid()) return fail(io_error("create", temporary));
    Status written = write_all(file.get(), bytes, temporary);
    if (written && ::fsync(file.get()) != 0) written = fail(io_error("fsync", temporary));
    if (written && file.close() != 0) written = fail(io_error("close", temporary));
    if (written && ::rename(temporary.c_str(), target.c_str()) != 0) {
        written = fail(io_error("rename", temporary));
    }
    if (!written) {
        ::unlink(temporary.c_str());
        return written;
    }
    return sync_directory(directory);
}

}  // namespace


Result<std::unique_ptr<DirectoryFileStore>> DirectoryFileStore::create(const std::string& root) {
    if (root.empty()) return fail(Error::invalid("invalid_file_store", "文件存储目录为空"));
    if (!sodium_ready()) return fail(Error::internal("file store: sodium_init failed"));
    std::error_code error;
    const auto absolute = std::filesystem::absolute(root, error).lexically_normal();
    if (error) {
        return fail(Error::invalid("invalid_file_store",
                                   "文件存储目录 '" + root + "' 无效：" + error.message()));
    }
    // Each missing directory on the way is made 0700; existing ones are left as they are.
    std::filesystem::path prefix;
    for (const auto& part : absolute) {
        if (part.empty()) continue;  // the empty name after a trailing '/'
        prefix /= part;
        if (prefix == prefix.root_path()) continue;
        RETURN_IF_ERROR(ensure_directory(prefix.string()));
    }
    std::string normalized = absolute.string();
    while (normalized.size() > 1 && normalized.back() == '/') normalized.pop_back();
    return std::unique_ptr<DirectoryFileStore>(new DirectoryFileStore(std::move(normalized)));
}

std::string DirectoryFileStore::path_of(const std::string& sha256) const {
    return root_ + "/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256;
}

Result<std::string> DirectoryFileStore::put(std::string_view bytes) {
    std::string hash = sha256_hex(bytes);
    const std::string first = root_ + "/" + hash.substr(0, 2);
    const std::string second = first + "/" + hash.substr(2, 2);
    RETURN_IF_ERROR(ensure_directory(first));
    RETURN_IF_ERROR(ensure_directory(second));
    const std::string target = second + "/" + hash;
    struct stat info {};
    const bool stored = ::lstat(target.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
                        static_cast<std::uint64_t>(info.st_size) == bytes.size();
    if (stored) {
        // The name exists only after its bytes were synced; an earlier put that failed before
        // its directory sync may have left the name itself undurable, so sync it again.
        RETURN_IF_ERROR(sync_directory(second));
        return hash;
    }
    RETURN_IF_ERROR(write_file(second, target, bytes));
    return hash;
}

Result<std::string> DirectoryFileStore::get(const std::string& sha256) {
    if (!is_sha256_hex(sha256)) {
        return fail(Error::invalid("invalid_hash",
                                   "文件摘要 '" + sha256 + "' 无效：应为 64 位小写十六进制"));
    }
    const std::string path = path_of(sha256);
    Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!file.valid()) {
        if (errno == ENOENT) return fail(Error::not_found("文件 " + sha256 + " 不存在"));
        return fail(io_error("open", path));
    }
    struct stat info {};
    if (::fstat(file.get(), &info) != 0) return fail(io_error("stat", path));
    if (!S_ISREG(info.st_mode))
        return fail(Error::internal("file store: '" + path + "' is not a file"));
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[64 * 1024];
    while (true) {
        const ssize_t count = ::read(file.get(), buffer, sizeof buffer);
        if (count < 0) {
            if (errno == EINTR) continue;
            return fail(io_error("read", path));
        }
        if (count == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(count));
    }
    // Served bytes are the bytes that were hashed: a file changed on disk is refused, not sent.
    if (sha256_hex(bytes) != sha256) {
        return fail(Error::internal("file store: '" + path + "' no longer matches its hash"));
    }
    return bytes;
}

}  // namespace hx::storage::files

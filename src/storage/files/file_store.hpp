#pragma once
/// Evidence bytes on the local file system, by content hash (DESIGN.md §2: files never live in
/// one process's memory alone; with several instances the directory is shared storage).
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/applications/application.hpp"

namespace hx::storage::files {

/// Files under `root/ab/cd/<sha256>` (the first two pairs of hex digits fan the tree out).
/// Directories are made 0700, files 0600; the root is meant to lie outside any directory a web
/// server serves. A name is only ever made from a hash this class computed or validated, never
/// from a path of the input.
///
/// put() writes a temporary file in the target directory, fsyncs it, renames it into place and
/// fsyncs the directory, so a hash it returned names a complete file after a crash too. Putting
/// bytes already stored writes nothing. get() answers kInvalidArgument (`invalid_hash`) for
/// anything but 64 lowercase hex digits, kNotFound for an absent file, and kInternal when the
/// bytes read no longer hash to their name. Safe to use from several threads and processes.
class DirectoryFileStore final : public applications::FileStore {
public:
    /// Makes `root` (and missing parents) with mode 0700 when absent. kInvalidArgument for an
    /// empty path or one that is not a directory.
    static Result<std::unique_ptr<DirectoryFileStore>> create(const std::string& root);

    Result<std::string> put(std::string_view bytes) override;
    Result<std::string> get(const std::string& sha256) override;

    [[nodiscard]] const std::string& root() const { return root_; }
    /// Where the file of a (valid) hash lives.
    [[nodiscard]] std::string path_of(const std::string& sha256) const;

private:
    explicit DirectoryFileStore(std::string root) : root_(std::move(root)) {}

    std::string root_;
};

}  // namespace hx::storage::files

// DirectoryFileStore: evidence bytes by content hash under a private directory.
#include "storage/files/file_store.hpp"

#include "core/sha256.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/store_factory.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using files::DirectoryFileStore;
using test_support::TempDir;

// SHA-256 of "abc" (FIPS 180-2, appendix B.1) and of nothing.
constexpr const char* kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

mode_t mode_of(const std::string& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
}

/// Every regular file under `root`, as paths relative to it.
std::vector<std::string> files_under(const std::string& root) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            out.push_back(std::filesystem::relative(entry.path(), root).string());
        }
    }
    return out;
}

class FileStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = DirectoryFileStore::create(root());
        ASSERT_TRUE(created) << created.error().message();
        store_ = std::move(*created);
    }
    [[nodiscard]] std::string root() const { return dir_.file("files"); }

    TempDir dir_;
    std::unique_ptr<DirectoryFileStore> store_;
};

TEST_F(FileStoreTest, PutReturnsTheSha256AndGetReturnsTheBytes) {
    const auto hash = store_->put("abc");
    HX_ASSERT_OK(hash);
    EXPECT_EQ(*hash, kAbc);
    const auto bytes = store_->get(kAbc);
    HX_ASSERT_OK(bytes);
    EXPECT_EQ(*bytes, "abc");

    const auto empty = store_->put("");
    HX_ASSERT_OK(empty);
    EXPECT_EQ(*empty, kEmpty);
    const auto nothing = store_->get(kEmpty);
    HX_ASSERT_OK(nothing);
    EXPECT_TRUE(nothing->empty());

    // Binary content with NUL bytes, larger than one read buffer.
    std::string binary(200 * 1024, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 7);
    const auto binary_hash = store_->put(binary);
    HX_ASSERT_OK(binary_hash);
    const auto back = store_->get(*binary_hash);
    HX_ASSERT_OK(back);
    EXPECT_EQ(*back, binary);
}

TEST_F(FileStoreTest, FilesLandUnderTheRootByHashWithPrivateModes) {
    HX_ASSERT_OK(store_->put("abc"));
    const std::string first = root() + "/ba";
    const std::string second = first + "/78";
    const std::string file = second + "/" + kAbc;
    EXPECT_EQ(store_->path_of(kAbc), file);
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
    EXPECT_EQ(mode_of(root()), 0700U);
    EXPECT_EQ(mode_of(first), 0700U);
    EXPECT_EQ(mode_of(second), 0700U);
    EXPECT_EQ(mode_of(file), 0600U);
    // Nothing else: no temporary file left behind, nothing written beside the root.
    EXPECT_EQ(files_under(root()), (std::vector<std::string>{std::string("ba/78/") + kAbc}));
    EXPECT_EQ(files_under(dir_.file("")),
              (std::vector<std::string>{std::string("files/ba/78/") + kAbc}));
}

TEST_F(FileStoreTest, PuttingStoredBytesAgainWritesNothing) {
    HX_ASSERT_OK(store_->put("abc"));
    const std::string file = store_->path_of(kAbc);
    struct stat before {};
    ASSERT_EQ(::stat(file.c_str(), &before), 0);
    const auto again = store_->put("abc");
    HX_ASSERT_OK(again);
    EXPECT_EQ(*again, kAbc);
    struct stat after {};
    ASSERT_EQ(::stat(file.c_str(), &after), 0);
    EXPECT_EQ(after.st_ino, before.st_ino);  // the same file, not a rewritten one
    EXPECT_EQ(files_under(root()).size(), 1U);
}

TEST_F(FileStoreTest, ATruncatedFileIsRewrittenByTheNextPut) {
    HX_ASSERT_OK(store_->put("abc"));
    { std::ofstream(store_->path_of(kAbc), std::ios::trunc) << "a"; }
    HX_ASSERT_OK(store_->put("abc"));
    const auto bytes = store_->get(kAbc);
    HX_ASSERT_OK(bytes);
    EXPECT_EQ(*bytes, "abc");
    EXPECT_EQ(mode_of(store_->path_of(kAbc)), 0600U);
}

TEST_F(FileStoreTest, GetRefusesAnythingButALowercaseSha256) {
    const std::string upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
    const std::vector<std::string> bad = {
        "",
        "abc",
        upper,
        std::string(kAbc) + "0",
        std::string(kAbc).substr(0, 63),
        "../../../../../../../../../../../../../../../../../../../etc/passwd",
        "ba/78/" + std::string(kAbc).substr(6),
        std::string(kAbc).substr(0, 63) + "g",
        std::string(kAbc).substr(0, 63) + std::string(1, '\0'),
    };
    HX_ASSERT_OK(store_->put("abc"));
    for (const auto& hash : bad) {
        SCOPED_TRACE(hash);
        const auto got = store_->get(hash);
        ASSERT_FALSE(got);
        EXPECT_EQ(got.error().code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(got.error().reason(), "invalid_hash");
    }
    EXPECT_TRUE(hx::is_sha256_hex(kAbc));
    EXPECT_FALSE(hx::is_sha256_hex(upper));
}

TEST_F(FileStoreTest, AnAbsentFileIsNotFound) {
    const auto got = store_->get(kAbc);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code(), ErrorCode::kNotFound);
}

TEST_F(FileStoreTest, BytesChangedOnDiskAreNotServed) {
    HX_ASSERT_OK(store_->put("abc"));
    { std::ofstream(store_->path_of(kAbc), std::ios::trunc) << "abd"; }
    const auto got = store_->get(kAbc);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code(), ErrorCode::kInternal);
}

TEST_F(FileStoreTest, ASymlinkInPlaceOfAFileIsNotFollowed) {
    const std::string outside = dir_.file("secret.txt");
    { std::ofstream(outside) << "abc"; }
    std::filesystem::create_directories(root() + "/ba/78");
    std::filesystem::create_symlink(outside, store_->path_of(kAbc));
    const auto got = store_->get(kAbc);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code(), ErrorCode::kInternal);
    // A put replaces the link with a file of its own.
    HX_ASSERT_OK(store_->put("abc"));
    EXPECT_FALSE(std::filesystem::is_symlink(store_->path_of(kAbc)));
    HX_EXPECT_OK(store_->get(kAbc));
}

TEST_F(FileStoreTest, ConcurrentPutsOfTheSameBytesAgree) {
    std::vector<std::string> hashes(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        threads.emplace_back([&, i] {
            const auto hash = store_->put(std::string(64 * 1024, 'x'));
            hashes[i] = hash ? *hash : std::string();
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& hash : hashes) EXPECT_EQ(hash, hashes.front());
    EXPECT_EQ(files_under(root()).size(), 1U);
    HX_EXPECT_OK(store_->get(hashes.front()));
}

TEST(FileStoreCreateTest, MakesMissingDirectoriesPrivateAndRefusesNonDirectories) {
    const TempDir dir;
    const std::string nested = dir.file("a/b/c");
    const auto created = DirectoryFileStore::create(nested + "/");
    HX_ASSERT_OK(created);
    EXPECT_EQ((*created)->root(), nested);
    EXPECT_EQ(mode_of(dir.file("a")), 0700U);
    EXPECT_EQ(mode_of(dir.file("a/b")), 0700U);
    EXPECT_EQ(mode_of(nested), 0700U);
    // An existing directory is used as it is.
    HX_EXPECT_OK(DirectoryFileStore::create(nested));

    const std::string file = dir.file("plain");
    { std::ofstream(file) << "x"; }
    for (const std::string& root : {std::string(), file, file + "/below"}) {
        SCOPED_TRACE(root);
        const auto refused = DirectoryFileStore::create(root);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
    }
}

TEST(FileStoreCreateTest, TheFactoryOpensADirectoryStore) {
    const TempDir dir;
    auto opened = open_file_store(dir.file("evidence"));
    HX_ASSERT_OK(opened);
    const auto hash = (*opened)->put("abc");
    HX_ASSERT_OK(hash);
    EXPECT_EQ(*hash, kAbc);
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.file("evidence/ba/78/") + kAbc));
    const auto refused = open_file_store("");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace hx::storage

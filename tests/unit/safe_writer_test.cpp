// Safe writes: temp files that clean up, no-clobber commits, output verification, copies and dates.
#include "safe_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include <fstream>
#include <stdexcept>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {
TempFile created(const fs::path& folder) {
    auto tmp = TempFile::create(folder);
    if (!tmp) throw std::runtime_error(tmp.error().message);
    return std::move(*tmp);
}
}  // namespace

TEST(SafeWriter, TempFileIsHiddenAndRemovesItself) {
    TempDir dir;
    fs::path p;
    {
        TempFile tmp = created(dir.path());
        p = tmp.path();
        EXPECT_TRUE(fs::exists(p));
        EXPECT_EQ(p.parent_path(), dir.path());
        EXPECT_EQ(p.filename().string().front(), '.');
        EXPECT_TRUE(TempFile::isTempName(p));
        writeText(p, "partial");
    }
    EXPECT_FALSE(fs::exists(p)) << "an uncommitted temp file must go";
    EXPECT_TRUE(listFiles(dir.path()).empty());
}

TEST(SafeWriter, TempNamesAreUnique) {
    TempDir dir;
    TempFile a = created(dir.path()), b = created(dir.path()), c = created(dir.path());
    EXPECT_NE(a.path(), b.path());
    EXPECT_NE(b.path(), c.path());
}

TEST(SafeWriter, IsTempName) {
    EXPECT_FALSE(TempFile::isTempName("photo.jpg"));
    EXPECT_FALSE(TempFile::isTempName(".hidden.jpg"));
}

TEST(SafeWriter, CommitMovesIntoPlace) {
    TempDir dir;
    fs::path tmpPath;
    {
        TempFile tmp = created(dir.path());
        tmpPath = tmp.path();
        writeText(tmp.path(), "new content");
        EXPECT_TRUE(tmp.commit(dir / "out.jpg", false));
    }
    EXPECT_EQ(readText(dir / "out.jpg"), "new content");
    EXPECT_FALSE(fs::exists(tmpPath));
    EXPECT_EQ(listFiles(dir.path()), (std::vector<std::string>{"out.jpg"}));
}

TEST(SafeWriter, CommitWithoutReplaceNeverClobbers) {
    TempDir dir;
    writeText(dir / "out.jpg", "precious");
    {
        TempFile tmp = created(dir.path());
        writeText(tmp.path(), "new content");
        EXPECT_FALSE(tmp.commit(dir / "out.jpg", false));
    }
    EXPECT_EQ(readText(dir / "out.jpg"), "precious");
    EXPECT_EQ(listFiles(dir.path()), (std::vector<std::string>{"out.jpg"})) << "failed commit leaves no temp";
}

TEST(SafeWriter, CommitWithReplaceReplaces) {
    TempDir dir;
    writeText(dir / "out.jpg", "old");
    {
        TempFile tmp = created(dir.path());
        writeText(tmp.path(), "new");
        EXPECT_TRUE(tmp.commit(dir / "out.jpg", true));
    }
    EXPECT_EQ(readText(dir / "out.jpg"), "new");
    EXPECT_EQ(listFiles(dir.path()).size(), 1u);
}

TEST(SafeWriter, TempFileMakesMissingFolderAndRemovesItUnlessCommitted) {
    TempDir dir;
    {
        TempFile tmp = created(dir / "missing/folder");
        EXPECT_TRUE(fs::is_regular_file(tmp.path()));
    }
    // Nothing of an uncommitted write stays behind, not even the folders made for it.
    EXPECT_FALSE(fs::exists(dir / "missing"));
    {
        TempFile tmp = created(dir / "kept/folder");
        EXPECT_TRUE(tmp.commit(dir / "kept/folder/out.bin", false));
    }
    EXPECT_TRUE(fs::is_regular_file(dir / "kept/folder/out.bin"));
}

TEST(SafeWriter, TempFileUnderARegularFileIsAnError) {
    TempDir dir;
    std::ofstream(dir / "plain") << "x";
    auto tmp = TempFile::create(dir / "plain/folder");
    ASSERT_FALSE(tmp.has_value());
    EXPECT_EQ(tmp.error().code, ErrorCode::OutputFailed);
    EXPECT_NE(tmp.error().message.find("plain"), std::string::npos) << tmp.error().message;
}

namespace {
std::vector<std::uint8_t> bytesOf(const fs::path& file) {
    const std::string text = readText(file);
    return {text.begin(), text.end()};
}
}  // namespace

TEST(SafeWriter, VerifyEncodedChecksFormatAndSize) {
    TempDir dir;
    makeImage(dir / "a.png", {.width = 40, .height = 30});
    const auto png = bytesOf(dir / "a.png");
    EXPECT_TRUE(bool(verifyEncoded(png, ImageFormat::Png, 40, 30)));
    auto wrongFormat = verifyEncoded(png, ImageFormat::Jpeg, 40, 30);
    ASSERT_FALSE(wrongFormat);
    EXPECT_FALSE(wrongFormat.error().message.empty());
    EXPECT_FALSE(bool(verifyEncoded(png, ImageFormat::Png, 41, 30)));
    EXPECT_FALSE(bool(verifyEncoded(png, ImageFormat::Png, 40, 31)));
    EXPECT_FALSE(bool(verifyEncoded({}, ImageFormat::Png, 40, 30)));
    const std::string garbage = "not a png at all";
    EXPECT_FALSE(bool(verifyEncoded({garbage.begin(), garbage.end()}, ImageFormat::Png, 40, 30)));
}

TEST(SafeWriter, VerifyDecodesCatchesTruncatedData) {
    TempDir dir;
    makeImage(dir / "a.jpg", {.width = 400, .height = 300});
    EXPECT_TRUE(bool(verifyDecodes(dir / "a.jpg")));
    auto bytes = readText(dir / "a.jpg");
    writeText(dir / "cut.jpg", bytes.substr(0, bytes.size() / 2));
    EXPECT_FALSE(bool(verifyDecodes(dir / "cut.jpg"))) << "a full decode must notice the missing half";
    EXPECT_FALSE(bool(verifyDecodes(dir / "missing.jpg")));
}

TEST(SafeWriter, CopyIntoPlace) {
    TempDir dir;
    writeText(dir / "src.bin", "original bytes");
    ASSERT_TRUE(ensureFolder(dir / "out"));
    EXPECT_TRUE(copyIntoPlace(dir / "src.bin", dir / "out/copy.bin", false));
    EXPECT_EQ(readText(dir / "out/copy.bin"), "original bytes");
    writeText(dir / "src2.bin", "other");
    EXPECT_FALSE(copyIntoPlace(dir / "src2.bin", dir / "out/copy.bin", false));
    EXPECT_EQ(readText(dir / "out/copy.bin"), "original bytes");
    EXPECT_TRUE(copyIntoPlace(dir / "src2.bin", dir / "out/copy.bin", true));
    EXPECT_EQ(readText(dir / "out/copy.bin"), "other");
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
}

TEST(SafeWriter, CopyModificationTime) {
    TempDir dir;
    writeText(dir / "from", "a");
    writeText(dir / "to", "b");
    struct utimbuf times {};
    times.actime = 1000000000;
    times.modtime = 1000000000;  // 2001-09-09
    ASSERT_EQ(utime((dir / "from").c_str(), &times), 0);
    copyModificationTime(dir / "from", dir / "to");
    struct stat st {};
    ASSERT_EQ(stat((dir / "to").c_str(), &st), 0);
    EXPECT_EQ(st.st_mtime, 1000000000);
}

TEST(SafeWriter, EnsureFolderAndFileSize) {
    TempDir dir;
    EXPECT_TRUE(ensureFolder(dir / "a/b/c"));
    EXPECT_TRUE(fs::is_directory(dir / "a/b/c"));
    EXPECT_TRUE(ensureFolder(dir / "a/b/c")) << "existing folder is fine";
    writeText(dir / "file", "12345");
    EXPECT_EQ(fileSize(dir / "file"), 5u);
    EXPECT_FALSE(ensureFolder(dir / "file/sub")) << "a file in the way is an error";
}

// The freedesktop.org Trash: an entry is a .trashinfo plus a second name (or a copy) of the file, on the
// file's own disk when it can be, and restore puts it back.
#include "trash.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

ino_t inodeOf(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::string infoLine(const fs::path& info, const std::string& key) {
    const std::string text = readText(info);
    const auto at = text.find("\n" + key + "=");
    if (at == std::string::npos) return {};
    const auto start = at + key.size() + 2;
    return text.substr(start, text.find('\n', start) - start);
}

}  // namespace

TEST(Trash, KeepLeavesTheOriginalAndAddsAnEntryAsTheSpecificationSays) {
    TempDir dir;
    writeText(dir / "photos/my photo é.jpg", "original bytes");
    const Trash trash(dir / "data/Trash");
    auto e = trash.keep(dir / "photos/my photo é.jpg");
    ASSERT_TRUE(e) << errorText(e);
    EXPECT_EQ(e->file, dir / "data/Trash/files/my photo é.jpg");
    EXPECT_EQ(e->info, dir / "data/Trash/info/my photo é.jpg.trashinfo");
    EXPECT_EQ(readText(dir / "photos/my photo é.jpg"), "original bytes") << "the original stays in place";
    EXPECT_EQ(inodeOf(e->file), inodeOf(dir / "photos/my photo é.jpg")) << "a second name, not a copy";
    EXPECT_EQ(readText(e->info).rfind("[Trash Info]\n", 0), 0u);
    EXPECT_EQ(infoLine(e->info, "Path"), (dir / "photos/my%20photo%20%C3%A9.jpg").string());
    EXPECT_EQ(infoLine(e->info, "DeletionDate").size(), std::string("2026-01-01T00:00:00").size());
    struct stat st {};
    ASSERT_EQ(::stat((dir / "data/Trash").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u) << "the trash is the user's alone";
}

TEST(Trash, SameNameTwiceGetsItsOwnEntry) {
    TempDir dir;
    writeText(dir / "a/x.png", "first");
    writeText(dir / "b/x.png", "second");
    const Trash trash(dir / "Trash");
    auto first = trash.keep(dir / "a/x.png");
    auto second = trash.keep(dir / "b/x.png");
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->file.filename(), "x.png");
    EXPECT_EQ(second->file.filename(), "x.2.png");
    EXPECT_EQ(second->info.filename(), "x.2.png.trashinfo");
    EXPECT_EQ(readText(second->file), "second");
}

TEST(Trash, RestoreReplacesOnlyWhenAsked) {
    TempDir dir;
    writeText(dir / "x.jpg", "original");
    const Trash trash(dir / "Trash");
    auto e = trash.keep(dir / "x.jpg");
    ASSERT_TRUE(e);
    writeText(dir / "new.jpg", "new");
    fs::rename(dir / "new.jpg", dir / "x.jpg");  // what in-place mode does
    EXPECT_FALSE(Trash::restore(*e, dir / "x.jpg", false)) << "never over a file unasked";
    EXPECT_EQ(readText(dir / "x.jpg"), "new");
    ASSERT_TRUE(Trash::restore(*e, dir / "x.jpg", true));
    EXPECT_EQ(readText(dir / "x.jpg"), "original");
    EXPECT_FALSE(fs::exists(e->file));
    EXPECT_FALSE(fs::exists(e->info));
}

TEST(Trash, OtherMountUsesItsTopdirTrash) {
    TempDir dir;
    TmpfsMount disk(dir / "disk", 1 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.error();
    writeText(dir / "disk/pics/x.jpg", "original");
    const Trash trash(dir / "home/Trash");
    auto e = trash.keep(dir / "disk/pics/x.jpg");
    ASSERT_TRUE(e) << errorText(e);
    const fs::path top = dir / "disk" / (".Trash-" + std::to_string(getuid()));
    EXPECT_EQ(e->file, top / "files/x.jpg");
    EXPECT_EQ(infoLine(e->info, "Path"), "pics/x.jpg")
        << "relative to the mount, as the specification allows";
    EXPECT_EQ(inodeOf(e->file), inodeOf(dir / "disk/pics/x.jpg"));
    EXPECT_FALSE(fs::exists(dir / "home/Trash/files/x.jpg"));
}

TEST(Trash, UnusableTopdirFallsBackToACopyInTheHomeTrash) {
    TempDir dir;
    TmpfsMount disk(dir / "disk", 1 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.error();
    writeText(dir / "disk/x.jpg", "original");
    // Something that is not a folder where the per-user trash would go.
    writeText(dir / "disk" / (".Trash-" + std::to_string(getuid())), "not a folder");
    const Trash trash(dir / "home/Trash");
    auto e = trash.keep(dir / "disk/x.jpg");
    ASSERT_TRUE(e) << errorText(e);
    EXPECT_EQ(e->file, dir / "home/Trash/files/x.jpg");
    EXPECT_EQ(readText(e->file), "original");
    EXPECT_NE(inodeOf(e->file), inodeOf(dir / "disk/x.jpg"));
    // Restoring a copy across disks copies it back.
    writeText(dir / "disk/x.jpg", "replaced");
    ASSERT_TRUE(Trash::restore(*e, dir / "disk/x.jpg", true));
    EXPECT_EQ(readText(dir / "disk/x.jpg"), "original");
    EXPECT_FALSE(fs::exists(e->file));
}

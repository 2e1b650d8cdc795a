// Containment and the full-disk rule: outputs never leave their root through a link; a full disk is said
// once, per disk.
#include "containment.hpp"

#include <gtest/gtest.h>

#include "full_disk_guard.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

TEST(Containment, OutputRootPerMode) {
    ScanItem dropped{1, "/p/root/sub/a.jpg", "/p/root", 1};
    ScanItem single{2, "/p/loose/b.jpg", {}, 1};
    Options o;
    EXPECT_EQ(outputRoot(dropped, o), "/p/root");
    EXPECT_EQ(outputRoot(single, o), "/p/loose");
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = "/out";
    EXPECT_EQ(outputRoot(dropped, o), "/out");
}

TEST(Containment, LinkLeadingOutFailsWithItsName) {
    TempDir dir;
    fs::create_directories(dir / "root/sub");
    fs::create_directories(dir / "elsewhere");
    fs::create_directory_symlink(dir / "elsewhere", dir / "root/sub/optimized");
    auto s = checkContained(dir / "root/sub/optimized/a.jpg", dir / "root");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::OutputFailed);
    EXPECT_NE(s.error().message.find((dir / "root/sub/optimized").string() + " is a link to " +
                                     (dir / "elsewhere").string()),
              std::string::npos)
        << s.error().message;
    EXPECT_TRUE(checkContained(dir / "root/sub/other/a.jpg", dir / "root"))
        << "folders not made yet are fine";
    EXPECT_TRUE(checkContained(dir / "root/a.jpg", dir / "root"));
}

TEST(Containment, LinksThatStayInsideAreFine) {
    TempDir dir;
    fs::create_directories(dir / "root/real");
    fs::create_directory_symlink(dir / "root/real", dir / "root/alias");
    EXPECT_TRUE(checkContained(dir / "root/alias/optimized/a.jpg", dir / "root"));
    // The root itself may be reached through a link.
    fs::create_directory_symlink(dir / "root", dir / "link-to-root");
    EXPECT_TRUE(checkContained(dir / "link-to-root/real/a.jpg", dir / "link-to-root"));
    EXPECT_FALSE(checkContained(dir / "outside/a.jpg", dir / "root"));
}

TEST(FullDiskGuard, FirstFailureSaysSoThenTheDiskIsFull) {
    TempDir dir;
    FullDiskGuard guard;
    EXPECT_FALSE(guard.full(dir / "a/out.jpg"));
    EXPECT_TRUE(guard.markFull(dir / "a/out.jpg")) << "the first one on this disk";
    EXPECT_FALSE(guard.markFull(dir / "b/out.jpg"));
    EXPECT_TRUE(guard.full(dir / "c/d/out.jpg")) << "any folder of the same disk";
    EXPECT_EQ(FullDiskGuard::notStarted().message, "not started: the output disk is full");
    EXPECT_EQ(FullDiskGuard::notStarted().code, ErrorCode::NoSpace);
    TmpfsMount other(dir / "other", 1 << 20);
    if (other.mounted()) {
        EXPECT_FALSE(guard.full(dir / "other/out.jpg")) << "other disks are unaffected";
    }
}

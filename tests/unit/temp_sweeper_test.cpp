// Stale temporary files: those of processes that are gone go; those of live processes (this one included)
// stay; a pid reused by a process that started after the file was written does not keep a file alive.
#include "temp_sweeper.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "safe_writer.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

// A pid that no process has: a child that has exited and been reaped.
pid_t deadPid() {
    const pid_t child = fork();
    if (child == 0) _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
}

fs::path tempName(const TempDir& dir, pid_t pid, int n = 0) {
    return dir / (".imgopt-" + std::to_string(pid) + "-" + std::to_string(n) + "-0.tmp");
}

}  // namespace

TEST(TempSweeper, NamesCarryTheirOwner) {
    EXPECT_EQ(tempFileOwner(".imgopt-1234-5-0.tmp"), 1234);
    EXPECT_EQ(tempFileOwner("/x/.imgopt-77-0-3.tmp"), 77);
    EXPECT_EQ(tempFileOwner(".imgopt-x-0-0.tmp"), 0);
    EXPECT_EQ(tempFileOwner("imgopt-12-0-0.tmp"), 0);
    EXPECT_EQ(tempFileOwner(".imgopt-12-0-0.jpg"), 0);
    auto made = TempFile::create(fs::temp_directory_path());
    ASSERT_TRUE(made);
    EXPECT_EQ(tempFileOwner(made->path()), getpid()) << "the format TempFile writes";
}

TEST(TempSweeper, RemovesOnlyFilesOfProcessesThatAreGone) {
    TempDir dir;
    const pid_t dead = deadPid();
    writeText(tempName(dir, dead), "left by a killed run");
    writeText(tempName(dir, getpid()), "ours, being written");
    writeText(tempName(dir, getppid()), "a live run's");
    writeText(dir / ".imgopt-notes.txt", "not a temp name");
    writeText(dir / "photo.jpg", "an image");
    TempSweeper sweeper;
    EXPECT_EQ(sweeper.sweepOnce(dir.path()), 1);
    EXPECT_FALSE(fs::exists(tempName(dir, dead)));
    EXPECT_TRUE(fs::exists(tempName(dir, getpid())));
    EXPECT_TRUE(fs::exists(tempName(dir, getppid())));
    EXPECT_TRUE(fs::exists(dir / ".imgopt-notes.txt"));
    EXPECT_TRUE(fs::exists(dir / "photo.jpg"));
    writeText(tempName(dir, dead, 1), "another");
    EXPECT_EQ(sweeper.sweepOnce(dir.path()), 0) << "each folder is swept once per run";
    EXPECT_EQ(sweeper.removed(), 1);
}

TEST(TempSweeper, ReusedPidDoesNotKeepAFileAlive) {
    TempDir dir;
    // The parent process (the test runner) started long before a file dated 2001.
    const auto file = tempName(dir, getppid());
    writeText(file, "old");
    const struct timespec times[2] = {{1'000'000'000, 0}, {1'000'000'000, 0}};
    ASSERT_EQ(utimensat(AT_FDCWD, file.c_str(), times, 0), 0);
    EXPECT_FALSE(ownerAlive(getppid(), 1'000'000'000ll * 1'000'000'000));
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    EXPECT_TRUE(ownerAlive(getppid(), std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
    TempSweeper sweeper;
    EXPECT_EQ(sweeper.sweepOnce(dir.path()), 1);
}

// SystemMemoryProbe reads plausible numbers from /proc and the cgroup files.
#include "imgopt/memory_probe.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "process_memory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using imgopt::test::TempDir;
using imgopt::test::writeText;

namespace {

// A fake /proc and /sys tree, so the probe's parsing is tested against cgroup set-ups this machine lacks.
void writeProc(const TempDir& root, std::uint64_t totalKb, std::uint64_t availableKb,
               const std::string& cgroup) {
    std::filesystem::create_directories(root / "proc/self");
    writeText(root / "proc/meminfo", "MemTotal:       " + std::to_string(totalKb) +
                                         " kB\nMemFree:         1000 kB\nMemAvailable:   " +
                                         std::to_string(availableKb) + " kB\nBuffers:   10 kB\n");
    writeText(root / "proc/self/cgroup", cgroup);
    writeText(root / "proc/self/statm", "1000 256 10 1 0 100 0\n");
}

void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    writeText(file, text);
}

}  // namespace

TEST(MemoryProbe, CgroupV2LimitCapsAvailableMemory) {
    TempDir root;
    writeProc(root, 16'000'000, 12'000'000, "0::/user.slice/imgopt.scope\n");
    writeFile(root / "sys/fs/cgroup/user.slice/imgopt.scope/memory.max", "1073741824\n");
    writeFile(root / "sys/fs/cgroup/user.slice/imgopt.scope/memory.current", "268435456\n");
    const auto s = SystemMemoryProbe(root.path()).sample();
    EXPECT_EQ(s.totalBytes, 16'000'000ull * 1024);
    ASSERT_TRUE(s.cgroupLimit.has_value());
    EXPECT_EQ(*s.cgroupLimit, 1ull << 30);
    ASSERT_TRUE(s.cgroupUsage.has_value());
    EXPECT_EQ(*s.cgroupUsage, 256ull << 20);
    EXPECT_EQ(s.availableBytes, (1ull << 30) - (256ull << 20)) << "the cgroup's headroom, not MemAvailable";
    EXPECT_EQ(s.rssBytes, 256ull * std::uint64_t(::sysconf(_SC_PAGESIZE)));
}

TEST(MemoryProbe, CgroupV2WithoutALimitLeavesMemAvailable) {
    TempDir root;
    writeProc(root, 16'000'000, 12'000'000, "0::/\n");
    writeFile(root / "sys/fs/cgroup/memory.max", "max\n");
    writeFile(root / "sys/fs/cgroup/memory.current", "5000000\n");
    const auto s = SystemMemoryProbe(root.path()).sample();
    EXPECT_FALSE(s.cgroupLimit.has_value()) << "\"max\" is no limit";
    EXPECT_EQ(s.availableBytes, 12'000'000ull * 1024);
}

TEST(MemoryProbe, ContainerSeesItsCgroupAsTheRoot) {
    TempDir root;
    // The path named in /proc/self/cgroup does not exist inside the container's cgroup mount.
    writeProc(root, 16'000'000, 12'000'000, "0::/kubepods/pod42/abc\n");
    writeFile(root / "sys/fs/cgroup/memory.max", "536870912\n");
    writeFile(root / "sys/fs/cgroup/memory.current", "134217728\n");
    const auto s = SystemMemoryProbe(root.path()).sample();
    ASSERT_TRUE(s.cgroupLimit.has_value());
    EXPECT_EQ(s.availableBytes, (512ull << 20) - (128ull << 20));
}

TEST(MemoryProbe, CgroupV1Fallback) {
    TempDir root;
    writeProc(root, 8'000'000, 6'000'000, "12:memory:/docker/abc\n11:cpu:/docker/abc\n");
    writeFile(root / "sys/fs/cgroup/memory/memory.limit_in_bytes", "2147483648\n");
    writeFile(root / "sys/fs/cgroup/memory/memory.usage_in_bytes", "1073741824\n");
    const auto s = SystemMemoryProbe(root.path()).sample();
    ASSERT_TRUE(s.cgroupLimit.has_value());
    EXPECT_EQ(*s.cgroupLimit, 2ull << 30);
    EXPECT_EQ(s.availableBytes, 1ull << 30);
}

TEST(MemoryProbe, CgroupV1UnlimitedIsNoLimit) {
    TempDir root;
    writeProc(root, 8'000'000, 6'000'000, "12:memory:/\n");
    writeFile(root / "sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
    writeFile(root / "sys/fs/cgroup/memory/memory.usage_in_bytes", "1073741824\n");
    const auto s = SystemMemoryProbe(root.path()).sample();
    EXPECT_FALSE(s.cgroupLimit.has_value()) << "v1 says \"no limit\" with a huge page-aligned number";
    EXPECT_EQ(s.availableBytes, 6'000'000ull * 1024);
}

TEST(MemoryProbe, MissingFilesGiveZerosNotACrash) {
    TempDir root;
    const auto s = SystemMemoryProbe(root.path()).sample();
    EXPECT_EQ(s.totalBytes, 0u);
    EXPECT_EQ(s.availableBytes, 0u);
    EXPECT_FALSE(s.cgroupLimit.has_value());
}

TEST(MemoryProbe, SystemSampleIsPlausible) {
    SystemMemoryProbe probe;
    const auto s = probe.sample();
    EXPECT_GT(s.totalBytes, 64ull << 20) << "at least 64 MB of RAM";
    EXPECT_LT(s.totalBytes, 1ull << 50);
    EXPECT_GT(s.availableBytes, 0u);
    EXPECT_LE(s.availableBytes, s.totalBytes);
    EXPECT_GT(s.rssBytes, 1ull << 20) << "a process linking libvips uses more than 1 MB";
    EXPECT_LT(s.rssBytes, s.totalBytes);
    if (s.cgroupLimit) {
        EXPECT_GT(*s.cgroupLimit, 0u);
        EXPECT_LE(s.availableBytes, *s.cgroupLimit);
    }
    if (s.cgroupUsage) {
        EXPECT_GT(*s.cgroupUsage, 0u);
    }
}

TEST(MemoryProbe, RssFollowsAllocation) {
    SystemMemoryProbe probe;
    const auto before = probe.sample().rssBytes;
    const std::size_t n = 128u << 20;
    std::unique_ptr<char[]> block(new char[n]);
    std::memset(block.get(), 1, n);  // touch every page
    const auto during = probe.sample().rssBytes;
    EXPECT_GE(during, before + (96ull << 20)) << "before=" << before << " during=" << during;
    ASSERT_TRUE(peakRssSinceReset().has_value());
    EXPECT_GE(*peakRssSinceReset(), during - (4ull << 20));
    volatile char sink = block[n / 2];
    (void)sink;
}

TEST(MemoryProbe, PeakRssIsPerRunAfterAReset) {
    SystemMemoryProbe probe;
    {
        const std::size_t n = 192u << 20;
        std::unique_ptr<char[]> block(new char[n]);
        std::memset(block.get(), 1, n);
        volatile char sink = block[n / 3];
        (void)sink;
    }  // freed: RSS drops, the high-water mark stays
    ASSERT_TRUE(peakRssSinceReset().has_value());
    const auto before = *peakRssSinceReset();
    resetPeakRss();  // what a new run does
    const auto after = *peakRssSinceReset();
    const auto now = probe.sample().rssBytes;
    EXPECT_LT(after, before - (64ull << 20)) << "a second run does not inherit the first run's peak";
    EXPECT_GE(after + (4ull << 20), now);
}

TEST(MemoryProbe, UsableThroughInterface) {
    std::unique_ptr<MemoryProbe> p = std::make_unique<SystemMemoryProbe>();
    EXPECT_GT(p->sample().totalBytes, 0u);
}

// SystemMemoryProbe reads plausible numbers from /proc and the cgroup files.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "imgopt/memory_probe.hpp"

using namespace imgopt;

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
    EXPECT_GE(peakRssBytes(), during - (4ull << 20));
    volatile char sink = block[n / 2];
    (void)sink;
}

TEST(MemoryProbe, PeakRssIsAtLeastCurrent) {
    SystemMemoryProbe probe;
    const auto s = probe.sample();
    EXPECT_GE(peakRssBytes() + (4ull << 20), s.rssBytes);
    EXPECT_GT(peakRssBytes(), 0u);
}

TEST(MemoryProbe, UsableThroughInterface) {
    std::unique_ptr<MemoryProbe> p = std::make_unique<SystemMemoryProbe>();
    EXPECT_GT(p->sample().totalBytes, 0u);
}

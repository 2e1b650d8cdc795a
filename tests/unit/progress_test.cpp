// The one progress model: SI sizes, the sign of a saving, durations, images per second.
#include "imgopt/progress.hpp"

#include <gtest/gtest.h>

using namespace imgopt;

TEST(Progress, BytesInSiUnits) {
    EXPECT_EQ(formatBytes(0), "0 B");
    EXPECT_EQ(formatBytes(999), "999 B");
    EXPECT_EQ(formatBytes(1000), "1.0 kB") << "SI: 1 kB is 1000 bytes, as in the reports";
    EXPECT_EQ(formatBytes(1'234'567), "1.2 MB");
    EXPECT_EQ(formatBytes(999'960), "1.0 MB") << "never \"1000.0 kB\"";
    EXPECT_EQ(formatBytes(3'000'000'000), "3.0 GB");
    EXPECT_EQ(formatBytes(-2'500), "-2.5 kB");
    EXPECT_EQ(formatBytes(1'500'000, ','), "1,5 MB") << "a GUI passes its locale's separator";
}

TEST(Progress, SavingIsPositiveWhenSmaller) {
    EXPECT_DOUBLE_EQ(savingPercent(1000, 400), 60.0);
    EXPECT_DOUBLE_EQ(savingPercent(1000, 1100), -10.0);
    EXPECT_DOUBLE_EQ(savingPercent(0, 10), 0.0);
}

TEST(Progress, Durations) {
    EXPECT_EQ(formatDuration(0), "0:00");
    EXPECT_EQ(formatDuration(42.4), "0:42");
    EXPECT_EQ(formatDuration(725), "12:05");
    EXPECT_EQ(formatDuration(3723), "1:02:03");
    EXPECT_EQ(formatDuration(-3), "0:00");
}

TEST(Progress, ImagesPerSecondCountsFilesWithAnOutput) {
    ProgressSnapshot p;
    p.optimized = 6;
    p.keptOriginal = 2;
    p.failed = 5;
    p.skipped = 7;
    p.activeSeconds = 4.0;
    EXPECT_DOUBLE_EQ(p.imagesPerSecond(), 2.0) << "failed and skipped files are not images made";
    EXPECT_DOUBLE_EQ(imagesPerSecond(8, 4.0), p.imagesPerSecond());
    EXPECT_DOUBLE_EQ(imagesPerSecond(8, 0.0), 0.0);
}

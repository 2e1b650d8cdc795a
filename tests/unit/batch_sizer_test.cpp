// Batch sizing: per-task memory estimates and admission under a budget from a (fake) memory probe.
#include "batch_sizer.hpp"

#include <gtest/gtest.h>

using namespace imgopt;

namespace {

ImageHeader header(int w, int h, int bands = 3, ImageFormat f = ImageFormat::Jpeg) {
    ImageHeader hd;
    hd.format = f;
    hd.width = w;
    hd.height = h;
    hd.bands = bands;
    hd.bytesPerSample = 1;
    return hd;
}

MemorySample sampleWith(std::uint64_t available, std::uint64_t total = 16ull << 30) {
    MemorySample s;
    s.totalBytes = total;
    s.availableBytes = available;
    s.rssBytes = 50ull << 20;
    return s;
}

std::size_t batchOf(const std::vector<std::uint64_t>& pending, std::uint64_t available) {
    const BatchBudgetPolicy policy;  // no limit: available memory decides
    return admitSelection(pending, batchBudget(sampleWith(available), policy, 50ull << 20), 0, 1000, false)
        .size();
}

}  // namespace

TEST(BatchSizer, EstimateGrowsWithPixels) {
    const auto small = estimateTaskBytes(header(1000, 1000), 1000, 1000, ImageFormat::Webp);
    const auto big = estimateTaskBytes(header(4000, 4000), 4000, 4000, ImageFormat::Webp);
    EXPECT_GT(small, 0u);
    EXPECT_GT(big, small);
    EXPECT_GT(big, small * 3) << "16x the pixels should cost far more (beyond a fixed overhead)";
    // At least the decoded frame: w x h x bands.
    EXPECT_GE(big, std::uint64_t(4000) * 4000 * 3);
}

TEST(BatchSizer, EstimateGrowsWithBandsAndSampleSize) {
    auto h8 = header(2000, 2000, 3, ImageFormat::Png);
    auto h16 = h8;
    h16.bytesPerSample = 2;
    auto rgba = header(2000, 2000, 4, ImageFormat::Png);
    const auto e8 = estimateTaskBytes(h8, 2000, 2000, ImageFormat::Png);
    EXPECT_GT(estimateTaskBytes(h16, 2000, 2000, ImageFormat::Png), e8);
    EXPECT_GT(estimateTaskBytes(rgba, 2000, 2000, ImageFormat::Png), e8);
}

TEST(BatchSizer, EstimateShrinksWithResize) {
    const auto h = header(4000, 3000);
    const auto full = estimateTaskBytes(h, 4000, 3000, ImageFormat::Webp);
    const auto small = estimateTaskBytes(h, 800, 600, ImageFormat::Webp);
    EXPECT_LT(small, full);
}

TEST(BatchSizer, WholeFrameEncodersCostMoreThanStreamingJpeg) {
    const auto h = header(3000, 2000);
    EXPECT_GT(estimateTaskBytes(h, 3000, 2000, ImageFormat::Avif),
              estimateTaskBytes(h, 3000, 2000, ImageFormat::Jpeg));
}

TEST(BatchSizer, BudgetIsAFractionOfWhatIsReallyAvailable) {
    const BatchBudgetPolicy policy;  // half of what is available, no constant cap
    const std::uint64_t baseline = 50ull << 20;
    EXPECT_EQ(batchBudget(sampleWith(2ull << 30), policy, baseline), 1ull << 30);
    EXPECT_EQ(batchBudget(sampleWith(20ull << 30), policy, baseline), 10ull << 30)
        << "a machine with 20 GB free is not held to a few hundred MB";
    EXPECT_EQ(batchBudget(sampleWith(16ull << 20), policy, baseline), policy.floorBytes)
        << "below the floor, one task at a time still runs";
}

TEST(BatchSizer, AMemoryLimitCapsTheWholeProcess) {
    BatchBudgetPolicy policy;
    policy.memoryLimitBytes = 400ull << 20;
    const std::uint64_t baseline = 50ull << 20;
    EXPECT_EQ(batchBudget(sampleWith(20ull << 30), policy, baseline), 350ull << 20)
        << "the limit less what the process used before its first task";
    EXPECT_EQ(batchBudget(sampleWith(200ull << 20), policy, baseline), 100ull << 20)
        << "less available memory still wins";
    policy.memoryLimitBytes = 30ull << 20;
    EXPECT_EQ(batchBudget(sampleWith(20ull << 30), policy, baseline), 1u)
        << "a limit below the baseline: one at a time";
}

TEST(BatchSizer, MemorySizesParse) {
    EXPECT_EQ(parseMemorySize("400M"), 400ull << 20);
    EXPECT_EQ(parseMemorySize("400MiB"), 400ull << 20);
    EXPECT_EQ(parseMemorySize("400mb"), 400ull << 20);
    EXPECT_EQ(parseMemorySize("2G"), 2ull << 30);
    EXPECT_EQ(parseMemorySize("1.5G"), 3ull << 29);
    EXPECT_EQ(parseMemorySize("64k"), 64ull << 10);
    EXPECT_EQ(parseMemorySize("800000000"), 800000000ull);
    for (const char* bad : {"", "M", "400X", "-1G", "0", "lots"}) EXPECT_FALSE(parseMemorySize(bad)) << bad;
}

using Indices = std::vector<std::size_t>;

TEST(BatchSizer, AdmitsTasksThatFit) {
    const std::vector<std::uint64_t> pending = {100, 100, 100, 100};
    EXPECT_EQ(admitSelection(pending, 250, 0, 10, false), (Indices{0, 1}));
    EXPECT_EQ(admitSelection(pending, 1000, 0, 10, false).size(), 4u);
    EXPECT_EQ(admitSelection(pending, 1000, 0, 3, false).size(), 3u) << "maxCount caps the batch";
    EXPECT_EQ(admitSelection(pending, 250, 100, 10, false), (Indices{0}))
        << "in-flight work uses part of the budget";
    EXPECT_TRUE(admitSelection({}, 1000, 0, 10, false).empty());
}

TEST(BatchSizer, FirstFitPassesOverATaskThatDoesNotFitUnlessTheHeadIsHeld) {
    EXPECT_EQ(admitSelection({100, 900, 10}, 500, 0, 10, false), (Indices{0, 2}));
    EXPECT_EQ(admitSelection({300, 10}, 500, 300, 10, false), (Indices{1})) << "the small one runs beside";
    EXPECT_TRUE(admitSelection({300, 10}, 500, 300, 10, true).empty()) << "a held head is never passed";
}

TEST(BatchSizer, HugeImageRunsAlone) {
    const std::vector<std::uint64_t> pending = {5000, 10, 10};
    EXPECT_EQ(admitSelection(pending, 1000, 0, 10, false), (Indices{0}))
        << "admitted alone when nothing runs";
    EXPECT_EQ(admitSelection(pending, 1000, 10, 10, false), (Indices{1, 2}))
        << "while it waits for the others to finish, smaller ones pass it";
    EXPECT_TRUE(admitSelection(pending, 1000, 10, 10, true).empty())
        << "once held, it waits for the line to drain";
    // A huge image behind small ones: the small ones go, the huge one waits for its own batch.
    EXPECT_EQ(admitSelection({10, 10, 5000}, 1000, 0, 10, false), (Indices{0, 1}));
}

TEST(BatchSizer, LessMemoryGivesSmallerBatches) {
    // 40 photos of 24 megapixels going to WebP.
    const auto each = estimateTaskBytes(header(6000, 4000), 6000, 4000, ImageFormat::Webp);
    const std::vector<std::uint64_t> pending(40, each);
    const auto plenty = batchOf(pending, 8ull << 30);
    const auto some = batchOf(pending, 1ull << 30);
    const auto scarce = batchOf(pending, 128ull << 20);
    EXPECT_GE(plenty, some);
    EXPECT_GE(some, scarce);
    EXPECT_GT(plenty, scarce) << "plenty=" << plenty << " scarce=" << scarce;
    EXPECT_GE(scarce, 1u) << "something always runs when nothing is in flight";
}

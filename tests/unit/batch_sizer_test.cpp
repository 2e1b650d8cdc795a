// Batch sizing: per-task memory estimates and admission under a budget from a (fake) memory probe.
#include <gtest/gtest.h>

#include "batch_sizer.hpp"

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
    BatchBudgetPolicy policy;
    policy.capBytes = 64ull << 30;  // let available memory decide
    return admitSelection(pending, batchBudget(sampleWith(available), policy), 0, 1000, false).size();
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

TEST(BatchSizer, BudgetFollowsAvailableMemoryAndIsCapped) {
    BatchBudgetPolicy policy;
    policy.capBytes = 4ull << 30;
    const auto lo = batchBudget(sampleWith(512ull << 20), policy);
    const auto hi = batchBudget(sampleWith(2ull << 30), policy);
    EXPECT_LT(lo, hi);
    EXPECT_LE(hi, policy.capBytes);
    EXPECT_LE(batchBudget(sampleWith(512ull << 30, 1024ull << 30), policy), policy.capBytes);
    EXPECT_LE(lo, 512ull << 20) << "never plan to use more than is available";
    BatchBudgetPolicy defaults;
    EXPECT_LE(batchBudget(sampleWith(64ull << 30), defaults), defaults.capBytes) << "the default cap holds";
}

using Indices = std::vector<std::size_t>;

TEST(BatchSizer, AdmitsTasksThatFit) {
    const std::vector<std::uint64_t> pending = {100, 100, 100, 100};
    EXPECT_EQ(admitSelection(pending, 250, 0, 10, false), (Indices{0, 1}));
    EXPECT_EQ(admitSelection(pending, 1000, 0, 10, false).size(), 4u);
    EXPECT_EQ(admitSelection(pending, 1000, 0, 3, false).size(), 3u) << "maxCount caps the batch";
    EXPECT_EQ(admitSelection(pending, 250, 100, 10, false), (Indices{0})) << "in-flight work uses part of the budget";
    EXPECT_TRUE(admitSelection({}, 1000, 0, 10, false).empty());
}

TEST(BatchSizer, FirstFitPassesOverATaskThatDoesNotFitUnlessTheHeadIsHeld) {
    EXPECT_EQ(admitSelection({100, 900, 10}, 500, 0, 10, false), (Indices{0, 2}));
    EXPECT_EQ(admitSelection({300, 10}, 500, 300, 10, false), (Indices{1})) << "the small one runs beside";
    EXPECT_TRUE(admitSelection({300, 10}, 500, 300, 10, true).empty()) << "a held head is never passed";
}

TEST(BatchSizer, HugeImageRunsAlone) {
    const std::vector<std::uint64_t> pending = {5000, 10, 10};
    EXPECT_EQ(admitSelection(pending, 1000, 0, 10, false), (Indices{0})) << "admitted alone when nothing runs";
    EXPECT_TRUE(admitSelection(pending, 1000, 10, 10, false).empty()) << "waits while anything else is in flight";
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

// The JPEG quality estimate from the quantisation tables, on files saved by libvips at known qualities.
#include "jpeg_quality.hpp"

#include <gtest/gtest.h>

#include <vips/vips8>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using vips::VImage;

namespace {

fs::path savedAt(const TempDir& dir, int quality, bool subsample, int bands = 3) {
    const auto src = dir / "src.png";
    if (!fs::exists(src)) makeImage(src, {.width = 64, .height = 48, .bands = bands});
    const auto out = dir / ("q" + std::to_string(quality) + (subsample ? "-420" : "-444") + ".jpg");
    VImage::new_from_file(src.c_str())
        .jpegsave(out.c_str(), VImage::option()
                                   ->set("Q", quality)
                                   ->set("subsample_mode",
                                         subsample ? VIPS_FOREIGN_SUBSAMPLE_ON : VIPS_FOREIGN_SUBSAMPLE_OFF));
    return out;
}

}  // namespace

TEST(JpegQuality, EveryQualityIsReadBackExactly) {
    TempDir dir;
    for (int q = 1; q <= 100; ++q) {
        const auto estimate = estimateJpegQuality(savedAt(dir, q, true));
        ASSERT_TRUE(estimate.has_value()) << q;
        // Below about 25 libjpeg clamps the tables to 255, so neighbouring qualities share tables; the
        // estimate then names the highest quality with those tables, which is still what the file holds.
        if (q >= 25)
            EXPECT_EQ(estimate->quality, q);
        else
            EXPECT_GE(estimate->quality, q);
        EXPECT_TRUE(estimate->exact) << q;
    }
}

TEST(JpegQuality, FullChromaAndGrey) {
    TempDir dir;
    auto full = estimateJpegQuality(savedAt(dir, 80, false));
    ASSERT_TRUE(full.has_value());
    EXPECT_EQ(full->quality, 80);
    EXPECT_TRUE(full->exact);
    TempDir greyDir;
    auto grey = estimateJpegQuality(savedAt(greyDir, 63, true, 1));
    ASSERT_TRUE(grey.has_value());
    EXPECT_EQ(grey->quality, 63) << "one luma table is enough";
}

TEST(JpegQuality, MetadataBeforeTheTablesIsSkipped) {
    TempDir dir;
    const auto src = dir / "exif.jpg";
    makeImage(src, {.width = 64, .height = 48, .quality = 67, .withExif = true, .withIcc = true});
    auto estimate = estimateJpegQuality(src);
    ASSERT_TRUE(estimate.has_value());
    EXPECT_EQ(estimate->quality, 67);
}

TEST(JpegQuality, NonStandardTablesGiveTheNearestQuality) {
    // Tables scaled by hand, between libjpeg's for 70 and 71 and no longer exactly either.
    std::vector<std::uint8_t> jpeg = {0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00};
    for (int k = 0; k < 64; ++k) jpeg.push_back(std::uint8_t(k == 0 ? 10 : (k < 10 ? 8 : 30)));
    jpeg.insert(jpeg.end(), {0xff, 0xda, 0x00, 0x02, 0xff, 0xd9});
    auto estimate = estimateJpegQuality(std::span<const std::uint8_t>(jpeg));
    ASSERT_TRUE(estimate.has_value());
    EXPECT_FALSE(estimate->exact);
    EXPECT_GE(estimate->quality, 1);
    EXPECT_LE(estimate->quality, 100);
}

TEST(JpegQuality, NotAJpegHasNoEstimate) {
    TempDir dir;
    const auto png = dir / "a.png";
    makeImage(png);
    EXPECT_FALSE(estimateJpegQuality(png).has_value());
    EXPECT_FALSE(estimateJpegQuality(dir / "missing.jpg").has_value());
    const auto empty = dir / "empty.jpg";
    writeText(empty, "");
    EXPECT_FALSE(estimateJpegQuality(empty).has_value());
    const std::vector<std::uint8_t> noTables = {0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9};
    EXPECT_FALSE(estimateJpegQuality(std::span<const std::uint8_t>(noTables)).has_value());
}

// makeThumbnail(): the previews the desktop app shows in its queue. Small, upright, 8-bit sRGB RGB or RGBA,
// never enlarged, with clear errors for files that cannot be previewed.
#include "imgopt/thumbnail.hpp"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <vips/vips8>

#include "image_factory.hpp"
#include "imgopt/options.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

const std::uint64_t kLimit = Options{}.maxPixels;

Thumbnail expectThumbnail(const fs::path& file, int maxEdge) {
    auto t = makeThumbnail(file, maxEdge, kLimit);
    if (!t) {
        ADD_FAILURE() << file << ": " << t.error().message;
        return {};
    }
    return *std::move(t);
}

// The mean colour of a band of rows of a thumbnail: [first, last) rows.
std::array<double, 3> meanRgb(const Thumbnail& t, int firstRow, int lastRow) {
    std::array<double, 3> sum{};
    int n = 0;
    for (int y = firstRow; y < lastRow; ++y) {
        for (int x = 0; x < t.width; ++x) {
            const std::uint8_t* p = &t.pixels[std::size_t(y * t.stride() + x * t.channels)];
            for (int c = 0; c < 3; ++c) sum[std::size_t(c)] += p[c];
            ++n;
        }
    }
    for (double& s : sum) s /= n;
    return sum;
}

// A landscape image whose left half is red and right half blue, stored sideways: EXIF orientation 6 says
// "rotate 90° clockwise to display", which puts the red half on top.
void makeSidewaysJpeg(const fs::path& file) {
    using vips::VImage;
    const VImage red = VImage::black(60, 40).new_from_image({220, 20, 20});
    const VImage blue = VImage::black(60, 40).new_from_image({20, 20, 220});
    VImage image = red.join(blue, VIPS_DIRECTION_HORIZONTAL)
                       .cast(VIPS_FORMAT_UCHAR)
                       .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    image.set("orientation", 6);
    image.jpegsave(file.c_str(), VImage::option()->set("Q", 95));
}

}  // namespace

TEST(Thumbnail, FitsTheLongEdgeAndKeepsTheAspectRatio) {
    TempDir dir;
    makeImage(dir / "wide.jpg", {.width = 640, .height = 480});
    makeImage(dir / "tall.png", {.width = 300, .height = 600});
    const Thumbnail wide = expectThumbnail(dir / "wide.jpg", 64);
    EXPECT_EQ(wide.width, 64);
    EXPECT_EQ(wide.height, 48);
    EXPECT_EQ(wide.channels, 3);
    EXPECT_EQ(wide.pixels.size(), std::size_t(64 * 48 * 3));
    const Thumbnail tall = expectThumbnail(dir / "tall.png", 64);
    EXPECT_EQ(tall.width, 32);
    EXPECT_EQ(tall.height, 64);
}

TEST(Thumbnail, NeverEnlarges) {
    TempDir dir;
    makeImage(dir / "small.webp", {.width = 20, .height = 12});
    const Thumbnail t = expectThumbnail(dir / "small.webp", 64);
    EXPECT_EQ(t.width, 20);
    EXPECT_EQ(t.height, 12);
}

TEST(Thumbnail, AppliesTheExifOrientation) {
    TempDir dir;
    makeSidewaysJpeg(dir / "sideways.jpg");
    ASSERT_EQ(probeImage(dir / "sideways.jpg", false).orientation, 6);
    const Thumbnail t = expectThumbnail(dir / "sideways.jpg", 60);
    // Stored 120 x 40; upright it is 40 wide and 120 tall, scaled to 20 x 60.
    ASSERT_EQ(t.width, 20);
    ASSERT_EQ(t.height, 60);
    const auto top = meanRgb(t, 0, 25);
    const auto bottom = meanRgb(t, 35, 60);
    EXPECT_GT(top[0], 150);
    EXPECT_LT(top[2], 80);
    EXPECT_GT(bottom[2], 150);
    EXPECT_LT(bottom[0], 80);
}

TEST(Thumbnail, GivesEightBitRgbOrRgbaForEveryLayout) {
    TempDir dir;
    makeImage(dir / "grey.jpg", {.bands = 1});
    makeImage(dir / "grey-alpha.png", {.bands = 2});
    makeImage(dir / "rgba.png", {.bands = 4});
    makeImage(dir / "deep.png", {.bands = 3, .sixteenBit = true});
    makeImage(dir / "cmyk.jpg", {.cmyk = true});
    makeImage(dir / "profiled.tif", {.withIcc = true});
    makeAnimatedGif(dir / "anim.gif", 32, 24, 3);
    const struct {
        const char* name;
        int channels;
    } cases[] = {{"grey.jpg", 3}, {"grey-alpha.png", 4}, {"rgba.png", 4}, {"deep.png", 3},
                 {"cmyk.jpg", 3}, {"profiled.tif", 3},   {"anim.gif", 4}};
    for (const auto& c : cases) {
        const Thumbnail t = expectThumbnail(dir / c.name, 32);
        EXPECT_EQ(t.channels, c.channels) << c.name;
        EXPECT_GT(t.width, 0) << c.name;
        EXPECT_EQ(t.pixels.size(), std::size_t(t.stride()) * std::size_t(t.height)) << c.name;
    }
    // The first frame only: an animation's pages are not stacked into one tall strip.
    const Thumbnail anim = expectThumbnail(dir / "anim.gif", 32);
    EXPECT_EQ(anim.width, 32);
    EXPECT_EQ(anim.height, 24);
}

TEST(Thumbnail, RefusesWhatCannotBePreviewed) {
    TempDir dir;
    EXPECT_EQ(makeThumbnail(dir / "missing.jpg", 32, kLimit).error().code, ErrorCode::InputUnreadable);
    std::ofstream(dir / "notes.jpg") << "not an image at all";
    EXPECT_EQ(makeThumbnail(dir / "notes.jpg", 32, kLimit).error().code, ErrorCode::InputUnsupported);
    makeImage(dir / "ok.png", {.width = 100, .height = 100});
    EXPECT_EQ(makeThumbnail(dir / "ok.png", 0, kLimit).error().code, ErrorCode::InvalidSettings);
    EXPECT_EQ(makeThumbnail(dir / "ok.png", 32, 9'999).error().code, ErrorCode::PixelLimit);
    EXPECT_TRUE(makeThumbnail(dir / "ok.png", 32, 10'000).has_value());
}

TEST(Thumbnail, ReportsATruncatedFile) {
    TempDir dir;
    makeImage(dir / "whole.jpg", {.width = 400, .height = 300});
    makeImage(dir / "whole.png", {.width = 400, .height = 300});
    for (const char* name : {"whole.jpg", "whole.png"}) {
        const fs::path cut = dir / (std::string("cut-") + name);
        fs::copy_file(dir / name, cut);
        fs::resize_file(cut, fs::file_size(dir / name) / 2);
        const auto t = makeThumbnail(cut, 32, kLimit);
        ASSERT_FALSE(t.has_value()) << name;
        EXPECT_EQ(t.error().code, ErrorCode::InputDamaged) << name;
        EXPECT_NE(t.error().message.find("damaged or truncated"), std::string::npos) << t.error().message;
    }
}

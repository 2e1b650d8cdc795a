// Previews for the compare view: upright, sRGB RGBA of exactly the size asked, for every format; a region
// of a frame maps onto files of other sizes; the difference map is black where nothing changed.
#include "imgopt/preview.hpp"

#include <gtest/gtest.h>

#include <vips/vips8>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using vips::VImage;

namespace {

// Left half red, right half blue, 200x100.
void makeHalves(const fs::path& file, int orientation = 0) {
    VImage x = VImage::xyz(200, 100)[0];
    VImage left = x < 100;
    VImage rgb = left.ifthenelse(std::vector<double>{230, 20, 20}, std::vector<double>{20, 20, 230});
    rgb = rgb.cast(VIPS_FORMAT_UCHAR).copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    if (orientation) rgb.set("orientation", orientation);
    if (file.extension() == ".jpg")
        rgb.jpegsave(file.c_str(), VImage::option()->set("Q", 95));
    else
        rgb.write_to_file(file.c_str());
}

std::array<int, 4> pixel(const PreviewImage& p, int x, int y) {
    const std::size_t i = (std::size_t(y) * std::size_t(p.width) + std::size_t(x)) * 4;
    return {p.rgba[i], p.rgba[i + 1], p.rgba[i + 2], p.rgba[i + 3]};
}

PreviewImage render(const fs::path& file, PixelSize frame, PreviewRegion region, PixelSize out) {
    auto p = renderPreview(PreviewRequest{file, frame, region, out});
    EXPECT_TRUE(p.has_value()) << errorText(p);
    return p ? *p : PreviewImage{};
}

}  // namespace

TEST(Preview, WholeImageAtTheAskedSize) {
    TempDir dir;
    const auto file = dir / "halves.png";
    makeHalves(file);
    auto size = previewSize(file);
    ASSERT_TRUE(size.has_value());
    EXPECT_EQ(size->width, 200);
    EXPECT_EQ(size->height, 100);
    const PreviewImage p = render(file, *size, {0, 0, 200, 100}, {50, 25});
    ASSERT_EQ(p.width, 50);
    ASSERT_EQ(p.height, 25);
    ASSERT_EQ(p.rgba.size(), 50u * 25u * 4u);
    EXPECT_GT(pixel(p, 5, 12)[0], 200) << "left is red";
    EXPECT_GT(pixel(p, 45, 12)[2], 200) << "right is blue";
    EXPECT_EQ(pixel(p, 45, 12)[3], 255) << "opaque";
}

TEST(Preview, RegionAtHighZoomShowsPixels) {
    TempDir dir;
    const auto file = dir / "halves.png";
    makeHalves(file);
    // Four source pixels across the edge at x = 100, at 8x: nearest neighbour keeps the edge sharp.
    const PreviewImage p = render(file, {200, 100}, {98, 50, 4, 2}, {32, 16});
    ASSERT_EQ(p.width, 32);
    ASSERT_EQ(p.height, 16);
    EXPECT_GT(pixel(p, 15, 8)[0], 200);
    EXPECT_GT(pixel(p, 16, 8)[2], 200);
}

TEST(Preview, OrientationIsApplied) {
    TempDir dir;
    const auto file = dir / "o6.jpg";
    makeHalves(file, 6);  // stored 200x100, shown 100x200 turned clockwise: red on top
    auto size = previewSize(file);
    ASSERT_TRUE(size.has_value());
    EXPECT_EQ(size->width, 100);
    EXPECT_EQ(size->height, 200);
    for (PixelSize out : {PixelSize{20, 40}, PixelSize{100, 200}}) {
        const PreviewImage p = render(file, *size, {0, 0, 100, 200}, out);
        ASSERT_EQ(p.width, out.width);
        EXPECT_GT(pixel(p, out.width / 2, out.height / 8)[0], 180) << "red on top at " << out.width;
        EXPECT_GT(pixel(p, out.width / 2, out.height * 7 / 8)[2], 180) << "blue below at " << out.width;
    }
}

TEST(Preview, EveryFormatBecomesRgba) {
    TempDir dir;
    const std::vector<std::pair<std::string, ImageSpec>> files = {
        {"a.avif", {.width = 64, .height = 48}},
        {"g16.png", {.width = 64, .height = 48, .bands = 1, .sixteenBit = true}},
        {"ga.png", {.width = 64, .height = 48, .bands = 2}},
        {"cmyk.jpg", {.width = 64, .height = 48, .cmyk = true}},
        {"w.webp", {.width = 64, .height = 48, .bands = 4}},
    };
    for (const auto& [name, spec] : files) {
        makeImage(dir / name, spec);
        const PreviewImage p = render(dir / name, {64, 48}, {0, 0, 64, 48}, {32, 24});
        EXPECT_EQ(p.width, 32) << name;
        EXPECT_EQ(p.rgba.size(), 32u * 24u * 4u) << name;
    }
    // CMYK red comes out red.
    const PreviewImage cmyk = render(dir / "cmyk.jpg", {64, 48}, {0, 0, 64, 48}, {32, 24});
    EXPECT_GT(pixel(cmyk, 16, 12)[0], 150);
    EXPECT_LT(pixel(cmyk, 16, 12)[1], 110);
}

TEST(Preview, FilesOfOtherSizesShareTheFrame) {
    TempDir dir;
    const auto big = dir / "big.png";
    makeHalves(big);
    const auto small = dir / "small.png";
    VImage::new_from_file(big.c_str()).resize(0.5).write_to_file(small.c_str());
    // The right quarter of the frame: blue in both, though the small file has half the pixels.
    for (const auto& file : {big, small}) {
        const PreviewImage p = render(file, {200, 100}, {150, 0, 50, 100}, {25, 50});
        ASSERT_EQ(p.width, 25);
        EXPECT_GT(pixel(p, 12, 25)[2], 200) << file.filename();
        EXPECT_LT(pixel(p, 12, 25)[0], 60) << file.filename();
    }
}

TEST(Preview, DifferenceOfIdenticalImagesIsBlack) {
    TempDir dir;
    const auto file = dir / "photo.jpg";
    makeImage(file, {.width = 120, .height = 80});
    const PreviewImage a = render(file, {120, 80}, {0, 0, 120, 80}, {60, 40});
    const PreviewImage diff = differenceMap(a, a);
    ASSERT_EQ(diff.width, 60);
    ASSERT_EQ(diff.rgba.size(), a.rgba.size());
    for (std::size_t i = 0; i < diff.rgba.size(); i += 4) {
        ASSERT_EQ(diff.rgba[i] | diff.rgba[i + 1] | diff.rgba[i + 2], 0) << "pixel " << i / 4;
        ASSERT_EQ(diff.rgba[i + 3], 255);
    }
    // A changed image lights up.
    const auto other = dir / "other.jpg";
    makeImage(other, {.width = 120, .height = 80, .quality = 10});
    const PreviewImage b = render(other, {120, 80}, {0, 0, 120, 80}, {60, 40});
    const PreviewImage changed = differenceMap(a, b);
    int lit = 0;
    for (std::size_t i = 0; i < changed.rgba.size(); i += 4) lit += changed.rgba[i] > 0;
    EXPECT_GT(lit, 60 * 40 / 4);
    EXPECT_TRUE(differenceMap(a, render(file, {120, 80}, {0, 0, 120, 80}, {30, 20})).rgba.empty())
        << "sizes must match";
}

TEST(Preview, MissingFileIsAnError) {
    TempDir dir;
    EXPECT_FALSE(
        renderPreview(PreviewRequest{dir / "none.png", {10, 10}, {0, 0, 10, 10}, {5, 5}}).has_value());
    EXPECT_FALSE(previewSize(dir / "none.png").has_value());
}

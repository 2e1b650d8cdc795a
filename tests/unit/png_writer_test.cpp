// The palette PNG writer: libvips' own palette pixels, small palettes packed into fewer bits, transparency in
// tRNS, metadata by mode, an upright EXIF orientation, and a cancel inside libimagequant.
#include "png_writer.hpp"

#include <glib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vips/vips8>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using vips::VImage;

namespace {

std::vector<std::uint8_t> encoded(const VImage& image, PalettePngSettings settings = {}) {
    return valueOrFail(encodePalettePng(image, settings, CancelToken{}));
}

// The chunk types of a PNG file, in order.
std::vector<std::string> chunks(const std::vector<std::uint8_t>& png) {
    std::vector<std::string> types;
    for (std::size_t at = 8; at + 8 <= png.size();) {
        const std::uint32_t length = std::uint32_t(png[at]) << 24 | std::uint32_t(png[at + 1]) << 16 |
                                     std::uint32_t(png[at + 2]) << 8 | png[at + 3];
        types.emplace_back(reinterpret_cast<const char*>(png.data() + at + 4), 4);
        at += 12 + length;
    }
    return types;
}

int bitDepth(const std::vector<std::uint8_t>& png) { return png.size() > 24 ? png[24] : 0; }

}  // namespace

TEST(PngWriter, SamePixelsAsLibvipsPaletteSaverWithTheSameSettings) {
    for (int bands : {3, 4}) {
        const VImage image = testCard(203, 117, bands);
        PalettePngSettings settings;
        settings.quality = 80;
        const auto ours = encoded(image, settings);
        ASSERT_FALSE(ours.empty());
        // libvips' pngsave quantises with the same libimagequant calls: effort 4 is speed 7.
        void* data = nullptr;
        std::size_t size = 0;
        image.write_to_buffer(".png", &data, &size,
                              VImage::option()
                                  ->set("palette", true)
                                  ->set("Q", 80)
                                  ->set("effort", 4)
                                  ->set("dither", double(settings.dithering)));
        const VImage reference = VImage::new_from_buffer(data, size, "").copy_memory();
        g_free(data);
        const VImage mine = decodedBuffer(ours);
        ASSERT_EQ(mine.bands(), reference.bands()) << bands;
        EXPECT_EQ(maxDifference(mine, reference), 0.0) << bands << " bands: only the compression may differ";
    }
}

TEST(PngWriter, SmallPalettesArePackedIntoFewerBits) {
    const std::pair<int, int> cases[] = {{2, 1}, {4, 2}, {11, 4}, {200, 8}};
    for (auto [colours, depth] : cases) {
        // Vertical stripes of `colours` distinct greys-and-blues: quantisation keeps them all.
        const VImage x = VImage::xyz(97, 31)[0];
        const VImage index = (x * colours / 97).cast(VIPS_FORMAT_UCHAR);
        const VImage image = (index * (255 / std::max(1, colours - 1)))
                                 .bandjoin(index * 3)
                                 .bandjoin(255 - index)
                                 .cast(VIPS_FORMAT_UCHAR)
                                 .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB))
                                 .copy_memory();
        // At quality 100 libimagequant keeps every colour; below it may merge near ones to meet the target.
        PalettePngSettings exact;
        exact.quality = 100;
        const auto png = encoded(image, exact);
        EXPECT_EQ(bitDepth(png), depth) << colours << " colours";
        EXPECT_EQ(maxDifference(decodedBuffer(png), image), 0.0) << colours << " colours decode exactly";
    }
}

TEST(PngWriter, TransparencyGoesIntoTrnsAndSurvives) {
    const VImage image = testCard(64, 48, 4);
    const auto png = encoded(image);
    const auto types = chunks(png);
    EXPECT_NE(std::find(types.begin(), types.end(), "tRNS"), types.end());
    const VImage back = decodedBuffer(png);
    ASSERT_EQ(back.bands(), 4);
    EXPECT_LT((back[3].cast(VIPS_FORMAT_INT) - image[3]).abs().avg(), 4.0) << "alpha kept";
    const auto opaque = chunks(encoded(testCard(64, 48, 3)));
    EXPECT_EQ(std::find(opaque.begin(), opaque.end(), "tRNS"), opaque.end()) << "an opaque image has no tRNS";
}

TEST(PngWriter, MetadataByMode) {
    TempDir dir;
    makeImage(dir / "icc.png", {.width = 40, .height = 30, .withIcc = true});
    const VImage image = VImage::new_from_file((dir / "icc.png").c_str());
    ASSERT_NE(image.get_typeof(VIPS_META_ICC_NAME), 0u);
    for (auto mode : {MetadataMode::None, MetadataMode::Icc, MetadataMode::All}) {
        PalettePngSettings settings;
        settings.metadata = mode;
        const auto types = chunks(encoded(image, settings));
        const bool hasIcc = std::find(types.begin(), types.end(), "iCCP") != types.end();
        EXPECT_EQ(hasIcc, mode != MetadataMode::None) << toString(mode);
        EXPECT_EQ(types.front(), "IHDR");
        EXPECT_EQ(types.back(), "IEND");
    }
}

TEST(PngWriter, ExifKeptInAllModeSaysUpright) {
    TempDir dir;
    makeImage(dir / "o6.jpg", {.width = 60, .height = 40, .orientation = 6});
    // The encoder hands over upright pixels; their EXIF block still says 6 until the writer fixes it.
    const VImage image = VImage::new_from_file((dir / "o6.jpg").c_str()).rot90().copy_memory();
    ASSERT_EQ(image.get_int(VIPS_META_ORIENTATION), 6);
    PalettePngSettings settings;
    settings.metadata = MetadataMode::All;
    const auto png = encoded(image, settings);
    const auto types = chunks(png);
    EXPECT_NE(std::find(types.begin(), types.end(), "eXIf"), types.end());
    const VImage back = VImage::new_from_buffer(png.data(), png.size(), "");
    ASSERT_NE(back.get_typeof(VIPS_META_ORIENTATION), 0u);
    EXPECT_EQ(back.get_int(VIPS_META_ORIENTATION), 1) << "a stale 6 would make viewers rotate twice";
}

TEST(PngWriter, CancelStopsLibimagequant) {
    const VImage big = testCard(3000, 3000, 3);
    CancelToken cancel;
    cancel.cancel();
    const auto result = encodePalettePng(big, PalettePngSettings{}, cancel);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
}

// The near-lossless PNG writer: every colour sample within half a step of the source and alpha exact, for
// grey, grey + alpha, RGB and RGBA; lossless at a step of 1; fewer bytes as the step grows; metadata by mode;
// and a cancel.
#include "near_lossless_png.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vips/vips8>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using vips::VImage;

namespace {

std::vector<std::uint8_t> encoded(const VImage& image, int step, MetadataMode metadata = MetadataMode::Icc) {
    NearLosslessPngSettings settings;
    settings.step = step;
    settings.metadata = metadata;
    return valueOrFail(encodeNearLosslessPng(image, settings, CancelToken{}));
}

// A test card with photographic noise on it, so that every residual is non-zero somewhere.
VImage noisyCard(int width, int height, int bands) {
    const VImage card = testCard(width, height, bands);
    const VImage noise = VImage::gaussnoise(width, height, VImage::option()->set("sigma", 6.0));
    std::vector<VImage> planes;
    for (int b = 0; b < bands; ++b) {
        const bool alpha = (bands == 2 || bands == 4) && b == bands - 1;
        planes.push_back(alpha ? card[b] : (card[b] + noise - 128).cast(VIPS_FORMAT_UCHAR));
    }
    return VImage::bandjoin(planes).copy(VImage::option()->set("interpretation", card.interpretation()));
}

}  // namespace

TEST(NearLosslessPng, EverySampleWithinHalfAStepAndAlphaExact) {
    for (int bands = 1; bands <= 4; ++bands) {
        const VImage image = noisyCard(121, 67, bands).copy_memory();
        const int colour = bands == 2 || bands == 4 ? bands - 1 : bands;
        for (int step : {2, 3, 5, 8, 13}) {
            const VImage back = decodedBuffer(encoded(image, step));
            ASSERT_EQ(back.bands(), bands);
            ASSERT_EQ(back.width(), image.width());
            const VImage diff = (back.cast(VIPS_FORMAT_INT) - image).abs();
            EXPECT_LE(diff.extract_band(0, VImage::option()->set("n", colour)).max(), step / 2)
                << bands << " bands, step " << step;
            EXPECT_GT(diff.max(), 0.0) << "the noise is rounded somewhere";
            if (colour < bands) {
                EXPECT_EQ(diff[colour].max(), 0.0) << "alpha stays exact";
            }
        }
    }
}

TEST(NearLosslessPng, StepOneIsLossless) {
    for (int bands = 1; bands <= 4; ++bands) {
        const VImage image = noisyCard(90, 50, bands).copy_memory();
        EXPECT_EQ(maxDifference(decodedBuffer(encoded(image, 1)), image), 0.0) << bands << " bands";
    }
}

TEST(NearLosslessPng, LargerStepsGiveFewerBytes) {
    const VImage image = noisyCard(400, 300, 3).copy_memory();
    std::size_t previous = encoded(image, 1).size();
    for (int step : {2, 4, 8, 12}) {
        const std::size_t size = encoded(image, step).size();
        EXPECT_LT(size, previous) << "step " << step;
        previous = size;
    }
}

TEST(NearLosslessPng, StepsOnTheSearchScale) {
    EXPECT_EQ(nearLosslessStep(100), 1);
    EXPECT_EQ(nearLosslessStep(99), 1);
    EXPECT_EQ(nearLosslessStep(98), 2);
    EXPECT_EQ(nearLosslessStep(92), 8);
    EXPECT_EQ(nearLosslessStep(87), 13);
}

TEST(NearLosslessPng, MetadataByMode) {
    TempDir dir;
    makeImage(dir / "icc.png", {.width = 40, .height = 30, .withIcc = true});
    const VImage image = VImage::new_from_file((dir / "icc.png").c_str());
    ASSERT_NE(image.get_typeof(VIPS_META_ICC_NAME), 0u);
    for (auto mode : {MetadataMode::None, MetadataMode::Icc}) {
        const VImage back = decodedBuffer(encoded(image, 4, mode));
        EXPECT_EQ(back.get_typeof(VIPS_META_ICC_NAME) != 0, mode != MetadataMode::None) << toString(mode);
    }
}

TEST(NearLosslessPng, PixelsAreWhatTheFileDecodesTo) {
    // The quality search judges a step by these pixels without encoding them: they must be the file's.
    for (int bands = 1; bands <= 4; ++bands) {
        const VImage image = noisyCard(150, 80, bands).copy_memory();
        for (int step : {1, 4, 9}) {
            auto pixels = nearLosslessPixels(image, step, CancelToken{});
            ASSERT_TRUE(pixels.has_value()) << pixels.error().message;
            ASSERT_EQ(pixels->bands(), bands);
            EXPECT_EQ(pixels->interpretation(), image.interpretation());
            EXPECT_EQ(maxDifference(*pixels, decodedBuffer(encoded(image, step))), 0.0)
                << bands << " bands, step " << step;
        }
    }
}

TEST(NearLosslessPng, CancelStopsIt) {
    CancelToken cancel;
    cancel.cancel();
    const auto result = encodeNearLosslessPng(testCard(800, 600, 3), NearLosslessPngSettings{}, cancel);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
}

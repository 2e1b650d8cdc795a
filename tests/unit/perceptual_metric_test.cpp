// The visual-quality metrics: SSIM against a plain reference implementation of its definition, the tile mode,
// the colour shift, and the pixels they compare (alpha over grey, grey against colour).
#include "perceptual_metric.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vips/vips8>

#include "search_sample.hpp"

using namespace imgopt;
using vips::VImage;

namespace {

// A ramp with noise of the given strength; the same seed gives the same noise.
VImage noiseImage(int w, int h, int bands, unsigned seed, int noise = 60) {
    std::vector<std::uint8_t> px(std::size_t(w) * std::size_t(h) * std::size_t(bands));
    std::mt19937 rng(seed);
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = std::uint8_t(((i / std::size_t(bands)) % std::size_t(w)) * 150 / std::size_t(w) +
                             rng() % unsigned(noise));
    // copy(): copy_memory of a memory image would only reference the vector, which dies here.
    VImage image =
        VImage::new_from_memory(px.data(), px.size(), w, h, bands, VIPS_FORMAT_UCHAR).copy().copy_memory();
    return image.copy(VImage::option()->set("interpretation",
                                            bands == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB));
}

// The SSIM definition, written out: every 7x7 window fully inside, per band, sample covariance.
double referenceSsim(const VImage& a, const VImage& b) {
    const auto* pa = static_cast<const std::uint8_t*>(a.data());
    const auto* pb = static_cast<const std::uint8_t*>(b.data());
    const int w = a.width(), h = a.height(), n = a.bands();
    const double c1 = std::pow(0.01 * 255, 2), c2 = std::pow(0.03 * 255, 2);
    double total = 0;
    long count = 0;
    for (int band = 0; band < n; ++band)
        for (int y = 3; y < h - 3; ++y)
            for (int x = 3; x < w - 3; ++x) {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (int dy = -3; dy <= 3; ++dy)
                    for (int dx = -3; dx <= 3; ++dx) {
                        const std::size_t i =
                            (std::size_t(y + dy) * std::size_t(w) + std::size_t(x + dx)) * n + band;
                        sa += pa[i], sb += pb[i], saa += pa[i] * pa[i], sbb += pb[i] * pb[i],
                            sab += pa[i] * pb[i];
                    }
                const double ma = sa / 49, mb = sb / 49;
                const double va = (saa / 49 - ma * ma) * 49 / 48, vb = (sbb / 49 - mb * mb) * 49 / 48;
                const double cov = (sab / 49 - ma * mb) * 49 / 48;
                total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                ++count;
            }
    return total / double(count);
}

}  // namespace

TEST(PerceptualMetric, IdenticalImagesScoreOne) {
    const VImage a = noiseImage(80, 60, 3, 1);
    const Distance d = distance(a, a);
    EXPECT_DOUBLE_EQ(d.ssim, 1.0);
    EXPECT_DOUBLE_EQ(d.colourShift, 0.0);
    EXPECT_DOUBLE_EQ(d.colourShiftTail, 0.0);
}

TEST(PerceptualMetric, SsimMatchesItsDefinition) {
    for (int bands : {1, 3}) {
        const VImage a = noiseImage(53, 41, bands, 2);
        const VImage b = noiseImage(53, 41, bands, 3);
        const double expected = referenceSsim(a, b);
        EXPECT_LT(expected, 0.99) << "the two images differ";
        EXPECT_NEAR(ssimMean(pixelView(a), pixelView(b)), expected, 1e-5) << bands << " bands";
    }
}

TEST(PerceptualMetric, TileModeIsTheMeanOverTiles) {
    // Scoring a 2x2 mosaic of 32-pixel tiles is scoring each tile alone: windows across a seam do not count.
    const VImage a = noiseImage(64, 64, 3, 4);
    const VImage b = noiseImage(64, 64, 3, 5);
    double perTile = 0;
    for (int ty = 0; ty < 2; ++ty)
        for (int tx = 0; tx < 2; ++tx) {
            const VImage ta = a.extract_area(tx * 32, ty * 32, 32, 32).copy_memory();
            const VImage tb = b.extract_area(tx * 32, ty * 32, 32, 32).copy_memory();
            perTile += ssimMean(pixelView(ta), pixelView(tb)) / 4;
        }
    EXPECT_NEAR(ssimMean(pixelView(a), pixelView(b), 32), perTile, 1e-6);
    EXPECT_GT(std::abs(ssimMean(pixelView(a), pixelView(b), 0) - perTile), 1e-6) << "seams do count untiled";
}

TEST(PerceptualMetric, ColourShiftSeesAFlatShiftThatSsimHardlySees) {
    const VImage a = noiseImage(96, 96, 3, 5);
    const VImage shifted = (a + std::vector<double>{0, 0, 6}).cast(VIPS_FORMAT_UCHAR).copy_memory();
    const Distance d = distance(comparablePixels(a, 3), comparablePixels(shifted, 3));
    EXPECT_GT(d.ssim, 0.99) << "SSIM barely notices a shift of the mean";
    EXPECT_GT(d.colourShift, 1.5) << "the blocks' colour moved";
    EXPECT_GE(d.colourShiftTail, d.colourShift * 0.9);
}

TEST(PerceptualMetric, ComparablePixelsCompositeAlphaOverGrey) {
    // A fully transparent RGBA image is mid-grey once composited, as the benchmark's quality.py shows it.
    VImage rgba = (VImage::black(16, 16, VImage::option()->set("bands", 4))).cast(VIPS_FORMAT_UCHAR);
    rgba = rgba.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    const VImage c = comparablePixels(rgba, colourBands(rgba));
    EXPECT_EQ(c.bands(), 3);
    EXPECT_NEAR(c.avg(), 128.0, 0.5);
    // Grey with alpha against a colour candidate: the grey is repeated into three bands.
    VImage ga = VImage::black(16, 16, VImage::option()->set("bands", 2)).cast(VIPS_FORMAT_UCHAR);
    ga = ga.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_B_W));
    EXPECT_EQ(colourBands(ga), 1);
    EXPECT_EQ(comparablePixels(ga, 3).bands(), 3);
    EXPECT_EQ(comparablePixels(ga, 1).bands(), 1);
}

TEST(SearchSample, MosaicOfAlignedTiles) {
    const VImage big = noiseImage(2048, 1536, 3, 6);
    auto mosaic = sampleMosaic(big, 400'000);
    ASSERT_TRUE(mosaic.has_value());
    EXPECT_EQ(mosaic->tile, 128);
    EXPECT_EQ(mosaic->image.width() % 128, 0);
    EXPECT_EQ(mosaic->image.height() % 128, 0);
    EXPECT_NEAR(double(mosaic->image.width()) * mosaic->image.height(), 400'000, 100'000);
    EXPECT_NEAR(mosaic->fraction, double(mosaic->image.width()) * mosaic->image.height() / (2048.0 * 1536),
                1e-9);
    EXPECT_FALSE(sampleMosaic(noiseImage(600, 400, 3, 7), 400'000).has_value())
        << "a small image is searched whole";
}

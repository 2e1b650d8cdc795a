#include "perceptual_metric.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace imgopt {
namespace {

using vips::VImage;

// Block size of the colour-shift average: large enough that 4:2:0 chroma (2x2) and a JPEG's ringing inside a
// block cancel out, small enough that an 8x8 block whose colour moved still shows.
constexpr int kShiftBlock = 4;

// The percentile of block differences reported as the tail.
constexpr double kTailFraction = 0.95;

// What quality.py composites transparent pixels over.
constexpr double kGrey = 128.0;

VImage eightBit(VImage image) {
    const auto interp = image.interpretation();
    if (image.format() == VIPS_FORMAT_UCHAR &&
        (interp == VIPS_INTERPRETATION_sRGB || interp == VIPS_INTERPRETATION_B_W ||
         interp == VIPS_INTERPRETATION_MULTIBAND))
        return image;
    const bool grey = interp == VIPS_INTERPRETATION_B_W || interp == VIPS_INTERPRETATION_GREY16 ||
                      (image.bands() - (image.has_alpha() ? 1 : 0)) == 1;
    image = image.colourspace(grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB);
    return image.format() == VIPS_FORMAT_UCHAR ? image : image.cast(VIPS_FORMAT_UCHAR);
}

// Lab of the block means; `cells` must outlive the returned image's evaluation.
VImage lab(const VImage& comparable, const std::vector<std::uint8_t>& cells) {
    const int across = comparable.width() / kShiftBlock, down = comparable.height() / kShiftBlock;
    VImage small = VImage::new_from_memory(const_cast<std::uint8_t*>(cells.data()), cells.size(), across,
                                           down, comparable.bands(), VIPS_FORMAT_UCHAR);
    // Lab from sRGB (or grey) pixels; the interpretation says which.
    small = small.copy(VImage::option()->set(
        "interpretation", comparable.bands() == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB));
    return small.colourspace(VIPS_INTERPRETATION_LAB);
}

}  // namespace

int colourBands(const VImage& image) { return image.bands() - (image.has_alpha() ? 1 : 0) >= 3 ? 3 : 1; }

VImage comparablePixels(VImage image, int bands) {
    image = eightBit(image);
    if (image.has_alpha()) {
        std::vector<double> grey(std::size_t(image.bands() - 1), kGrey);
        image = image.flatten(VImage::option()->set("background", grey));
    }
    if (image.bands() > 3) image = image.extract_band(0, VImage::option()->set("n", 3));
    if (bands == 3 && image.bands() == 1) image = VImage::bandjoin(std::vector<VImage>{image, image, image});
    if (bands == 1 && image.bands() == 3) image = image.colourspace(VIPS_INTERPRETATION_B_W);
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    return image.copy_memory();
}

PixelView pixelView(const VImage& image) {
    return PixelView{static_cast<const std::uint8_t*>(image.data()), image.width(), image.height(),
                     image.bands()};
}

Distance distance(const VImage& reference, const VImage& candidate, int tile) {
    Distance d;
    d.ssim = ssimMean(pixelView(reference), pixelView(candidate), tile);
    if (reference.width() < kShiftBlock || reference.height() < kShiftBlock) return d;
    const auto referenceCells = blockMeans(pixelView(reference), kShiftBlock);
    const auto candidateCells = blockMeans(pixelView(candidate), kShiftBlock);
    // A 16th of the pixels: cheap to hold whole for the mean and the percentile.
    const VImage shift = lab(reference, referenceCells)
                             .dE76(lab(candidate, candidateCells))
                             .cast(VIPS_FORMAT_FLOAT)
                             .copy_memory();
    const auto* first = static_cast<const float*>(shift.data());
    std::vector<float> blocks(first, first + std::size_t(shift.width()) * std::size_t(shift.height()));
    if (blocks.empty()) return d;
    d.colourShift = std::accumulate(blocks.begin(), blocks.end(), 0.0) / double(blocks.size());
    const auto tail = blocks.begin() + std::ptrdiff_t(double(blocks.size() - 1) * kTailFraction);
    std::nth_element(blocks.begin(), tail, blocks.end());
    d.colourShiftTail = *tail;
    return d;
}

}  // namespace imgopt

#pragma once
// The metrics' two inner loops over every pixel: SSIM's running 7x7 window sums, and the block means the
// colour shift compares. Hand-written because SSIM built from libvips operations (float convolutions of five
// images) measured 12-24 times slower per megapixel than this, and libvips' shrink before its Lab conversion
// took about three times as long as these block means (docs/presets.md, "Visual targets"); the search
// scores several candidates per image. Built with -O3 and an AVX2 clone (src/core/CMakeLists.txt).
// Thread-safe: pure functions of their arguments.

#include <cstdint>
#include <vector>

namespace imgopt {

// Interleaved 8-bit samples in memory, rows packed without padding (a libvips memory image's layout).
struct PixelView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int bands = 0;
};

// Mean SSIM (Wang, Bovik, Sheikh, Simoncelli 2004) over every 7x7 window and band: uniform window, K1 = 0.01,
// K2 = 0.03, L = 255, sample covariance, windows that would cross the border left out. This is scikit-image's
// structural_similarity with its defaults, which the benchmark's quality.py calls. With `tile` > 0 only
// windows inside each tile x tile cell count: the seams of a mosaic of samples are no part of the image.
// Both views must have the same size and bands, at least 7x7 pixels (at least one whole tile).
double ssimMean(const PixelView& a, const PixelView& b, int tile = 0);

// Means of each block x block cell, per band, rounded to 8 bits; (width / block) x (height / block) cells,
// interleaved like the input (a partial cell at the right or bottom edge is left out).
std::vector<std::uint8_t> blockMeans(const PixelView& image, int block);

}  // namespace imgopt

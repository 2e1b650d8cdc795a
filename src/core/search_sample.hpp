#pragma once
// The sample the quality search tries its candidates on: a mosaic of tiles taken on a regular grid across a
// large image. The metrics are means over the image, and a stratified sample of tiles estimates a mean at a
// fraction of the cost of encoding and scoring the whole image. The sample only steers the search: the
// quality it finds is confirmed on the whole image (quality_search.cpp).
// Tiles sit on a 64-pixel grid in the source, so the blocks of JPEG (8/16), WebP (16) and AVIF (64) fall
// where they fall in the whole image.
// Thread-safe: pure functions; the mosaic is a new image the caller owns.

#include <optional>
#include <vips/vips8>

namespace imgopt {

struct SampleMosaic {
    vips::VImage image;   // in memory
    int tile = 0;         // tile edge in pixels; only windows inside a tile are scored
    double fraction = 0;  // mosaic pixels / image pixels
};

// A mosaic of about `targetPixels` from `image` (in memory), or nullopt when the image is too small for a
// sample to save work (the search then runs on the whole image). Throws vips::VError.
std::optional<SampleMosaic> sampleMosaic(const vips::VImage& image, double targetPixels);

}  // namespace imgopt

#pragma once
// The visual-quality metrics of the search (quality auto), on pixels as a viewer shows them: 8-bit, alpha
// composited over mid-grey (as the benchmark's quality.py does), upright and at the output's size.
//  - SSIM (metric_kernel.hpp): the score. It sees structure (detail, noise, ringing, blur) but hardly a shift
//    of an area's mean: a colour blotch or banding across a flat sky costs it almost nothing.
//  - The colour shift: the CIE 1976 colour difference (ΔE*ab) of the two images averaged over 4x4 blocks,
//  with
//    libvips' Lab and dE76 operations; its mean and its 95th percentile. It sees what SSIM misses, and
//    ignores sub-block detail that SSIM judges. (CIEDE2000 on the same blocks costs about twice the whole
//    colour shift: docs/presets.md.)
// docs/presets.md gives each target's limits and how they were calibrated.
// Thread-safe: pure functions; each call owns the images it makes.

#include <vips/vips8>

#include "metric_kernel.hpp"

namespace imgopt {

struct Distance {
    double ssim = 1.0;  // 1 = identical
    double colourShift =
        0.0;  // mean ΔE (CIE 1976) of 4x4 block averages; 0 = identical, ~2.3 just noticeable
    // The 95th percentile of the same block differences: the tail where banding shows. Error diffusion
    // spreads a palette's error as fine noise that the blocks average out; without it the error lands in
    // contours.
    double colourShiftTail = 0.0;
};

// `image` as the metrics compare it: uchar, alpha composited over mid-grey, `bands` colour bands (1 or 3; a
// grey image is repeated into three when the other side has colour), in memory. Throws vips::VError.
vips::VImage comparablePixels(vips::VImage image, int bands);
// Colour bands `image` has once its alpha is composited: 1 or 3.
int colourBands(const vips::VImage& image);

// The distance between two comparable images of the same size. `tile` > 0: a mosaic of tile x tile samples
// (only windows inside a tile count). Throws vips::VError.
Distance distance(const vips::VImage& reference, const vips::VImage& candidate, int tile = 0);

// The view of a comparable (in-memory, uchar) image for the SSIM kernel.
PixelView pixelView(const vips::VImage& image);

}  // namespace imgopt

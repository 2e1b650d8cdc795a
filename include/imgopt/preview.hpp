#pragma once
// Previews for the desktop app's compare view: part of an image file as 8-bit RGBA pixels, upright and in
// sRGB, at a chosen size. The core decodes them (libvips), so every format ImgOpt reads previews alike:
// AVIF, HEIC, 16-bit, CMYK. Two files of different sizes (an original and its resized output) are drawn
// onto one frame, so that the same region of the frame shows the same part of both.
// Thread rules: every function is reentrant and may take a while (it decodes): call from worker threads,
// never from a GUI thread.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "imgopt/result.hpp"

namespace imgopt {

struct PixelSize {
    int width = 0;
    int height = 0;
};

// A rectangle in frame pixels (fractions allowed).
struct PreviewRegion {
    double x = 0, y = 0, width = 0, height = 0;
};

struct PreviewRequest {
    std::filesystem::path file;
    PixelSize frame;       // the frame the region refers to; the file is stretched onto it
    PreviewRegion region;  // the part wanted; clipped to the frame
    PixelSize output;      // pixels returned for the region
};

struct PreviewImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4, rows packed, straight (not premultiplied) alpha
};

// The upright size of an image file, from its header.
Expected<PixelSize> previewSize(const std::filesystem::path& file);

// The region of the file, resampled to `request.output`. Only the region is resampled and converted, and a
// zoomed-out request decodes a reduced image (shrink-on-load), so a preview costs what it shows.
Expected<PreviewImage> renderPreview(const PreviewRequest& request);

// Where two previews of the same size differ, as a heat map: black where they are equal, through red and
// yellow to white for the largest differences (the largest band difference per pixel, amplified so that a
// compression artifact of a few levels shows). Opaque. Empty when the sizes differ.
PreviewImage differenceMap(const PreviewImage& before, const PreviewImage& after);

}  // namespace imgopt

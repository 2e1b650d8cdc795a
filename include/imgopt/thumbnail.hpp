#pragma once
// Small previews of image files, for a tool's file list (the desktop app's queue). Made with libvips'
// shrink-on-load thumbnail, so a large JPEG is decoded at a fraction of its size and never whole.
//
// Thread rules: makeThumbnail() may run on any thread, many at once, after imgopt::initialize(). The returned
// value is a plain copy of the pixels: it shares nothing with libvips or with other calls.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "imgopt/result.hpp"

namespace imgopt {

// 8-bit sRGB pixels, upright (the EXIF orientation applied), rows top to bottom without padding.
struct Thumbnail {
    int width = 0;
    int height = 0;
    int channels = 0;                  // 3 (RGB) or 4 (RGBA, alpha not premultiplied)
    std::vector<std::uint8_t> pixels;  // width * height * channels bytes

    int stride() const { return width * channels; }
};

// A preview of `file` whose long edge is at most `maxEdge` pixels (never enlarged). Animations give their
// first frame. Files with more than `maxPixels` pixels are refused from their header, as a run refuses them,
// so a decompression bomb cannot stall the caller.
// Errors: InputUnreadable, InputUnsupported, InputDamaged, PixelLimit, InvalidSettings (maxEdge < 1).
Expected<Thumbnail> makeThumbnail(const std::filesystem::path& file, int maxEdge, std::uint64_t maxPixels);

}  // namespace imgopt

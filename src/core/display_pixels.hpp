#pragma once
// Decoded pixels as the tools draw them: 8-bit sRGB, RGB or RGBA, rows packed, copied out of libvips. Shared
// by the queue's thumbnails (thumbnail.cpp) and the compare view's previews (preview.cpp). Thread rules:
// reentrant; the images are only read.

#include <cstdint>
#include <vector>
#include <vips/vips8>

namespace imgopt {

// 8-bit sRGB with 3 bands, or 4 when the image has alpha or `withAlpha` asks for one (then opaque).
// vips_thumbnail() already imports an embedded profile (or CMYK's fallback); grey, 16-bit and other
// interpretations are converted here.
vips::VImage displayPixels(vips::VImage image, bool withAlpha = false);

// The image's pixels, computed and copied into a plain buffer (width * height * bands bytes). Throws
// vips::VError as libvips does.
std::vector<std::uint8_t> copyPixels(const vips::VImage& image);

}  // namespace imgopt

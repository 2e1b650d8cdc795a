#pragma once
// Palette PNG written directly: libimagequant chooses the palette and maps the pixels onto it (as libvips'
// pngsave does), libdeflate compresses the image data, and the chunks are assembled here. With libvips 8.14
// the same file took zlib at level 7 (30 % of a palette PNG's CPU time on the big set) and libpng's row
// handling; libdeflate gives the same size in a fifth of the time (docs/presets.md, "PNG path"). Palettes of
// at most 16 colours are packed into 1, 2 or 4 bits a pixel.
//
// Thread rules: reentrant; the image is only read. libimagequant runs OpenMP regions on the calling thread's
// OpenMP thread count (the engine sets it per worker).

#include <cstdint>
#include <vector>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

struct PalettePngSettings {
    int quality = 90;  // libimagequant's maximum quality, 1-100 (its minimum is 0: never refuse)
    int speed = 7;     // libimagequant speed, 1 (slowest, best) - 10
    // Floyd-Steinberg strength, 0-1. Half strength still breaks up bands, without the speckle of full
    // strength that costs bytes and shows at 100 % zoom: on the big set's graphics 31 % smaller, mean SSIM
    // 0.951 instead of 0.923, a third less remapping time (docs/presets.md, "PNG path").
    float dithering = 0.5f;
    int deflateLevel = 6;  // libdeflate, 1-12: its 6 is zlib's 7 in size at a fifth of the time
    MetadataMode metadata = MetadataMode::Icc;
};

// Encodes an 8-bit image of 1 to 4 bands as a palette PNG in memory, with the ICC profile (unless metadata
// is None) and, in All mode, EXIF and XMP. A set `cancel` stops libimagequant (Error Cancelled).
Expected<std::vector<std::uint8_t>> encodePalettePng(vips::VImage image, const PalettePngSettings& settings,
                                                     const CancelToken& cancel);

}  // namespace imgopt

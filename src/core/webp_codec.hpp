#pragma once
// Still WebP straight through libwebp, beside libvips. libvips 8.14's loader decodes every WebP into an RGBA
// frame and then copies it, and its saver gathers the whole frame before libwebp sees it. On the 4096x4096
// corpus image that cost 0.8 s of CPU and 160 MB of peak memory over calling libwebp directly
// (docs/benchmarks.md, "WebP path"). Animated WebP, and outputs whose EXIF libvips must rewrite, stay
// with libvips.
//
// Thread rules: every function is reentrant and owns what it allocates; images passed in are only read.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

// Decodes a still WebP into a memory image (RGB, or RGBA when the file has alpha) with its ICC profile, XMP
// and EXIF attached and the EXIF orientation set, as libvips' loader would. An empty optional when libvips
// should load the file instead: animation, an incomplete container, or bytes that are not WebP at all.
// Error InputDamaged when the bitstream inside is damaged.
Expected<std::optional<vips::VImage>> decodeWebpStill(const std::filesystem::path& path);

struct WebpSettings {
    int quality = 90;       // 1-100; ignored when lossless
    bool lossless = false;  // lossless uses effort 6, lossy effort 4 (docs/presets.md)
};

// True when encodeWebp can write `image` as it will be saved: 8-bit, with no EXIF to carry. Whether it is a
// single frame is the caller's test (the encoder knows it from the loaded image already).
bool webpEncodable(const vips::VImage& image);

// Encodes `image` (8-bit, 1-4 bands) into a WebP file in memory, pulling pixels in strips so that the frame
// is never held as RGB. Carries the ICC profile and XMP attached to `image`. A set `cancel` stops both the
// pixel pull and libwebp's encoder (Error Cancelled).
Expected<std::vector<std::uint8_t>> encodeWebp(vips::VImage image, const WebpSettings& settings,
                                               const CancelToken& cancel);

}  // namespace imgopt

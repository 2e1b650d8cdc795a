#pragma once
// Still WebP straight through libwebp, beside libvips. libvips 8.14's loader decodes every WebP into an RGBA
// frame and then copies it, and its saver gathers the whole frame before libwebp sees it. On the 4096x4096
// corpus image that cost 0.8 s of CPU and 160 MB of peak memory over calling libwebp directly
// (docs/benchmarks.md, "WebP path"). Animated WebP, and outputs whose EXIF libvips must rewrite, stay
// with libvips.
//
// Thread rules: every function is reentrant and owns what it allocates; images passed in are only read.

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vips/vips8>

#include "imgopt/cancel_token.hpp"

namespace imgopt {

// A failure with a message for the user, and the step that failed.
class WebpError : public std::runtime_error {
public:
    enum class Step { Decode, Encode, Write, Cancelled };
    WebpError(Step step, const std::string& message) : std::runtime_error(message), step_(step) {}
    Step step() const { return step_; }

private:
    Step step_;
};

// Decodes a still WebP into a memory image (RGB, or RGBA when the file has alpha) with its ICC profile, XMP
// and EXIF attached and the EXIF orientation set, as libvips' loader would. Returns nullopt when libvips
// should load the file instead: animation, an incomplete container, or bytes that are not WebP at all.
// Throws WebpError when the bitstream inside is damaged.
std::optional<vips::VImage> decodeWebpStill(const std::filesystem::path& path);

struct WebpSettings {
    int quality = 90;       // 1-100; ignored when lossless
    bool lossless = false;  // lossless uses effort 6, lossy effort 4 (docs/presets.md)
};

// True when encodeWebp can write `image` as it will be saved: 8-bit, with no EXIF to carry. Whether it is a
// single frame is the caller's test (the encoder knows it from the loaded image already).
bool webpEncodable(const vips::VImage& image);

// Encodes `image` (8-bit, 1-4 bands) into `dest`, pulling pixels in strips so that the frame is never held
// as RGB. Writes the ICC profile and XMP attached to `image`. A set `cancel` stops both the pixel pull and
// libwebp's encoder. Throws WebpError or vips::VError.
void encodeWebp(vips::VImage image, const WebpSettings& settings, const std::filesystem::path& dest,
                const CancelToken& cancel);

}  // namespace imgopt

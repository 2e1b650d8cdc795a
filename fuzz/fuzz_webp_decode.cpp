// The still-WebP path's decoder (webp_codec.cpp) on arbitrary bytes: libwebp's feature probe and demuxer,
// the decode into a libvips memory image, the ICC/XMP/EXIF chunks and the EXIF orientation read with
// libexif. A decoded image is read back whole, so a frame that was not fully written is caught by ASan.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "webp_codec.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char*** argv) {
    imgopt::fuzz::start((*argv)[0]);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = imgopt::fuzz::writeInput(data, size, "input.webp");
    const auto decoded = imgopt::decodeWebpStill(file);
    if (!decoded || !*decoded) return 0;
    const vips::VImage& image = **decoded;
    if (image.width() < 1 || image.height() < 1 || (image.bands() != 3 && image.bands() != 4)) std::abort();
    // Touches every pixel of the decoded frame.
    (void)image.avg();
    const int orientation =
        image.get_typeof(VIPS_META_ORIENTATION) ? image.get_int(VIPS_META_ORIENTATION) : 1;
    if (orientation < 1 || orientation > 8) std::abort();
    return 0;
}

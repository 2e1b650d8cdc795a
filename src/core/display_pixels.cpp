#include "display_pixels.hpp"

#include "c_handle.hpp"

namespace imgopt {

vips::VImage displayPixels(vips::VImage image, bool withAlpha) {
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB || image.format() != VIPS_FORMAT_UCHAR) {
        image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    }
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    if (withAlpha && !image.has_alpha()) image = image.bandjoin_const({255});
    const int wanted = image.has_alpha() ? 4 : 3;
    if (image.bands() > wanted) image = image.extract_band(0, vips::VImage::option()->set("n", wanted));
    return image;
}

std::vector<std::uint8_t> copyPixels(const vips::VImage& image) {
    std::size_t size = 0;
    const Handle<void, g_free> memory(image.write_to_memory(&size));
    if (!memory) return {};
    const auto* bytes = static_cast<const std::uint8_t*>(memory.get());
    return {bytes, bytes + size};
}

}  // namespace imgopt

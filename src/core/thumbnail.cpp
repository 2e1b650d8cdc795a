#include "imgopt/thumbnail.hpp"

#include <fmt/format.h>

#include <memory>
#include <vips/vips8>

#include "c_handle.hpp"
#include "header_reader.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

// vips_thumbnail() already imports an embedded profile (or CMYK's fallback) and exports sRGB. Grey, 16-bit
// and other interpretations still need converting to the one layout callers get: 8-bit RGB or RGBA.
vips::VImage toDisplayPixels(vips::VImage image) {
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB || image.format() != VIPS_FORMAT_UCHAR) {
        image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    }
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    const int wanted = image.has_alpha() ? 4 : 3;
    if (image.bands() > wanted) image = image.extract_band(0, vips::VImage::option()->set("n", wanted));
    return image;
}

Expected<Thumbnail> copyPixels(const vips::VImage& image) {
    std::size_t size = 0;
    const Handle<void, g_free> memory(image.write_to_memory(&size));
    Thumbnail t;
    t.width = image.width();
    t.height = image.height();
    t.channels = image.bands();
    if (!memory || size != std::size_t(t.stride()) * std::size_t(t.height)) {
        return fail(ErrorCode::Internal, "the preview has an unexpected size");
    }
    const auto* bytes = static_cast<const std::uint8_t*>(memory.get());
    t.pixels.assign(bytes, bytes + size);
    return t;
}

}  // namespace

Expected<Thumbnail> makeThumbnail(const std::filesystem::path& file, int maxEdge, std::uint64_t maxPixels) {
    if (maxEdge < 1) return fail(ErrorCode::InvalidSettings, "a preview needs a size of at least one pixel");
    auto header = readHeader(file);
    if (!header) return Unexpected<Error>(std::move(header).error());
    const std::uint64_t pixels = std::uint64_t(header->width) * std::uint64_t(header->height);
    if (pixels > maxPixels) {
        return fail(ErrorCode::PixelLimit, fmt::format("{} x {} pixels is above the limit of {} pixels",
                                                       header->width, header->height, maxPixels));
    }
    auto source = openSource(file);  // one open; openSource says why not by name
    if (!source) return Unexpected<Error>(std::move(source).error());
    const VipsCall call;
    try {
        // size=down: a preview is never larger than the image. Rotation upright is vips_thumbnail's default.
        // A truncated file fails as it does in a run, instead of showing grey padding.
        const vips::VImage thumb = vips::VImage::thumbnail_source(*source, maxEdge,
                                                                  vips::VImage::option()
                                                                      ->set("height", maxEdge)
                                                                      ->set("size", VIPS_SIZE_DOWN)
                                                                      ->set("option_string", "fail_on=truncated"));
        return copyPixels(toDisplayPixels(thumb));
    } catch (const vips::VError&) {
        const std::string detail = takeVipsError();
        return fail(
            ErrorCode::InputDamaged,
            "cannot make a preview: the file is damaged or truncated" +
                (detail.empty() ? std::string() : fmt::format(" ({})", detail.substr(0, detail.find("; ")))));
    }
}

}  // namespace imgopt

#include "imgopt/thumbnail.hpp"

#include <fmt/format.h>

#include <vips/vips8>

#include "display_pixels.hpp"
#include "header_reader.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

Expected<Thumbnail> toThumbnail(const vips::VImage& image) {
    Thumbnail t;
    t.width = image.width();
    t.height = image.height();
    t.channels = image.bands();
    t.pixels = copyPixels(image);
    if (t.pixels.size() != std::size_t(t.stride()) * std::size_t(t.height)) {
        return fail(ErrorCode::Internal, "the preview has an unexpected size");
    }
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
        const vips::VImage thumb =
            vips::VImage::thumbnail_source(*source, maxEdge,
                                           vips::VImage::option()
                                               ->set("height", maxEdge)
                                               ->set("size", VIPS_SIZE_DOWN)
                                               ->set("option_string", "fail_on=truncated"));
        return toThumbnail(displayPixels(thumb));
    } catch (const vips::VError&) {
        const std::string detail = takeVipsError();
        return fail(
            ErrorCode::InputDamaged,
            "cannot make a preview: the file is damaged or truncated" +
                (detail.empty() ? std::string() : fmt::format(" ({})", detail.substr(0, detail.find("; ")))));
    }
}

}  // namespace imgopt

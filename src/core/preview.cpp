#include "imgopt/preview.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vips/vips8>

#include "display_pixels.hpp"
#include "header_reader.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

using vips::VImage;

// Below this output scale a reduced decode (shrink-on-load) has every pixel the preview needs.
constexpr double kReducedDecodeScale = 0.5;
// Differences of a few levels are what compression leaves; this gain makes them show in the heat map.
constexpr int kHeatGain = 6;

// The part [x, x+w) x [y, y+h) of `image` (fractional pixels of it), resampled to exactly `out`.
VImage cutAndScale(const VImage& image, double x, double y, double w, double h, PixelSize out) {
    const int left = std::clamp(int(std::floor(x)), 0, image.width() - 1);
    const int top = std::clamp(int(std::floor(y)), 0, image.height() - 1);
    const int right = std::clamp(int(std::ceil(x + w)), left + 1, image.width());
    const int bottom = std::clamp(int(std::ceil(y + h)), top + 1, image.height());
    const double sx = out.width / w, sy = out.height / h;
    // Nearest neighbour when enlarging, so that 200 % shows the pixels as they are.
    const auto kernel = sx >= 1.0 ? VIPS_KERNEL_NEAREST : VIPS_KERNEL_LANCZOS3;
    VImage part = image.extract_area(left, top, right - left, bottom - top)
                      .resize(sx, VImage::option()->set("vscale", sy)->set("kernel", kernel));
    const int ox = std::clamp(int(std::lround((x - left) * sx)), 0, std::max(0, part.width() - 1));
    const int oy = std::clamp(int(std::lround((y - top) * sy)), 0, std::max(0, part.height() - 1));
    // Rounding can leave the resized part a pixel short; the edge pixels are repeated into it.
    part = part.embed(-ox, -oy, out.width, out.height, VImage::option()->set("extend", VIPS_EXTEND_COPY));
    return part;
}

// 256 entries, black to dark red, red, yellow and white.
VImage heatTable() {
    std::array<std::uint8_t, 256 * 3> lut{};
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        lut[std::size_t(i) * 3 + 0] = std::uint8_t(std::lround(255 * std::min(1.0, t * 2.5)));
        lut[std::size_t(i) * 3 + 1] = std::uint8_t(std::lround(255 * std::clamp((t - 0.4) * 2.5, 0.0, 1.0)));
        lut[std::size_t(i) * 3 + 2] = std::uint8_t(std::lround(255 * std::clamp((t - 0.8) * 5.0, 0.0, 1.0)));
    }
    return VImage::new_from_memory(lut.data(), lut.size(), 256, 1, 3, VIPS_FORMAT_UCHAR).copy().copy_memory();
}

PreviewImage toPreview(const VImage& rgba) {
    PreviewImage p;
    p.width = rgba.width();
    p.height = rgba.height();
    p.rgba = copyPixels(rgba);
    return p;
}

VImage fromPreview(const PreviewImage& p) {
    return VImage::new_from_memory(const_cast<std::uint8_t*>(p.rgba.data()), p.rgba.size(), p.width, p.height,
                                   4, VIPS_FORMAT_UCHAR);
}

}  // namespace

Expected<PixelSize> previewSize(const std::filesystem::path& file) {
    auto header = readHeader(file);
    if (!header) return Unexpected(std::move(header).error());
    return PixelSize{header->uprightWidth(), header->uprightHeight()};
}

Expected<PreviewImage> renderPreview(const PreviewRequest& r) {
    if (r.frame.width < 1 || r.frame.height < 1 || r.output.width < 1 || r.output.height < 1)
        return fail(ErrorCode::InvalidSettings,
                    "a preview needs a frame and an output of at least one pixel");
    auto size = previewSize(r.file);
    if (!size) return Unexpected(std::move(size).error());
    // The region in the file's own (upright) pixels, clipped to it.
    const double fx = double(size->width) / r.frame.width, fy = double(size->height) / r.frame.height;
    const double x = std::clamp(r.region.x * fx, 0.0, double(size->width) - 1);
    const double y = std::clamp(r.region.y * fy, 0.0, double(size->height) - 1);
    const double w = std::clamp(r.region.width * fx, 1.0, double(size->width) - x);
    const double h = std::clamp(r.region.height * fy, 1.0, double(size->height) - y);
    const double scale = std::max(r.output.width / w, r.output.height / h);
    auto source = openSource(r.file);  // one open; openSource says why not by name
    if (!source) return Unexpected(std::move(source).error());
    const VipsCall call;  // vips_errors.hpp: the failure text is taken only when it is certainly this call's
    try {
        VImage image;
        double k = 1.0;  // file pixels per pixel of `image`
        if (scale <= kReducedDecodeScale) {
            // The whole image at about twice the output's scale, straight from the decoder.
            const int width = std::max(1, int(std::ceil(size->width * scale * 2)));
            image = VImage::thumbnail_source(
                *source, width, VImage::option()->set("height", VIPS_MAX_COORD)->set("size", VIPS_SIZE_DOWN));
            k = double(size->width) / image.width();
        } else {
            image = VImage::new_from_source(*source, "", VImage::option()->set("access", VIPS_ACCESS_RANDOM))
                        .autorot();
        }
        const VImage out = cutAndScale(displayPixels(image, true), x / k, y / k, w / k, h / k, r.output);
        return toPreview(out);
    } catch (const vips::VError&) {
        const std::string detail = takeVipsError();
        return fail(ErrorCode::InputDamaged, fmt::format("cannot show {}{}", r.file.filename().string(),
                                                         detail.empty() ? "" : ": " + detail));
    }
}

PreviewImage differenceMap(const PreviewImage& before, const PreviewImage& after) {
    if (before.width != after.width || before.height != after.height || before.rgba.empty() ||
        before.rgba.size() != after.rgba.size())
        return {};
    const VipsCall call;
    try {
        const VImage a = fromPreview(before).extract_band(0, VImage::option()->set("n", 3));
        const VImage b = fromPreview(after).extract_band(0, VImage::option()->set("n", 3));
        const VImage diff = (a.cast(VIPS_FORMAT_SHORT) - b.cast(VIPS_FORMAT_SHORT)).abs();
        VImage peak = diff[0];
        for (int band = 1; band < 3; ++band) peak = (diff[band] > peak).ifthenelse(diff[band], peak);
        const VImage level = (peak * kHeatGain).cast(VIPS_FORMAT_UCHAR);  // clips at 255
        return toPreview(level.maplut(heatTable()).bandjoin_const({255}));
    } catch (const vips::VError&) {
        takeVipsError();
        return {};
    }
}

}  // namespace imgopt

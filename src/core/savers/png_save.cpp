#include "near_lossless_png.hpp"
#include "png_writer.hpp"
#include "savers.hpp"

namespace imgopt::detail {

Expected<Bytes> savePng(const SaveRequest& r) {
    // Palette PNGs are written by png_writer (libimagequant and libdeflate; png_writer.hpp says why), without
    // row filters: they help truecolour data but hurt palette indices (docs/presets.md).
    if (!r.lossless() && r.nearLossless && r.image.format() == VIPS_FORMAT_UCHAR) {
        NearLosslessPngSettings settings;
        settings.step = nearLosslessStep(r.quality);
        if (r.pngCompression >= 0) settings.deflateLevel = r.pngCompression;
        settings.metadata = r.metadata;
        return encodeNearLosslessPng(r.image, settings, *r.cancel);
    }
    if (!r.lossless() && r.image.format() == VIPS_FORMAT_UCHAR) {
        PalettePngSettings settings;
        settings.quality = r.quality;
        if (r.dither >= 0) settings.dithering = float(r.dither);
        settings.metadata = r.metadata;
        return encodePalettePng(r.image, settings, *r.cancel);
    }
    auto options = vips::VImage::option()
                       ->set("strip", r.strip())
                       ->set("compression", r.pngCompression >= 0 ? r.pngCompression : 9)
                       ->set("palette", false)
                       ->set("filter", VIPS_FOREIGN_PNG_FILTER_ALL);
    VipsBlob* blob = nullptr;
    try {
        blob = r.image.pngsave_buffer(options);
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return takeBlob(blob);
}

}  // namespace imgopt::detail

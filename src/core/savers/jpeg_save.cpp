#include "jpeg_writer.hpp"
#include "metadata_scrubber.hpp"
#include "savers.hpp"

namespace imgopt::detail {

Expected<Bytes> saveJpeg(const SaveRequest& r) {
    const bool fullChroma = r.lossless() || r.fullChroma;
    try {
        // `all` keeps EXIF, XMP and IPTC, which libvips' saver writes; the writer of our own keeps only the
        // profile.
        if (r.metadata != MetadataMode::All && jpegWritesInThread(r.image))
            return encodeJpegInThread(
                r.image, JpegWriteSettings{r.quality, fullChroma, true, r.metadata != MetadataMode::None},
                r.cancel);
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    VipsBlob* blob = nullptr;
    try {
        blob = r.image.jpegsave_buffer(
            vips::VImage::option()
                ->set("Q", r.quality)
                ->set("optimize_coding", true)
                // Progressive: 2.3% smaller on the corpus photos (docs/presets.md).
                ->set("interlace", true)
                ->set("subsample_mode", fullChroma ? VIPS_FOREIGN_SUBSAMPLE_OFF : VIPS_FOREIGN_SUBSAMPLE_ON)
                ->set("strip", r.strip()));
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    Bytes bytes = takeBlob(blob);
    // libvips 8.14 writes an EXIF block of its own into every JPEG it saves without strip.
    if (r.metadata != MetadataMode::All && !r.strip()) return removeExif(std::move(bytes), ImageFormat::Jpeg);
    return bytes;
}

}  // namespace imgopt::detail

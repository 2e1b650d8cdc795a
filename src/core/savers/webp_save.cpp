#include "metadata_scrubber.hpp"
#include "savers.hpp"
#include "webp_codec.hpp"

namespace imgopt::detail {

Expected<Bytes> saveWebp(const SaveRequest& r) {
    // A still image goes through libwebp directly (webp_codec.hpp says why); animations stay with libvips.
    if (!r.animated && webpEncodable(r.image))
        return encodeWebp(r.image, WebpSettings{r.quality, r.lossless()}, *r.cancel);
    auto options = vips::VImage::option()->set("strip", r.strip());
    if (r.lossless())
        options->set("lossless", true)->set("effort", 6);
    else
        options->set("Q", r.quality)
            ->set("alpha_q", r.quality)
            ->set("effort", 4)
            ->set("smart_subsample", false);
    VipsBlob* blob = nullptr;
    try {
        blob = r.image.webpsave_buffer(options);
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    Bytes bytes = takeBlob(blob);
    // libvips 8.14's webpsave writes its own EXIF chunk whatever strip says, so this runs even when stripped.
    if (r.metadata != MetadataMode::All) return removeExif(std::move(bytes), ImageFormat::Webp);
    return bytes;
}

}  // namespace imgopt::detail

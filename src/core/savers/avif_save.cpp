#include "savers.hpp"

namespace imgopt::detail {

Expected<Bytes> saveAvif(const SaveRequest& r) {
    auto options = vips::VImage::option()
                       ->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1)
                       ->set("bitdepth", 8)
                       ->set("strip", r.strip());
    if (r.lossless())
        options->set("lossless", true)->set("effort", 9)->set("subsample_mode", VIPS_FOREIGN_SUBSAMPLE_OFF);
    else
        options->set("Q", r.quality)->set("effort", 2)->set("subsample_mode", VIPS_FOREIGN_SUBSAMPLE_ON);
    VipsBlob* blob = nullptr;
    try {
        blob = r.image.heifsave_buffer(options);
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return takeBlob(blob);
}

}  // namespace imgopt::detail

#include "savers.hpp"

namespace imgopt::detail {

// TIFF usually holds masters, so it stays lossless at every quality setting.
Expected<Bytes> saveTiff(const SaveRequest& r) {
    VipsBlob* blob = nullptr;
    try {
        blob = r.image.tiffsave_buffer(vips::VImage::option()
                                           ->set("compression", VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE)
                                           ->set("predictor", VIPS_FOREIGN_TIFF_PREDICTOR_HORIZONTAL)
                                           ->set("strip", r.strip()));
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return takeBlob(blob);
}

}  // namespace imgopt::detail

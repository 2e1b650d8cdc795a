#include "savers.hpp"

namespace imgopt::detail {

// TIFF usually holds masters, so it stays lossless at every quality setting.
Status saveTiff(const SaveRequest& r) {
    try {
        r.image.tiffsave(r.destination.c_str(), vips::VImage::option()
                                                    ->set("compression", VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE)
                                                    ->set("predictor", VIPS_FOREIGN_TIFF_PREDICTOR_HORIZONTAL)
                                                    ->set("strip", r.strip()));
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return {};
}

}  // namespace imgopt::detail

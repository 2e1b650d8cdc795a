#include "savers.hpp"

namespace imgopt::detail {

Expected<Bytes> saveGif(const SaveRequest& r) {
    // Between frames of an animation a small error lets unchanged areas become transparent, which is where
    // animated GIFs get their savings; a single frame has no neighbour to match.
    const double interframeError = r.animated && !r.lossless() ? 1.0 : 0.0;
    VipsBlob* blob = nullptr;
    try {
        blob = r.image.gifsave_buffer(vips::VImage::option()
                                          ->set("effort", 7)
                                          ->set("strip", r.strip())
                                          ->set("interframe_maxerror", interframeError));
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return takeBlob(blob);
}

}  // namespace imgopt::detail

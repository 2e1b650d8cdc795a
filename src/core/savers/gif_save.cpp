#include "savers.hpp"

namespace imgopt::detail {

Expected<Bytes> saveGif(const SaveRequest& r) {
    // Between frames of an animation a small error lets unchanged areas become transparent, which is where
    // animated GIFs get their savings; a single frame has no neighbour to match.
    const double interframeError = r.animated && !r.lossless() ? 1.0 : 0.0;
    void* data = nullptr;
    std::size_t size = 0;
    try {
        r.image.write_to_buffer(
            ".gif", &data, &size,
            vips::VImage::option()->set("effort", 7)->set("strip", r.strip())->set("interframe_maxerror", interframeError));
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return takeBuffer(data, size);
}

}  // namespace imgopt::detail

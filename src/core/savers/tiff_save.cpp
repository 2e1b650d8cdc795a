#include "savers.hpp"

namespace imgopt::detail {

// TIFF usually holds masters, so it stays lossless at every quality setting.
Expected<Bytes> saveTiff(const SaveRequest& r) {
    void* data = nullptr;
    std::size_t size = 0;
    try {
        r.image.write_to_buffer(".tif", &data, &size,
                                vips::VImage::option()
                                    ->set("compression", VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE)
                                    ->set("predictor", VIPS_FOREIGN_TIFF_PREDICTOR_HORIZONTAL)
                                    ->set("strip", r.strip()));
    } catch (const vips::VError&) {
        return saveFailure(r);
    }
    return takeBuffer(data, size);
}

}  // namespace imgopt::detail

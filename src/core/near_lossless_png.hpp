#pragma once
// Near-lossless truecolour PNG: each sample's prediction residual under PNG's Average filter is rounded to a
// multiple of a step before it is stored, the prediction being made from the already rounded neighbours.
// Every sample then stays within step/2 of the source's, and the residuals take a few values that deflate
// packs tightly. (The same idea as libwebp's near-lossless mode, on PNG's own predictor, so any PNG reader
// decodes it.) On the big set's photographic PNGs, where no palette of 256 colours reaches the visual target,
// a step of 8 made files of 23-35 % of the originals at SSIM 0.98 or more (docs/presets.md, "Near-lossless
// PNG"). Alpha is kept exact. Written here because no PNG library offers it: libpng and libspng filter the
// pixels they are given, they do not choose them.
//
// Thread rules: reentrant; the image is only read.

#include <cstdint>
#include <vector>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

struct NearLosslessPngSettings {
    int step = 1;  // 1 = lossless; a sample's error is at most step / 2
    // libdeflate, 1-12. On four of the big set's photographic PNGs (step 8): level 6 took 1.8 s for 5.48 MB,
    // 7 2.5 s for 5.26 MB, 9 7.9 s for 4.92 MB (docs/presets.md, "Near-lossless PNG"). The search runs on
    // every image, so 7.
    int deflateLevel = 7;
    MetadataMode metadata = MetadataMode::Icc;
};

// The step a quality stands for on the quality search's scale: 100 - quality (99 -> 1, lossless; 92 -> 8).
int nearLosslessStep(int quality);

// Encodes an 8-bit image of 1 to 4 bands (grey, grey + alpha, RGB, RGBA) in memory, with the metadata the
// mode keeps (as png_writer.hpp). A set `cancel` stops it (Error Cancelled).
Expected<std::vector<std::uint8_t>> encodeNearLosslessPng(vips::VImage image,
                                                          const NearLosslessPngSettings& settings,
                                                          const CancelToken& cancel);

// The pixels a decoder gets back from encodeNearLosslessPng at this step (8-bit, the image's bands and
// interpretation), without compressing them: what the quality search judges a step by.
Expected<vips::VImage> nearLosslessPixels(vips::VImage image, int step, const CancelToken& cancel);

}  // namespace imgopt

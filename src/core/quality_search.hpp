#pragma once
// Stage 5a (quality auto): per image, the smallest encoding whose distance to the source stays within the
// visual target. The source's pixels are decoded once; candidates are encoded into memory, decoded and
// scored (perceptual_metric.hpp), first on a sample of the image (search_sample.hpp) and then, for the
// quality the sample found, on the whole image, which gives the recorded score. A secant search on the
// margin to the limits needs four to six candidates; the trials are bounded. JPEG never goes above the
// source's own quality (jpeg_quality.hpp); PNG chooses between a palette, near-lossless truecolour
// (near_lossless_png.hpp) and lossless. The searcher itself: quality_searcher.hpp.
// Thread rules: one call per task on its worker thread; the call owns every image it makes.

#include <cstdint>
#include <optional>
#include <string>

#include "imgopt/options.hpp"
#include "jpeg_quality.hpp"
#include "savers.hpp"

namespace imgopt {

struct SearchPlan {
    VisualTarget target = VisualTarget::High;
    std::optional<JpegTables> sourceTables;  // a JPEG input's: its quality caps a JPEG output
    // The original's size when it may stand in for the result (same format, same size); 0 when it may not.
    std::uint64_t originalBytes = 0;
};

struct SearchOutcome {
    int quality = 0;  // of the bytes returned; 100 = the lossless preset
    // How those bytes encode the image: "lossy", "lossy-444" (JPEG with full chroma), "palette",
    // "near-lossless" (PNG, quality = 100 - the rounding step) or "lossless".
    std::string encoding;
    double score = 0;                  // SSIM of those bytes against the source's pixels
    int trials = 0;                    // candidates encoded, on the sample and on the whole image
    std::optional<int> sourceQuality;  // from sourceTables
    double seconds = 0;                // the whole search, the decode of the source included
    // The original meets the target and no candidate that does is smaller: keep it ("already optimized").
    // The result then holds no bytes.
    bool keepOriginal = false;
};

struct SearchResult {
    detail::Bytes bytes;
    SearchOutcome outcome;
};

// The output formats the search handles: JPEG, PNG, WebP and AVIF.
bool searchableFormat(ImageFormat format);
// True when the search handles `format` for this request: JPEG, PNG, WebP and AVIF stills of 16x16 pixels
// or more. Everything else is encoded at the fixed fallback quality.
bool searchApplies(ImageFormat format, const detail::SaveRequest& request);

// `request` holds the prepared image (lazy; decoded here once) and the output's settings. Libvips failures
// and a cancel come back as the saver's errors.
Expected<SearchResult> searchQuality(const detail::SaveRequest& request, ImageFormat format,
                                     const SearchPlan& plan);

// Working memory a search adds to an encode of an image this size: the source, its comparable copy and a
// candidate with its comparable copy, in memory at once.
std::uint64_t searchMemoryBytes(int width, int height, int bands);

}  // namespace imgopt

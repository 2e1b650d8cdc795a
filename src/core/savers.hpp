#pragma once
// One saver per output format, as libvips has one saver per file (foreign/*save.c). The format registry
// (format.cpp) holds a pointer to each; the encoder fills a SaveRequest and calls the one it finds there.
// Thread rules: savers are reentrant; the request's image is only read.

#include <cstdint>
#include <filesystem>
#include <vector>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"

namespace imgopt::detail {

struct SaveRequest {
    vips::VImage image;  // upright, in the output format's colour space and sample format
    int quality = 90;    // 1..100; 100 selects the format's lossless preset
    MetadataMode metadata = MetadataMode::Icc;
    bool animated = false;         // several frames stacked vertically (page-height)
    std::filesystem::path source;  // for error messages: which file a libvips failure was about
    ImageFormat sourceFormat = ImageFormat::Unknown;
    const CancelToken* cancel = nullptr;
    // Set by the quality search (quality_search.cpp) to try its candidates; the defaults are the presets.
    double dither = -1;       // PNG palette: error-diffusion amount, 0..1; -1 = the preset's
    bool fullChroma = false;  // JPEG: keep every chroma sample (4:4:4) below the lossless preset
    // PNG lossless: zlib level 0..9; near-lossless: libdeflate level 1..12; -1 = the preset's.
    int pngCompression = -1;
    // PNG below the lossless preset: near-lossless truecolour (near_lossless_png.hpp) instead of a palette.
    bool nearLossless = false;

    bool lossless() const { return quality >= 100; }
    // Whether the saver may leave all metadata out: `none`, or `icc` on an image with no profile to keep.
    // libvips then skips building an EXIF block that the scrubber would only remove again.
    bool strip() const {
        return metadata == MetadataMode::None ||
               (metadata == MetadataMode::Icc && image.get_typeof(VIPS_META_ICC_NAME) == 0);
    }
};

using Bytes = std::vector<std::uint8_t>;

// Each encodes into memory; the caller writes the bytes with its own I/O, so a write error is told by our
// own errno, and a result that is not smaller never touches the disk.
Expected<Bytes> saveJpeg(const SaveRequest& request);
Expected<Bytes> savePng(const SaveRequest& request);
Expected<Bytes> saveWebp(const SaveRequest& request);
Expected<Bytes> saveAvif(const SaveRequest& request);
Expected<Bytes> saveTiff(const SaveRequest& request);
Expected<Bytes> saveGif(const SaveRequest& request);

// The Error for a libvips save that threw. Nothing is written to disk while saving, so the failure is the
// input's (its pipeline decodes while it encodes), a cancel, or the encoder's own. Takes (and clears)
// libvips' error text of the failed call when it is certainly this call's (vips_errors.hpp). Call it only
// from the catch block of that call.
Unexpected<Error> saveFailure(const SaveRequest& request);

// Copies the bytes of a libvips *save_buffer call's result, and releases it.
Bytes takeBlob(VipsBlob* blob);

}  // namespace imgopt::detail

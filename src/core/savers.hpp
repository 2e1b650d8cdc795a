#pragma once
// One saver per output format, as libvips has one saver per file (foreign/*save.c). The format registry
// (format.cpp) holds a pointer to each; the encoder fills a SaveRequest and calls the one it finds there.
// Thread rules: savers are reentrant; the request's image is only read.

#include <filesystem>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"

namespace imgopt::detail {

struct SaveRequest {
    vips::VImage image;               // upright, in the output format's colour space and sample format
    int quality = 90;                 // 1..100; 100 selects the format's lossless preset
    MetadataMode metadata = MetadataMode::Icc;
    bool animated = false;            // several frames stacked vertically (page-height)
    std::filesystem::path source;     // for error messages: which file a libvips failure was about
    ImageFormat sourceFormat = ImageFormat::Unknown;
    std::filesystem::path destination;
    const CancelToken* cancel = nullptr;

    bool lossless() const { return quality >= 100; }
    bool strip() const { return metadata == MetadataMode::None; }
};

Status saveJpeg(const SaveRequest& request);
Status savePng(const SaveRequest& request);
Status saveWebp(const SaveRequest& request);
Status saveAvif(const SaveRequest& request);
Status saveTiff(const SaveRequest& request);
Status saveGif(const SaveRequest& request);

// The Error for a libvips save that threw. Its pipeline decodes the input while it writes, so libvips' text
// says which side failed. Takes (and clears) libvips' error text for this request's files.
Unexpected<Error> saveFailure(const SaveRequest& request);

}  // namespace imgopt::detail

#pragma once
// Stage 5, encode: load (shrink-on-load), make upright, fix colour and metadata, and hand the pixels to the
// output format's saver (savers.hpp).
// Thread-safe: each call owns its libvips images. Libvips errors are read and cleared within the call.

#include <cstdint>
#include <optional>
#include <vector>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"
#include "quality_search.hpp"

namespace imgopt {

struct EncodedImage {
    int width = 0;  // dimensions of one frame
    int height = 0;
    std::vector<std::uint8_t> bytes;      // the whole output file; empty when the search keeps the original
    std::optional<SearchOutcome> search;  // quality auto: what the visual-quality search found
};

// Encodes `task.source.path` as `task.outputFormat`, into memory. With quality auto the search
// (quality_search.hpp) picks the quality. A set `cancel` kills the running libvips pipeline (Error
// Cancelled).
Expected<EncodedImage> encodeImage(const PlannedTask& task, const Options& options,
                                   const CancelToken& cancel);

}  // namespace imgopt

#pragma once
// Stage 5, encode: load (shrink-on-load), make upright, fix colour and metadata, and hand the pixels to the
// output format's saver (savers.hpp).
// Thread-safe: each call owns its libvips images. Libvips errors are read and cleared within the call.

#include <filesystem>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct EncodedImage {
    int width = 0;  // written dimensions (of one frame)
    int height = 0;
};

// Encodes `task.source.path` into `destination` (normally a temporary file) as `task.outputFormat`.
// A set `cancel` kills the running libvips pipeline (Error Cancelled); the caller removes the partial file.
Expected<EncodedImage> encodeImage(const PlannedTask& task, const Options& options,
                                   const std::filesystem::path& destination, const CancelToken& cancel);

}  // namespace imgopt

#pragma once
// Stage 5, encode: load (shrink-on-load), make upright, fix colour and metadata, and encode into a file.
// Thread-safe: each call owns its libvips images. Libvips errors are read and cleared within the call.

#include <filesystem>
#include <string>

#include "imgopt/cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct EncodeOutcome {
    bool ok = false;
    bool cancelled = false;
    int width = 0;   // written dimensions
    int height = 0;
    std::string error;
};

// Encodes `task.source.path` into `destination` (normally a temporary file) as `task.outputFormat`.
// A set `cancel` kills the running libvips pipeline; the caller removes the partial file.
EncodeOutcome encodeImage(const PlannedTask& task, const Options& options,
                          const std::filesystem::path& destination, const CancelToken& cancel);

}  // namespace imgopt

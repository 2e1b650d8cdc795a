#pragma once
// Stage 2, validate: reads what a file is from its bytes and its header, never decoding pixels.
// Thread-safe: called from pool workers in parallel.

#include <filesystem>
#include <string>
#include <variant>

#include "imgopt/task.hpp"

namespace imgopt {

struct HeaderError {
    std::string message;  // one clear sentence for the user
};

using HeaderResult = std::variant<ImageHeader, HeaderError>;

// Sniffs the loader from content (libvips' is_a checks), rejects empty files and formats outside the
// registry, and reads dimensions, bands, pages and orientation.
HeaderResult readHeader(const std::filesystem::path& path);

}  // namespace imgopt

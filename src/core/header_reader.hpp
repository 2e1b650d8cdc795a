#pragma once
// Stage 2, validate: reads what a file is from its bytes and its header, never decoding pixels.
// Thread-safe: called from pool workers in parallel.

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

// Sniffs the loader from content (libvips' is_a checks), rejects empty files and formats outside the
// registry, and reads dimensions, bands, pages and orientation. Errors: InputUnreadable, InputUnsupported,
// InputDamaged.
Expected<ImageHeader> readHeader(const std::filesystem::path& path);

// The same for a file held in memory (an encoder's output, before it is written).
Expected<ImageHeader> readHeader(const std::uint8_t* data, std::size_t size);

// Decodes every pixel of `path`, failing on any decoder warning: the check before an original is replaced.
Status decodesCompletely(const std::filesystem::path& path);

}  // namespace imgopt

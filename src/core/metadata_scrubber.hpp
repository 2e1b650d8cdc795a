#pragma once
// Removes the EXIF block that libvips 8.14 writes into every JPEG and WebP saved with strip=false (it builds
// one from resolution and orientation even when the image has none), for the metadata modes that promise no
// EXIF. Works on the container only; pixels and other metadata (the ICC profile) are untouched.
// Thread-safe: works on one file.

#include <cstdint>
#include <vector>

#include "imgopt/format.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

// The encoded file without its EXIF block, when it is a JPEG or WebP; other formats come back as they are.
Expected<std::vector<std::uint8_t>> removeExif(std::vector<std::uint8_t> encoded, ImageFormat format);

// An EXIF block (with or without JPEG's "Exif\0\0" prefix, kept as given) whose orientation says "upright",
// for outputs whose pixels were rotated: libvips' savers rewrite it, a writer of our own must too. The block
// comes back unchanged when it has no orientation; an error when libexif cannot parse it.
Expected<std::vector<std::uint8_t>> uprightExif(const std::uint8_t* data, std::size_t size);

}  // namespace imgopt

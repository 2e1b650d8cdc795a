#pragma once
// Removes the EXIF block that libvips 8.14 writes into every JPEG and WebP saved with strip=false (it builds
// one from resolution and orientation even when the image has none), for the metadata modes that promise no
// EXIF. Works on the container only; pixels and other metadata (the ICC profile) are untouched.
// Thread-safe: works on one file.

#include <filesystem>

#include "imgopt/format.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

// Rewrites `file` (a temporary output) without EXIF when it is a JPEG or WebP.
Status removeExif(const std::filesystem::path& file, ImageFormat format);

}  // namespace imgopt

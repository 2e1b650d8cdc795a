#pragma once
// libvips inside the core: start-up, loader sniffing and threads; error text is in vips_errors.hpp. The tools
// see only imgopt/runtime.hpp.

#include <string>

#include "imgopt/result.hpp"

namespace imgopt {

// The first call initialises libvips (imgopt::initialize() is this); later calls return the first outcome.
Status initVips(const char* argv0);

// The nickname ("jpegload") of the registry's loader whose signature check accepts the file's bytes, or ""
// when none does (or the file cannot be opened). libvips reads through a descriptor we opened, so a missing
// or vanished file writes nothing to libvips' error buffer (vips_errors.hpp says why that matters).
std::string findLoader(const std::string& file);

// libvips' worker threads per pipeline. Process-wide in libvips 8.14; set before a pipeline starts.
void setVipsThreads(int threads);

}  // namespace imgopt

#pragma once
// Process-wide set-up of the engine's image library (libvips), for the tools. Everything else about libvips
// stays inside the core.

#include <string>

#include "imgopt/result.hpp"

namespace imgopt {

// Starts libvips once, with untrusted loaders blocked and its operation cache off. Safe to call many times
// and from many threads; BatchEngine calls it too.
Status initialize(const char* argv0);

// Routes libvips' own warnings (e.g. "ignoring nclx profile") to stderr when `show`, else drops them.
void showLibraryWarnings(bool show);

// "8.14.1".
std::string libvipsVersion();

}  // namespace imgopt

#pragma once
// libvips inside the core: start-up, error text and threads. The tools see only imgopt/runtime.hpp.

#include <initializer_list>
#include <string>

#include "cancel_token.hpp"
#include "imgopt/result.hpp"

typedef struct _VipsImage VipsImage;

namespace imgopt {

// The first call initialises libvips (imgopt::initialize() is this); later calls return the first outcome.
Status initVips(const char* argv0);

// Reads and clears libvips' error buffer. The buffer is process-wide, so callers use this only right after
// a failing call, and treat the text as a detail.
std::string takeVipsError();

// Takes and clears the buffer, and returns only the lines that name one of `files` (by file name). Other
// workers may have appended their own failures meanwhile; those lines must not reach this file's result.
std::string takeVipsErrorFor(std::initializer_list<std::string> files);

// The nickname ("jpegload") of the loader libvips picks for a file by sniffing its bytes, or "" when none.
std::string findLoader(const std::string& file);

// Kills `image`'s pipeline while it evaluates once `token` is cancelled: the running save or copy then fails
// cleanly. The token must outlive every evaluation of the image.
void killWhenCancelled(VipsImage* image, const CancelToken* token);

// libvips' worker threads per pipeline. Process-wide in libvips 8.14; set before a pipeline starts.
void setVipsThreads(int threads);

}  // namespace imgopt

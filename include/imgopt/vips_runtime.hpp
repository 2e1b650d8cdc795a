#pragma once
// Process-wide libvips set-up: started once, untrusted loaders blocked, the operation cache kept small (it
// would otherwise hold decoded images), and error text read per task.

#include <initializer_list>
#include <string>

namespace imgopt {

// Safe to call many times and from many threads; the first call initialises libvips.
// Returns false (with `error`) when libvips cannot start.
bool initVips(const char* argv0, std::string* error = nullptr);

// Reads and clears libvips' error buffer. The buffer is process-wide, so callers use this only right after
// a failing call, and treat the text as a detail.
std::string takeVipsError();

// Takes and clears the buffer, and returns only the lines that name one of `files` (by file name). Other
// workers may have appended their own failures meanwhile; those lines must not reach this file's result.
std::string takeVipsErrorFor(std::initializer_list<std::string> files);

// Routes libvips' g_warning output (e.g. "ignoring nclx profile") away from stderr unless `show`.
void showVipsWarnings(bool show);

std::string vipsVersion();

// The nickname ("jpegload") of the loader libvips picks for a file by sniffing its bytes, or "" when none.
std::string findLoader(const std::string& file);

// libvips' worker threads per pipeline. Process-wide in libvips 8.14; set before a pipeline starts.
void setVipsThreads(int threads);
int vipsThreads();

}  // namespace imgopt

#pragma once
// libvips inside the core: start-up, error text and threads. The tools see only imgopt/runtime.hpp.

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

// The first call initialises libvips (imgopt::initialize() is this); later calls return the first outcome.
Status initVips(const char* argv0);

// Reads and clears libvips' error buffer. The buffer is process-wide, so callers use this only right after
// a failing call, and treat the text as a detail.
std::string takeVipsError();

// Takes and clears the buffer, and returns only the lines that name one of `files` (by file name). Other
// workers may have appended their own failures meanwhile; those lines must not reach this file's result.
std::string takeVipsErrorFor(std::initializer_list<std::string> files);

// The file opened once, as a libvips source without a file name. Loaders find their format by sniffing the
// source's buffered first bytes; with a name, libvips 8.14 also ran every file-only loader's sniffer on the
// path (OpenSlide opened each file four times, through SQLite): 26 opens of a 96x64 JPEG before it was read.
Expected<vips::VSource> openSource(const std::filesystem::path& path);

// Kills `image`'s pipeline while it evaluates once `token` is cancelled: the running save or copy then fails
// cleanly. The token must outlive every evaluation of the image.
void killWhenCancelled(VipsImage* image, const CancelToken* token);

// Threads for the task about to start on the calling thread: libvips' pipeline threads (process-wide in
// libvips 8.14, read when a pipeline starts) and the OpenMP threads of parallel regions this thread starts
// (libimagequant's). Without the latter, two workers each ran OpenMP teams of one thread per core, whose idle
// members spin: 5 % of a palette PNG's CPU time.
void setTaskThreads(int threads);

}  // namespace imgopt

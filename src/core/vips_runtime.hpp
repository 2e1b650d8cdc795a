#pragma once
// libvips inside the core: start-up, opening inputs and threads; error text is in vips_errors.hpp. The tools
// see only imgopt/runtime.hpp.

#include <glib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

// The first call initialises libvips (imgopt::initialize() is this); later calls return the first outcome.
Status initVips(const char* argv0);

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

// Below this many pixels an image's pipeline runs in the calling thread: one libvips thread per task, and
// pixels read through a region rather than a sink. A sink (write_to_memory, a saver) starts a thread pool
// and hands work across threads, which costs more than a few hundred thousand pixels take to process
// (docs/benchmarks.md, "Per-file cost").
inline constexpr std::uint64_t kInThreadPixels = 1'000'000;

// Whether to read `image` in the calling thread: it is under kInThreadPixels, and the task on this thread was
// not given more than one libvips thread (setTaskThreads). A task that was, a large source running alone,
// gets its pipeline run by libvips' thread pool even when the result is small: the shrink before it is the
// work (one 3840x2400 JPEG to 900 pixels: median 0.32 s against 0.38 s in this thread; docs/benchmarks.md,
// "Per-file cost").
bool runsInThread(const vips::VImage& image);

// Rows per region request when a pipeline is read in the calling thread (the JPEG, WebP and palette PNG
// writers).
inline constexpr int kStripRows = 64;

// Rows y.. of the region's image, kStripRows of them (fewer at the bottom), evaluated in the calling thread.
// The pixels belong to the region and stay valid until its next read. Throws vips::VError when the pipeline
// fails.
struct Strip {
    int rows = 0;
    const VipsPel* pixels = nullptr;
    std::size_t stride = 0;  // bytes from one row to the next
};
Strip readStrip(const vips::VRegion& region, int y);

// A blob field of `image` (VIPS_META_ICC_NAME, _EXIF_, _XMP_), or nothing when it is absent or empty. The
// bytes belong to the image.
std::optional<std::span<const std::uint8_t>> imageBlob(const vips::VImage& image, const char* field);

// The image's ICC profile when it describes these pixels, as libvips' savers decide: a CMYK source turned
// into sRGB still carries its CMYK profile, which the writers leave out.
std::optional<std::span<const std::uint8_t>> pixelsProfile(const vips::VImage& image);

// The image's pixels in one g_malloc'ed block, rows packed, like vips_image_write_to_memory(); small images
// (runsInThread()) are read through a region in this thread. Throws vips::VError when the pipeline fails.
struct MemoryPixels {
    std::unique_ptr<void, decltype(&g_free)> data{nullptr, g_free};
    std::size_t size = 0;
};
MemoryPixels pixelsInMemory(const vips::VImage& image);

}  // namespace imgopt

#include "vips_runtime.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <vips/vips.h>
#ifdef IMGOPT_HAVE_OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "imgopt/runtime.hpp"
#include "vips_errors.hpp"

namespace imgopt {
namespace {
std::once_flag g_once;
bool g_ok = false;
std::string g_error;
// The libvips threads of the task running on this thread; 0 on a thread that never set them.
thread_local int t_taskThreads = 0;
}  // namespace

Status initVips(const char* argv0) {
    std::call_once(g_once, [argv0] {
        if (VIPS_INIT(argv0 ? argv0 : "imgopt") != 0) {
            g_error = vips_error_buffer();
            vips_error_clear();
            return;
        }
        // Loaders that go through ImageMagick, PDF renderers and the like are not fuzzed for untrusted input.
        vips_block_untrusted_set(TRUE);
        // The operation cache would keep decoded images of finished tasks alive; a batch never repeats work.
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
        vips_cache_set_max_files(0);
        vips_leak_set(FALSE);
        g_ok = true;
    });
    if (!g_ok) return fail(ErrorCode::Internal, "cannot start libvips: " + g_error);
    return {};
}

Status initialize(const char* argv0) { return initVips(argv0); }

namespace {
// libvips calls this from its worker threads while a pipeline evaluates.
void onEval(VipsImage* image, VipsProgress*, void* user) {
    if (static_cast<const CancelToken*>(user)->cancelled()) vips_image_set_kill(image, TRUE);
}
}  // namespace

void killWhenCancelled(VipsImage* image, const CancelToken* token) {
    vips_image_set_progress(image, TRUE);
    g_signal_connect(image, "eval", G_CALLBACK(onEval), const_cast<CancelToken*>(token));
}

std::string libvipsVersion() { return vips_version_string(); }

namespace {
void dropLog(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}
}  // namespace

void showLibraryWarnings(bool show) {
    static guint handler = 0;
    if (!show && handler == 0) handler = g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, dropLog, nullptr);
    if (show && handler != 0) {
        g_log_remove_handler("VIPS", handler);
        handler = 0;
    }
}

Expected<vips::VSource> openSource(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return fail(ErrorCode::InputUnreadable,
                    err == EACCES ? std::string("cannot open file for reading (permission denied)")
                                  : fmt::format("cannot open file for reading: {}", std::strerror(err)));
    }
    const VipsCall call;
    VipsSource* source = vips_source_new_from_descriptor(fd);  // takes a duplicate of the descriptor
    ::close(fd);
    if (!source) {
        const std::string detail = takeVipsError();
        return fail(ErrorCode::InputUnreadable, "cannot read file" + (detail.empty() ? "" : ": " + detail));
    }
    return vips::VSource(source);
}

void setTaskThreads(int threads) {
    threads = threads < 1 ? 1 : threads;
    t_taskThreads = threads;
    vips_concurrency_set(threads);
#ifdef IMGOPT_HAVE_OPENMP
    omp_set_num_threads(threads);
#endif
}

bool runsInThread(const vips::VImage& image) {
    if (t_taskThreads > 1) return false;
    return std::uint64_t(image.width()) * std::uint64_t(image.height()) < kInThreadPixels;
}

std::optional<std::span<const std::uint8_t>> imageBlob(const vips::VImage& image, const char* field) {
    if (image.get_typeof(field) == 0) return std::nullopt;
    const void* data = nullptr;
    std::size_t size = 0;
    if (vips_image_get_blob(image.get_image(), field, &data, &size) || size == 0) return std::nullopt;
    return std::span(static_cast<const std::uint8_t*>(data), size);
}

std::optional<std::span<const std::uint8_t>> pixelsProfile(const vips::VImage& image) {
    auto icc = imageBlob(image, VIPS_META_ICC_NAME);
    if (icc && !vips_icc_is_compatible_profile(image.get_image(), icc->data(), icc->size()))
        return std::nullopt;
    return icc;
}

Strip readStrip(const vips::VRegion& region, int y) {
    const VipsImage* image = region.get_region()->im;
    Strip strip;
    strip.rows = std::min(kStripRows, image->Ysize - y);
    region.prepare(0, y, image->Xsize, strip.rows);
    strip.pixels = region.addr();
    strip.stride = std::size_t(VIPS_REGION_LSKIP(region.get_region()));
    return strip;
}

MemoryPixels pixelsInMemory(const vips::VImage& image) {
    MemoryPixels out;
    if (!runsInThread(image)) {
        out.data.reset(image.write_to_memory(&out.size));
        return out;
    }
    const std::size_t line = VIPS_IMAGE_SIZEOF_LINE(image.get_image());
    out.size = line * std::size_t(image.height());
    out.data.reset(g_malloc(out.size));
    auto* dst = static_cast<VipsPel*>(out.data.get());
    const vips::VRegion region = vips::VRegion::new_from_image(image);
    for (int y = 0; y < image.height(); y += kStripRows) {
        const Strip strip = readStrip(region, y);
        for (int r = 0; r < strip.rows; ++r)
            std::memcpy(dst + std::size_t(y + r) * line, strip.pixels + r * strip.stride, line);
    }
    return out;
}

}  // namespace imgopt

#include "vips_runtime.hpp"

#include "imgopt/runtime.hpp"

#include <mutex>
#include <vector>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <vips/vips.h>
#ifdef IMGOPT_HAVE_OPENMP
#include <omp.h>
#endif

namespace imgopt {
namespace {
std::once_flag g_once;
bool g_ok = false;
std::string g_error;
std::mutex g_errorMutex;
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

std::string takeVipsError() {
    std::lock_guard lock(g_errorMutex);
    std::string text = vips_error_buffer();
    vips_error_clear();
    // One line per message, as a row in a table or a line of CLI output needs.
    std::string joined;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        if (!line.empty()) joined += (joined.empty() ? "" : "; ") + line;
        pos = end + 1;
    }
    return joined;
}

std::string takeVipsErrorFor(std::initializer_list<std::string> files) {
    const std::string all = takeVipsError();
    std::vector<std::string> names;
    for (const auto& file : files) {
        const auto slash = file.find_last_of('/');
        names.push_back(slash == std::string::npos ? file : file.substr(slash + 1));
    }
    std::string kept;
    std::size_t pos = 0;
    while (pos < all.size()) {
        auto end = all.find('\n', pos);
        if (end == std::string::npos) end = all.size();
        const std::string line = all.substr(pos, end - pos);
        for (const auto& name : names)
            if (!name.empty() && line.find(name) != std::string::npos) {
                kept += (kept.empty() ? "" : "; ") + line;
                break;
            }
        pos = end + 1;
    }
    return kept;
}

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
    VipsSource* source = vips_source_new_from_descriptor(fd);  // takes a duplicate of the descriptor
    ::close(fd);
    if (!source) return fail(ErrorCode::InputUnreadable, "cannot read file: " + takeVipsError());
    return vips::VSource(source);
}



void setTaskThreads(int threads) {
    threads = threads < 1 ? 1 : threads;
    vips_concurrency_set(threads);
#ifdef IMGOPT_HAVE_OPENMP
    omp_set_num_threads(threads);
#endif
}

}  // namespace imgopt

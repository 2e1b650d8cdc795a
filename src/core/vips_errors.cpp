#include "vips_errors.hpp"

#include <vips/vips.h>

#include <mutex>
#include <set>
#include <string_view>
#include <vector>

namespace imgopt {
namespace {

struct Call {
    bool overlapped = false;  // guarded by g_mutex
};

std::mutex g_mutex;         // the one lock around libvips' error buffer and the running calls
std::set<Call*> g_running;  // guarded by g_mutex
thread_local Call* t_call = nullptr;
thread_local int t_depth = 0;
thread_local Call t_storage;

std::string drainLocked() {
    char* raw = vips_error_buffer_copy();  // takes and clears in one step, under libvips' own lock
    std::string text = raw ? raw : "";
    g_free(raw);
    std::string joined;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        if (end > pos) joined += (joined.empty() ? "" : "; ") + text.substr(pos, end - pos);
        pos = end + 1;
    }
    return joined;
}

}  // namespace

VipsCall::VipsCall() {
    if (t_depth++ > 0) return;  // nested: part of the outer call
    std::lock_guard lock(g_mutex);
    t_storage.overlapped = !g_running.empty();
    if (g_running.empty()) (void)drainLocked();  // left by work that took no text: nobody's
    for (Call* other : g_running) other->overlapped = true;
    t_call = &t_storage;
    g_running.insert(t_call);
}

VipsCall::~VipsCall() {
    if (--t_depth > 0) return;
    std::lock_guard lock(g_mutex);
    g_running.erase(t_call);
    t_call = nullptr;
}

std::string takeVipsError() {
    std::lock_guard lock(g_mutex);
    std::string text = drainLocked();
    if (!t_call || t_call->overlapped) return {};
    return text;
}

Unexpected<Error> sourcePixelsFailure(bool cancelled) {
    const std::string detail = takeVipsError();  // taken (and cleared) either way
    if (cancelled) return fail(ErrorCode::Cancelled, "cancelled");
    return fail(ErrorCode::InputDamaged, "cannot decode the source image: the data is damaged or truncated" +
                                             (detail.empty() ? std::string() : " (" + detail + ")"));
}

}  // namespace imgopt

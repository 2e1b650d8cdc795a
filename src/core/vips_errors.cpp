#include "vips_errors.hpp"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <vector>

namespace imgopt {
namespace {

std::mutex g_mutex;  // the one lock around libvips' error buffer

std::vector<std::string> lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        if (end > pos) out.emplace_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Takes and clears the buffer in one step (vips_error_buffer_copy holds libvips' own lock); needs g_mutex.
std::vector<std::string> drainLocked() {
    char* raw = vips_error_buffer_copy();
    std::vector<std::string> out = lines(raw ? raw : "");
    g_free(raw);
    return out;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

}  // namespace

std::string takeVipsError(const vips::VError& failure) {
    std::vector<std::string> wanted = lines(failure.what());
    std::vector<std::string> mine;
    std::lock_guard lock(g_mutex);
    for (auto& line : drainLocked()) {
        if (auto it = std::find(wanted.begin(), wanted.end(), line); it != wanted.end()) {
            wanted.erase(it);
            mine.push_back(std::move(line));
        } else {
            // Added after this call failed: another call's, which takes it when it fails.
            vips_error(nullptr, "%s", line.c_str());
        }
    }
    return joined(mine);
}

std::string takeVipsError() {
    std::lock_guard lock(g_mutex);
    return joined(drainLocked());
}

}  // namespace imgopt

#include "full_disk_guard.hpp"

#include <sys/stat.h>

#include <optional>

namespace fs = std::filesystem;

namespace imgopt {
namespace {

// The device of the nearest existing folder on the way to `output`: where its bytes would land.
std::optional<dev_t> deviceOf(const fs::path& output) {
    struct stat st {};
    for (fs::path p = output.parent_path(); !p.empty(); p = p.parent_path()) {
        if (::stat(p.c_str(), &st) == 0) return st.st_dev;
        if (p == p.parent_path()) break;
    }
    return std::nullopt;
}

}  // namespace

bool FullDiskGuard::full(const fs::path& output) const {
    {
        std::lock_guard lock(mutex_);
        if (full_.empty()) return false;  // the common case costs no stat
    }
    const auto dev = deviceOf(output);
    std::lock_guard lock(mutex_);
    return dev && full_.count(*dev) != 0;
}

bool FullDiskGuard::markFull(const fs::path& output) {
    const auto dev = deviceOf(output);
    if (!dev) return true;
    std::lock_guard lock(mutex_);
    return full_.insert(*dev).second;
}

Error FullDiskGuard::notStarted() {
    return Error{ErrorCode::NoSpace, "not started: the output disk is full"};
}

Error FullDiskGuard::notWritten() {
    return Error{ErrorCode::NoSpace, "not written: the output disk is full"};
}

}  // namespace imgopt

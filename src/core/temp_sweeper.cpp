#include "temp_sweeper.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <fstream>
#include <sstream>
#include <string>

#include "safe_writer.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

// Boot time in seconds since the epoch (/proc/stat "btime"), 0 when unknown.
std::int64_t bootTime() {
    static const std::int64_t cached = [] {
        std::ifstream in("/proc/stat");
        std::string key;
        std::int64_t value = 0;
        while (in >> key) {
            if (key == "btime" && in >> value) return value;
            in.ignore(1 << 20, '\n');
        }
        return std::int64_t(0);
    }();
    return cached;
}

// When `pid` started, in nanoseconds since the epoch; 0 when unknown (no /proc, or the process is gone).
std::int64_t processStart(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) return 0;
    // The command name (field 2) may hold spaces and parentheses; the fields after the last ')' are plain.
    const auto close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    std::uint64_t ticks = 0;
    // Field 3 is the state; starttime is field 22.
    for (int i = 3; i <= 22 && rest >> field; ++i)
        if (i == 22) std::from_chars(field.data(), field.data() + field.size(), ticks);
    const long hz = ::sysconf(_SC_CLK_TCK);
    if (ticks == 0 || hz <= 0 || bootTime() == 0) return 0;
    return bootTime() * 1'000'000'000 + std::int64_t(ticks) * (1'000'000'000 / hz);
}

std::int64_t modifiedNs(const fs::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0) return 0;
    return std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

pid_t tempFileOwner(const fs::path& file) {
    if (!TempFile::isTempName(file)) return 0;
    const std::string name = file.filename().string();
    const std::size_t start = std::string(".imgopt-").size();
    const std::size_t end = name.find('-', start);
    if (end == std::string::npos) return 0;
    pid_t pid = 0;
    const auto [ptr, ec] = std::from_chars(name.data() + start, name.data() + end, pid);
    if (ec != std::errc() || ptr != name.data() + end || pid <= 0) return 0;
    return pid;
}

bool ownerAlive(pid_t pid, std::int64_t writtenAtNs) {
    if (pid == ::getpid()) return true;
    if (::kill(pid, 0) != 0 && errno == ESRCH) return false;
    const std::int64_t started = processStart(pid);
    // A second of slack for clock granularity; unknown start times count as alive.
    return started == 0 || started <= writtenAtNs + 1'000'000'000;
}

int TempSweeper::sweepOnce(const fs::path& folder) {
    {
        std::lock_guard lock(mutex_);
        if (!swept_.insert(folder).second) return 0;
    }
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const pid_t owner = tempFileOwner(p);
        if (owner == 0 || !fs::is_regular_file(it->symlink_status(ec)) || ownerAlive(owner, modifiedNs(p)))
            continue;
        if (::unlink(p.c_str()) == 0) ++removed;
    }
    std::lock_guard lock(mutex_);
    removed_ += removed;
    return removed;
}

int TempSweeper::removed() const {
    std::lock_guard lock(mutex_);
    return removed_;
}

}  // namespace imgopt

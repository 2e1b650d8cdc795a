#include "imgopt/memory_probe.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace imgopt {
namespace {

std::optional<std::uint64_t> readNumber(const std::string& path) {
    std::ifstream in(path);
    std::string s;
    if (!(in >> s) || s == "max") return std::nullopt;
    try {
        const auto v = std::stoull(s);
        // cgroup v1 reports "no limit" as a huge page-aligned number.
        if (v >= (1ull << 60)) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

// The process's own cgroup (v2 unified line "0::/path"), or "" when unknown.
std::string cgroupV2Path() {
    std::ifstream in("/proc/self/cgroup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("0::", 0) == 0) return "/sys/fs/cgroup" + line.substr(3);
    return {};
}

}  // namespace

MemorySample SystemMemoryProbe::sample() const {
    MemorySample s;
    {
        std::ifstream in("/proc/meminfo");
        std::string key, unit;
        std::uint64_t value = 0;
        while (in >> key >> value) {
            std::getline(in, unit);
            if (key == "MemTotal:") s.totalBytes = value * 1024;
            if (key == "MemAvailable:") s.availableBytes = value * 1024;
        }
    }
    const std::string v2 = cgroupV2Path();
    if (!v2.empty()) {
        s.cgroupLimit = readNumber(v2 + "/memory.max");
        s.cgroupUsage = readNumber(v2 + "/memory.current");
        // Containers often see their own cgroup as the root: fall back to the root files.
        if (!s.cgroupUsage) s.cgroupUsage = readNumber("/sys/fs/cgroup/memory.current");
        if (!s.cgroupLimit) s.cgroupLimit = readNumber("/sys/fs/cgroup/memory.max");
    }
    if (!s.cgroupLimit && !s.cgroupUsage) {
        s.cgroupLimit = readNumber("/sys/fs/cgroup/memory/memory.limit_in_bytes");
        s.cgroupUsage = readNumber("/sys/fs/cgroup/memory/memory.usage_in_bytes");
    }
    if (s.cgroupLimit && s.cgroupUsage) {
        const auto headroom = *s.cgroupLimit > *s.cgroupUsage ? *s.cgroupLimit - *s.cgroupUsage : 0;
        s.availableBytes = std::min(s.availableBytes, headroom);
    }
    {
        std::ifstream in("/proc/self/statm");
        std::uint64_t size = 0, resident = 0;
        if (in >> size >> resident) s.rssBytes = resident * std::uint64_t(::sysconf(_SC_PAGESIZE));
    }
    return s;
}

std::uint64_t peakRssBytes() {
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return std::uint64_t(ru.ru_maxrss) * 1024;
}

}  // namespace imgopt

#include "imgopt/memory_probe.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "process_memory.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

std::optional<std::uint64_t> readNumber(const fs::path& path) {
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

// The process's own cgroup v2 path ("0::/path" in /proc/self/cgroup), relative to the cgroup mount.
std::optional<std::string> cgroupV2Path(const fs::path& root) {
    std::ifstream in(root / "proc/self/cgroup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("0::", 0) == 0) return line.substr(3);
    return std::nullopt;
}

void readMeminfo(const fs::path& root, MemorySample& s) {
    std::ifstream in(root / "proc/meminfo");
    std::string key, unit;
    std::uint64_t value = 0;
    while (in >> key >> value) {
        std::getline(in, unit);
        if (key == "MemTotal:") s.totalBytes = value * 1024;
        if (key == "MemAvailable:") s.availableBytes = value * 1024;
    }
}

void readCgroup(const fs::path& root, MemorySample& s) {
    const fs::path mount = root / "sys/fs/cgroup";
    if (const auto v2 = cgroupV2Path(root)) {
        const fs::path own = mount / fs::path(*v2).relative_path();
        s.cgroupLimit = readNumber(own / "memory.max");
        s.cgroupUsage = readNumber(own / "memory.current");
        // Containers often see their own cgroup as the root: fall back to the root files.
        if (!s.cgroupUsage) s.cgroupUsage = readNumber(mount / "memory.current");
        if (!s.cgroupLimit) s.cgroupLimit = readNumber(mount / "memory.max");
    }
    if (!s.cgroupLimit && !s.cgroupUsage) {
        s.cgroupLimit = readNumber(mount / "memory/memory.limit_in_bytes");
        s.cgroupUsage = readNumber(mount / "memory/memory.usage_in_bytes");
    }
    if (s.cgroupLimit && s.cgroupUsage) {
        const auto headroom = *s.cgroupLimit > *s.cgroupUsage ? *s.cgroupLimit - *s.cgroupUsage : 0;
        s.availableBytes = std::min(s.availableBytes, headroom);
    }
}

}  // namespace

SystemMemoryProbe::SystemMemoryProbe(fs::path root) : root_(std::move(root)) {}

MemorySample SystemMemoryProbe::sample() const {
    MemorySample s;
    readMeminfo(root_, s);
    readCgroup(root_, s);
    std::ifstream in(root_ / "proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    if (in >> size >> resident) s.rssBytes = resident * std::uint64_t(::sysconf(_SC_PAGESIZE));
    return s;
}

void resetPeakRss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

std::optional<std::uint64_t> peakRssSinceReset() {
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmHWM:") {
            std::uint64_t kb = 0;
            if (in >> kb) return kb * 1024;
            return std::nullopt;
        }
        std::getline(in, key);
    }
    return std::nullopt;
}

}  // namespace imgopt

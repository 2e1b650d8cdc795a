#include <dlfcn.h>
#include <sys/utsname.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <thread>

#include "imgopt/progress.hpp"
#include "imgopt/runtime.hpp"
#include "report_builder.hpp"
#include "tally.hpp"

namespace imgopt {

Percentiles percentiles(std::vector<double> v) {
    Percentiles p;
    if (v.empty()) return p;
    std::sort(v.begin(), v.end());
    // Nearest-rank: every printed value is one that was measured.
    auto rank = [&](double q) {
        const auto idx = std::size_t(std::max(0.0, std::ceil(q * double(v.size())) - 1));
        return v[std::min(idx, v.size() - 1)];
    };
    p.p50 = rank(0.50);
    p.p90 = rank(0.90);
    p.p99 = rank(0.99);
    p.max = v.back();
    p.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    return p;
}

void summarise(RunReport& r) {
    ReportSummary s;
    s.wallSeconds = r.summary.wallSeconds;
    s.pausedSeconds = r.summary.pausedSeconds;
    std::vector<double> process, wait;
    double scoreSum = 0;
    for (const auto& f : r.files) {
        s.searchSeconds += f.timings.searchSeconds;
        if (f.score && hasOutput(f.status)) {
            ++s.scored;
            scoreSum += *f.score;
            s.minScore = s.minScore ? std::min(*s.minScore, *f.score) : *f.score;
        }
        ++s.files;
        tally(s, f);
        if (f.timings.processSeconds > 0) process.push_back(f.timings.processSeconds);
        // Only tasks that ran have waited in the queue; one cancelled while queued has no wait to report.
        if (f.batch != 0 && f.worker >= 0) wait.push_back(f.timings.queueWaitSeconds);
    }
    s.savedBytes = std::int64_t(s.inputBytes) - std::int64_t(s.outputBytes);
    if (s.scored > 0) s.meanScore = scoreSum / double(s.scored);
    r.summary = s;
    r.processSeconds = percentiles(process);
    r.queueWaitSeconds = percentiles(wait);
    r.imagesPerSecond = imagesPerSecond(s.optimized + s.keptOriginal, s.wallSeconds);
    r.inputMegabytesPerSecond = s.wallSeconds > 0 ? double(s.inputBytes) / 1e6 / s.wallSeconds : 0.0;
}

SystemInfo currentSystem() {
    SystemInfo s;
    {
        std::ifstream in("/proc/cpuinfo");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("model name", 0) == 0) {
                s.cpu = line.substr(line.find(':') + 2);
                break;
            }
    }
    s.cores = int(std::thread::hardware_concurrency());
    {
        std::ifstream in("/proc/meminfo");
        std::string key;
        std::uint64_t kb = 0;
        if (in >> key >> kb) s.memoryBytes = kb * 1024;
    }
    s.libvips = libvipsVersion();
    utsname u{};
    if (::uname(&u) == 0) s.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
    // Asked at run time, so the report names the allocator really in use (linked or LD_PRELOADed).
    s.allocator = ::dlsym(RTLD_DEFAULT, "mallctl") ? "jemalloc" : "glibc";
    if (const char* arenas = std::getenv("MALLOC_ARENA_MAX"); arenas && s.allocator == "glibc")
        s.allocator += std::string(" (MALLOC_ARENA_MAX=") + arenas + ")";
    if (const char* tunables = std::getenv("GLIBC_TUNABLES");
        tunables && std::strstr(tunables, "glibc.malloc.hugetlb=1") && s.allocator.rfind("glibc", 0) == 0)
        s.allocator += ", huge pages";
    return s;
}

}  // namespace imgopt

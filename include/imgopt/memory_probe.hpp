#pragma once
// Memory probes: total and available memory, the cgroup limit and usage, and our own RSS. The engine asks
// one before each admission; tests give it a fake one.
// Thread rules: sample() may be called from any thread.

#include <cstdint>
#include <filesystem>
#include <optional>

namespace imgopt {

struct MemorySample {
    double seconds = 0;                        // since the run started (set by the sampler)
    std::uint64_t totalBytes = 0;              // physical memory
    std::uint64_t availableBytes = 0;          // MemAvailable, capped by the cgroup's headroom
    std::optional<std::uint64_t> cgroupLimit;  // none when unlimited or not in a cgroup
    std::optional<std::uint64_t> cgroupUsage;
    std::uint64_t rssBytes = 0;  // this process
};

class MemoryProbe {
public:
    virtual ~MemoryProbe() = default;
    virtual MemorySample sample() const = 0;
};

// Reads /proc/meminfo, the process's cgroup v2 memory.max/memory.current (v1 memory.limit_in_bytes and
// memory.usage_in_bytes as a fallback) and /proc/self/statm, all below `root` (tests point it at a fixture
// tree; "/" in real use).
class SystemMemoryProbe final : public MemoryProbe {
public:
    explicit SystemMemoryProbe(std::filesystem::path root = "/");
    MemorySample sample() const override;

private:
    std::filesystem::path root_;
};

}  // namespace imgopt

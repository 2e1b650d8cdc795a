#pragma once
// Stage 1, scan: turns dropped paths into a stream of ScanItems. Recursive, symlink-safe (never loops, never
// leaves a dropped root through a link), de-duplicating, and blind to our own output folders.
// Thread rules: scan() runs on the calling thread and calls `onItem` there, in a stable (sorted) order.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "imgopt/options.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct ScanSummary {
    std::uint64_t files = 0;           // ScanItems produced
    std::uint64_t notImages = 0;       // files in folders whose content is no image format we read
    std::uint64_t hiddenSkipped = 0;
    std::uint64_t duplicates = 0;      // the same file reached twice
    std::vector<std::string> errors;   // unreadable folders, missing paths
};

class Scanner {
public:
    explicit Scanner(const Options& options);

    // Name of the folder our default output mode writes into; the scan never descends into one.
    static constexpr const char* kOptimizedDirName = "optimized";

    ScanSummary scan(const std::vector<std::filesystem::path>& inputs,
                     const std::function<void(ScanItem)>& onItem,
                     const std::atomic<bool>* cancel = nullptr);

private:
    void scanFolder(const std::filesystem::path& root, const std::function<void(ScanItem)>& onItem,
                    const std::atomic<bool>* cancel);
    bool admit(const std::filesystem::path& path, const std::filesystem::path& root, bool explicitFile,
               const std::function<void(ScanItem)>& onItem);
    bool isOwnOutputDir(const std::filesystem::path& dir) const;

    Options options_;
    ScanSummary summary_;
    std::vector<std::filesystem::path> seen_;  // canonical paths, kept sorted
    TaskId nextId_ = 1;
};

}  // namespace imgopt

#pragma once
// Stage 1, scan: turns dropped paths into a stream of ScanItems. Recursive, symlink-safe (never loops, never
// leaves a dropped root through a link), de-duplicating, and blind to our own output folders.
// A folder that cannot be read, or that vanishes while it is read, becomes one line in ScanSummary::errors
// and the scan goes on; scan() never throws.
// Thread rules: scan() runs on the calling thread and calls `onItem` there, in a stable (sorted) order.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

class Scanner {
public:
    explicit Scanner(const Options& options);

    ScanSummary scan(const std::vector<std::filesystem::path>& inputs,
                     const std::function<void(ScanItem)>& onItem, const CancelToken* cancel = nullptr);

private:
    void scanFolder(const std::filesystem::path& root, const std::function<void(ScanItem)>& onItem,
                    const CancelToken* cancel);
    bool admit(const std::filesystem::path& path, const std::filesystem::path& root, bool explicitFile,
               const std::function<void(ScanItem)>& onItem);
    bool isOwnOutputDir(const std::filesystem::path& dir) const;

    Options options_;
    ScanSummary summary_;
    std::vector<std::filesystem::path> seen_;  // canonical paths, kept sorted
    TaskId nextId_ = 1;
};

}  // namespace imgopt

#pragma once
// Stage 1, scan: turns dropped paths into a stream of ScanItems. Recursive, symlink-safe (never loops, never
// leaves a dropped root through a link), de-duplicating, and blind to our own output folders.
// A folder that cannot be read, or that vanishes while it is read, becomes one line in ScanSummary::errors
// and the scan goes on; scan() never throws.
// Thread rules: scan() runs on the calling thread and calls `onItem` there, in a stable (sorted) order.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <unordered_set>
#include <vector>

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

class Scanner {
public:
    explicit Scanner(const Options& options, std::optional<Shard> shard = {});

    ScanSummary scan(const std::vector<std::filesystem::path>& inputs,
                     const std::function<void(ScanItem)>& onItem, const CancelToken* cancel = nullptr);

private:
    void scanFolder(const std::filesystem::path& root, const std::function<void(ScanItem)>& onItem,
                    const CancelToken* cancel);
    bool admit(const std::filesystem::path& path, const std::filesystem::path& root, bool explicitFile,
               const std::function<void(ScanItem)>& onItem);
    bool isOwnOutputDir(const std::filesystem::path& dir) const;

    // Whether a file left out (hidden, not an image, a duplicate) counts in this process's ScanSummary: with
    // a shard, only its share does, so that merged shard reports count each file once.
    bool counts(const std::filesystem::path& path, const std::filesystem::path& root) const;

    Options options_;
    std::optional<Shard> shard_;
    ScanSummary summary_;
    // Canonical paths seen, by their 64-bit XXH3: a million files cost a few megabytes, not a copy of every
    // path (a collision, at odds of 2^-64 per pair, would count a file as a duplicate).
    std::unordered_set<std::uint64_t> seen_;
    TaskId nextId_ = 1;
};

}  // namespace imgopt

#pragma once
// The full-disk rule: once a write fails with "no space left" (ENOSPC, EDQUOT), no further task writes to
// that file system in this run. The first failure says so, once; tasks that have not started yet are
// answered as skipped ("not started: the output disk is full") instead of each failing with its own error,
// and a task that was already writing when the disk filled is skipped the same way ("not written").
// Other disks are unaffected.
//
// Thread rules: every method may be called from any worker; one mutex guards the set of full disks.

#include <sys/types.h>

#include <filesystem>
#include <mutex>
#include <set>

#include "imgopt/result.hpp"

namespace imgopt {

class FullDiskGuard {
public:
    // True when an earlier task found the disk that `output` would be written to full.
    bool full(const std::filesystem::path& output) const;
    // Records that writing `output` ran out of space. True for the first such failure on its disk.
    bool markFull(const std::filesystem::path& output);

    static Error notStarted();
    static Error notWritten();

private:
    mutable std::mutex mutex_;
    std::set<dev_t> full_;  // guarded by mutex_
};

}  // namespace imgopt

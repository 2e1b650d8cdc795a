#pragma once
// Stale temporary files. A process killed while writing (kill -9, a crash, a power cut) leaves its
// `.imgopt-<pid>-<n>-<k>.tmp` behind, and nothing else would ever remove it. At the start of a run each
// target folder is swept once: a temp file goes when the process that made it is gone, that is when no
// process has its pid, or the process with that pid started after the file was last written (the pid was
// reused). Files of live processes, this one included, are never touched.
//
// Limits: a run on another machine writing into the same network folder, or in another pid namespace, is
// not visible here; its files look stale. ImgOpt does not support two machines writing one folder at once.
//
// Thread rules: sweepOnce() may be called from any thread; one mutex guards the set of folders swept.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <set>

namespace imgopt {

class TempSweeper {
public:
    // Sweeps `folder` unless this sweeper already did (or is doing so); returns how many files it removed.
    int sweepOnce(const std::filesystem::path& folder);
    // Files removed so far.
    int removed() const;

private:
    mutable std::mutex mutex_;
    std::set<std::filesystem::path> swept_;  // guarded by mutex_
    int removed_ = 0;                        // guarded by mutex_
};

// The pid in a name TempFile made (".imgopt-1234-0-0.tmp"), or 0 when the name is not one of ours.
pid_t tempFileOwner(const std::filesystem::path& file);

// True when a process `pid` exists that was already running at `writtenAtNs` (nanoseconds since the epoch).
bool ownerAlive(pid_t pid, std::int64_t writtenAtNs);

}  // namespace imgopt

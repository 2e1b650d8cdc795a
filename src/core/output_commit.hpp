#pragma once
// Stage 6, the commit: how an encoded result (or the kept original's copy) becomes the task's output, with
// the run state told first, so that a process killed at any moment leaves nothing a rerun would duplicate.
//
// Not in place: verify the encoded bytes (in memory), write a temp file, record it (run_state.hpp), rename it
//               into place.
// In place:     verify the bytes, write and fsync a temp file, decode it fully from the disk, put the
//               original into the Trash (a second name for it: the original stays in place), record both,
//               fsync the folder, rename the temp over the original (atomic), fsync the folder again. At
//               every moment the path holds either the original or the new file, and once it holds the new
//               one the original is in the Trash.
//
// Thread-safe: called on workers; the services in TaskContext are thread-safe.

#include <string>
#include <vector>

#include "encoder.hpp"
#include "full_disk_guard.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"
#include "run_state.hpp"
#include "trash.hpp"

namespace imgopt {

// The run's shared services a task uses besides its plan. Each may be absent: tasks run alone (tests,
// benchmarks) get the home trash and record nothing.
struct TaskContext {
    RunState* state = nullptr;      // records every output before it is committed
    std::string settings;           // settingsHash() of the run's options, the key `state` records under
    const Trash* trash = nullptr;   // in place, where originals go; null: the home trash
    FullDiskGuard* disk = nullptr;  // the full-disk rule
};

// Commits `enc` as `task.output`. Problems that do not fail the task (the run state could not record it,
// the converted original could not be removed) are added to `warnings`.
Status commitEncoded(const PlannedTask& task, const Options& options, const EncodedImage& enc,
                     const TaskContext& context, std::vector<std::string>& warnings);

// Records the decision to keep the original: in place nothing is written; otherwise the original's bytes
// are copied to `task.output` (recorded before the copy is renamed into place).
Status commitKeptOriginal(const PlannedTask& task, const Options& options, const TaskContext& context,
                          std::vector<std::string>& warnings);

}  // namespace imgopt

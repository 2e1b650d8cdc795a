#pragma once
// Runs one planned task end to end on the calling (worker) thread: encode into memory, apply the
// never-bigger rule, check containment, and commit (output_commit.hpp: temp file, verify, record, rename;
// in place through the Trash). Returns a result value; never throws.

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"
#include "output_commit.hpp"

namespace imgopt {

// `context` carries the run's shared services (run state, Trash, full-disk rule); tasks run alone get none.
TaskResult runTask(const PlannedTask& task, const Options& options, const CancelToken& cancel,
                   const TaskContext& context = {});

// A result for a task that never ran (validation or planning failed, or it was cancelled while queued).
TaskResult failedResult(const ScanItem& item, ImageFormat inputFormat, const Error& error);
TaskResult skippedResult(const ScanItem& item, ImageFormat inputFormat, const Error& reason);

}  // namespace imgopt

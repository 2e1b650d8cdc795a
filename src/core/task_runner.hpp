#pragma once
// Runs one planned task end to end on the calling (worker) thread: encode into a temp file, apply the
// never-bigger rule, verify, and commit. Returns a result value; never throws.

#include "cancel_token.hpp"
#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

TaskResult runTask(const PlannedTask& task, const Options& options, const CancelToken& cancel);

// A result for a task that never ran (validation or planning failed, or it was cancelled while queued).
TaskResult failedResult(const ScanItem& item, ImageFormat inputFormat, const Error& error);
TaskResult skippedResult(const ScanItem& item, ImageFormat inputFormat, const Error& reason);

}  // namespace imgopt

#pragma once
// Live run metrics, as copies: the progress model, batches, memory samples and per-worker figures. The
// engine records them where the work happens; metrics() hands out a snapshot, never a reference into live
// data.

#include <cstdint>
#include <vector>

#include "imgopt/memory_probe.hpp"
#include "imgopt/progress.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct BatchRecord {
    std::uint64_t number = 0;          // 1-based
    int size = 0;                      // tasks admitted
    std::uint64_t estimatedBytes = 0;  // summed estimates of its tasks
    std::uint64_t budgetBytes = 0;     // the budget it was admitted under
    std::uint64_t availableBytes = 0;  // available memory at its start
    double startSeconds = 0;           // since the run started
    double seconds = 0;                // first task start to last task end; 0 while running
    int finished = 0;
};

struct TaskSample {  // one finished task, for throughput and the workers' timeline
    double endSeconds = 0;
    std::uint64_t inputBytes = 0;
    TaskStatus status = TaskStatus::Failed;
    TaskId id = 0;
    ImageFormat inputFormat = ImageFormat::Unknown;
    int worker = -1;  // -1 when it never ran on a worker (failed validation, skipped)
    double startSeconds = -1;
    int validateWorker = -1;
    double validateStart = -1;
    double validateEnd = -1;
};

struct MetricsSnapshot {
    ProgressSnapshot progress;
    double elapsedSeconds = 0;       // since the run started, pauses included (the time axis of the charts)
    std::uint64_t peakRssBytes = 0;  // the highest RSS sampled during this run
    std::uint64_t currentBudgetBytes = 0;
    int workers = 0;
    int vipsThreadsPerWorker = 0;
    std::vector<double> workerBusySeconds;      // running encode tasks
    std::vector<double> workerValidateSeconds;  // validating files (reading headers)
    std::vector<int> workerActive;              // 1 while a worker runs a task
    std::vector<BatchRecord> batches;
    std::vector<MemorySample> memory;
    std::vector<TaskSample> finished;
};

}  // namespace imgopt

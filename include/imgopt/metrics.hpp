#pragma once
// Live run metrics, as copies: the progress model, batches, memory samples and per-worker figures. The
// engine records them where the work happens; metrics() hands out a snapshot, never a reference into live
// data.

#include <cstddef>
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
    // Admission rounds this record stands for. A long run keeps at most MetricsSnapshot::kMaxRecords records:
    // past that, neighbours are merged in pairs (sizes and estimates summed), so size / rounds is the mean.
    int rounds = 1;
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

// Tasks finished per time bin. Bins start at one second and double in width (merging neighbours) whenever a
// run would need more than kMaxBins of them, so the series stays small however long the run.
struct ThroughputSeries {
    static constexpr std::size_t kMaxBins = 1024;
    double binSeconds = 1;
    std::vector<std::uint32_t> counts;  // counts[i]: finished in [i * binSeconds, (i + 1) * binSeconds)
};

// Everything here is bounded, whatever the number of files: a snapshot is copied several times a second.
struct MetricsSnapshot {
    static constexpr std::size_t kMaxRecords = 2048;  // batches and memory samples, merged in pairs past it
    static constexpr std::size_t kRecentTasks = 4096;

    ProgressSnapshot progress;
    double elapsedSeconds = 0;       // since the run started, pauses included (the time axis of the charts)
    std::uint64_t peakRssBytes = 0;  // the highest RSS sampled during this run
    std::uint64_t currentBudgetBytes = 0;
    int workers = 0;
    int vipsThreadsPerWorker = 0;
    std::vector<double> workerBusySeconds;      // running encode tasks
    std::vector<double> workerValidateSeconds;  // validating files (reading headers)
    std::vector<int> workerActive;              // 1 while a worker runs a task
    std::vector<BatchRecord> batches;           // in order; merged in pairs past kMaxRecords
    std::uint64_t batchCount = 0;               // admission rounds of the whole run
    // Samples in time order; past kMaxRecords, neighbours are merged in pairs (the higher RSS, the lower
    // available memory), so peaks survive.
    std::vector<MemorySample> memory;
    std::vector<TaskSample> finished;  // the most recent kRecentTasks finished tasks, oldest first
    ThroughputSeries throughput;       // every finished task
};

}  // namespace imgopt

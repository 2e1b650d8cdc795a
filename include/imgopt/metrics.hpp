#pragma once
// Run metrics: per task, per batch, memory samples and per worker. Everything is measured where it happens
// and recorded here under one mutex; readers get a snapshot (a copy), never a reference into live data.
// Thread rules: all methods may be called from any thread.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "imgopt/memory_probe.hpp"
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

struct TaskSample {                    // one finished task, for throughput over time
    double endSeconds = 0;
    std::uint64_t inputBytes = 0;
    TaskStatus status = TaskStatus::Failed;
};

struct MetricsSnapshot {
    double elapsedSeconds = 0;
    std::uint64_t tasksTotal = 0;      // known so far (scanned)
    std::uint64_t tasksDone = 0;
    std::uint64_t tasksFailed = 0;
    std::uint64_t inputBytesDone = 0;
    std::uint64_t outputBytesDone = 0;
    std::uint64_t peakRssBytes = 0;
    std::uint64_t currentBudgetBytes = 0;
    int workers = 0;
    int vipsThreadsPerWorker = 0;
    std::vector<double> workerBusySeconds;
    std::vector<int> workerActive;     // 1 while a worker runs a task
    std::vector<BatchRecord> batches;
    std::vector<MemorySample> memory;
    std::vector<TaskSample> finished;

    double imagesPerSecond() const;
    double inputMegabytesPerSecond() const;
};

class Metrics {
public:
    using Clock = std::chrono::steady_clock;

    explicit Metrics(int workers = 0);
    void reset(int workers, int vipsThreadsPerWorker);

    double now() const;  // seconds since reset()

    void addScanned(std::uint64_t n);
    void addMemorySample(MemorySample s);
    std::uint64_t beginBatch(int size, std::uint64_t estimatedBytes, std::uint64_t budgetBytes,
                             std::uint64_t availableBytes);
    void taskStarted(int worker);
    void taskFinished(int worker, double busySeconds);
    void batchTaskFinished(std::uint64_t batch, double endSeconds);
    void recordResult(const TaskResult& result);

    MetricsSnapshot snapshot() const;

private:
    mutable std::mutex mutex_;
    Clock::time_point start_;
    MetricsSnapshot data_;
};

}  // namespace imgopt

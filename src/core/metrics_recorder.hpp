#pragma once
// MetricsRecorder: where the engine writes what it measures, per task, per batch, per worker and per memory
// sample, and where the one progress model (imgopt/progress.hpp) is kept. Everything is recorded under one
// mutex; readers get copies.
// Thread rules: every method may be called from any thread.

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>

#include "imgopt/metrics.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

// Counts a task finished `at` seconds into the run, widening the bins when the run outgrows kMaxBins.
void countFinished(ThroughputSeries& series, double at);

class MetricsRecorder {
public:
    using Clock = std::chrono::steady_clock;

    MetricsRecorder(int workers, int vipsThreadsPerWorker);

    double now() const;  // seconds since the run started, pauses included

    // Active time stops while paused (and while a run waits for Start, which is a pause).
    void pause();
    void resume();

    void addScanned(std::uint64_t n);
    void addMemorySample(MemorySample s);
    std::uint64_t beginBatch(int size, std::uint64_t estimatedBytes, std::uint64_t budgetBytes,
                             std::uint64_t availableBytes);
    void taskStarted(int worker);
    void taskFinished(int worker, double busySeconds);
    void validationFinished(int worker, double busySeconds);
    void batchTaskFinished(std::uint64_t batch, double endSeconds);
    void recordResult(const TaskResult& result);

    // `finished` is the engine's to say: only it knows whether the scan is over.
    ProgressSnapshot progress(bool finished) const;
    MetricsSnapshot snapshot(bool finished) const;
    // Active seconds when the last result came in: the run's wall time in its report.
    double activeSecondsAtLastResult() const;

private:
    ProgressSnapshot progressLocked(bool finished) const;
    double activeSecondsLocked(double at) const;
    double pausedSecondsLocked(double at) const;

    mutable std::mutex mutex_;
    const Clock::time_point start_;
    MetricsSnapshot data_;           // guarded by mutex_ (its `finished` stays empty: see recent_)
    std::deque<TaskSample> recent_;  // the last kRecentTasks; guarded by mutex_
    double pausedBefore_ = 0;        // paused seconds of pauses that ended; guarded by mutex_
    double pausedSince_ = -1;        // start of the current pause, -1 when running; guarded by mutex_
    double activeAtLastResult_ = 0;  // guarded by mutex_
};

}  // namespace imgopt

#include "metrics_recorder.hpp"

#include <algorithm>

#include "process_memory.hpp"
#include "tally.hpp"

namespace imgopt {
namespace {

template <typename T, typename Merge>
void mergePairs(std::vector<T>& records, Merge merge) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < records.size(); i += 2, ++out)
        records[out] = i + 1 < records.size() ? merge(records[i], records[i + 1]) : records[i];
    records.resize(out);
}

MemorySample mergeSamples(const MemorySample& a, const MemorySample& b) {
    MemorySample m = a;
    m.rssBytes = std::max(a.rssBytes, b.rssBytes);
    m.availableBytes = std::min(a.availableBytes, b.availableBytes);
    if (b.cgroupUsage) m.cgroupUsage = std::max(a.cgroupUsage.value_or(0), *b.cgroupUsage);
    return m;
}

BatchRecord mergeBatches(const BatchRecord& a, const BatchRecord& b) {
    BatchRecord m = a;
    m.size = a.size + b.size;
    m.estimatedBytes = a.estimatedBytes + b.estimatedBytes;
    m.budgetBytes = std::max(a.budgetBytes, b.budgetBytes);
    m.finished = a.finished + b.finished;
    m.rounds = a.rounds + b.rounds;
    m.seconds = m.finished == m.size ? std::max(a.seconds, b.startSeconds + b.seconds - a.startSeconds) : 0;
    return m;
}

}  // namespace

void countFinished(ThroughputSeries& t, double at) {
    auto bin = std::size_t(std::max(0.0, at) / t.binSeconds);
    while (bin >= ThroughputSeries::kMaxBins) {
        std::vector<std::uint32_t> wider((t.counts.size() + 1) / 2, 0);
        for (std::size_t i = 0; i < t.counts.size(); ++i) wider[i / 2] += t.counts[i];
        t.counts = std::move(wider);
        t.binSeconds *= 2;
        bin = std::size_t(std::max(0.0, at) / t.binSeconds);
    }
    if (t.counts.size() <= bin) t.counts.resize(bin + 1, 0);
    ++t.counts[bin];
}

MetricsRecorder::MetricsRecorder(int workers, int vipsThreadsPerWorker) : start_(Clock::now()) {
    // The report's peak RSS is this run's, not the process's: a second run in the GUI must not inherit it.
    resetPeakRss();
    data_.workers = workers;
    data_.vipsThreadsPerWorker = vipsThreadsPerWorker;
    data_.workerBusySeconds.assign(std::size_t(std::max(0, workers)), 0.0);
    data_.workerActive.assign(std::size_t(std::max(0, workers)), 0);
    data_.workerValidateSeconds.assign(std::size_t(std::max(0, workers)), 0.0);
}

double MetricsRecorder::now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

double MetricsRecorder::pausedSecondsLocked(double at) const {
    return pausedBefore_ + (pausedSince_ >= 0 ? at - pausedSince_ : 0.0);
}

double MetricsRecorder::activeSecondsLocked(double at) const {
    return std::max(0.0, at - pausedSecondsLocked(at));
}

void MetricsRecorder::pause() {
    std::lock_guard lock(mutex_);
    if (pausedSince_ < 0) pausedSince_ = now();
}

void MetricsRecorder::resume() {
    std::lock_guard lock(mutex_);
    if (pausedSince_ < 0) return;
    pausedBefore_ += now() - pausedSince_;
    pausedSince_ = -1;
}

void MetricsRecorder::addScanned(std::uint64_t n) {
    std::lock_guard lock(mutex_);
    data_.progress.scanned += n;
}

void MetricsRecorder::addMemorySample(MemorySample s) {
    std::lock_guard lock(mutex_);
    s.seconds = now();
    data_.peakRssBytes = std::max(data_.peakRssBytes, s.rssBytes);
    data_.memory.push_back(s);
    if (data_.memory.size() >= MetricsSnapshot::kMaxRecords) mergePairs(data_.memory, mergeSamples);
}

std::uint64_t MetricsRecorder::beginBatch(int size, std::uint64_t estimatedBytes, std::uint64_t budgetBytes,
                                          std::uint64_t availableBytes) {
    std::lock_guard lock(mutex_);
    BatchRecord b;
    b.number = ++data_.batchCount;
    b.size = size;
    b.estimatedBytes = estimatedBytes;
    b.budgetBytes = budgetBytes;
    b.availableBytes = availableBytes;
    b.startSeconds = now();
    data_.currentBudgetBytes = budgetBytes;
    if (data_.batches.size() >= MetricsSnapshot::kMaxRecords) mergePairs(data_.batches, mergeBatches);
    data_.batches.push_back(b);
    return b.number;
}

void MetricsRecorder::taskStarted(int worker) {
    std::lock_guard lock(mutex_);
    if (worker >= 0 && std::size_t(worker) < data_.workerActive.size())
        data_.workerActive[std::size_t(worker)] = 1;
}

void MetricsRecorder::taskFinished(int worker, double busySeconds) {
    std::lock_guard lock(mutex_);
    if (worker >= 0 && std::size_t(worker) < data_.workerActive.size()) {
        data_.workerActive[std::size_t(worker)] = 0;
        data_.workerBusySeconds[std::size_t(worker)] += busySeconds;
    }
}

void MetricsRecorder::validationFinished(int worker, double busySeconds) {
    std::lock_guard lock(mutex_);
    if (worker >= 0 && std::size_t(worker) < data_.workerValidateSeconds.size())
        data_.workerValidateSeconds[std::size_t(worker)] += busySeconds;
}

void MetricsRecorder::batchTaskFinished(std::uint64_t batch, double endSeconds) {
    std::lock_guard lock(mutex_);
    // Records are in number order; merged ones start at their first round's number.
    const auto after = std::upper_bound(data_.batches.begin(), data_.batches.end(), batch,
                                        [](std::uint64_t n, const BatchRecord& r) { return n < r.number; });
    if (batch == 0 || after == data_.batches.begin()) return;
    auto& b = *std::prev(after);
    if (++b.finished == b.size) b.seconds = endSeconds - b.startSeconds;
}

void MetricsRecorder::recordResult(const TaskResult& r) {
    std::lock_guard lock(mutex_);
    auto& p = data_.progress;
    ++p.done;
    tally(p, r);
    const double at = now();
    activeAtLastResult_ = activeSecondsLocked(at);
    const TaskTimings& t = r.timings;
    recent_.push_back(TaskSample{at, r.inputBytes, r.status, r.id, r.inputFormat,
                                 t.start >= 0 ? r.worker : -1, t.start, t.validateWorker, t.validateStart,
                                 t.validateEnd});
    if (recent_.size() > MetricsSnapshot::kRecentTasks) recent_.pop_front();
    countFinished(data_.throughput, at);
}

ProgressSnapshot MetricsRecorder::progress(bool finished) const {
    std::lock_guard lock(mutex_);
    return progressLocked(finished);
}

ProgressSnapshot MetricsRecorder::progressLocked(bool finished) const {
    ProgressSnapshot p = data_.progress;
    const double at = now();
    p.activeSeconds = finished ? activeAtLastResult_ : activeSecondsLocked(at);
    p.pausedSeconds = pausedSecondsLocked(at);
    p.paused = pausedSince_ >= 0;
    p.finished = finished;
    return p;
}

MetricsSnapshot MetricsRecorder::snapshot(bool finished) const {
    std::lock_guard lock(mutex_);
    MetricsSnapshot s = data_;
    s.finished.assign(recent_.begin(), recent_.end());
    s.elapsedSeconds = now();
    s.progress = progressLocked(finished);
    return s;
}

double MetricsRecorder::activeSecondsAtLastResult() const {
    std::lock_guard lock(mutex_);
    return activeAtLastResult_;
}

}  // namespace imgopt

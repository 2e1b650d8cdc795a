#include "imgopt/metrics.hpp"

#include <algorithm>

namespace imgopt {

double MetricsSnapshot::imagesPerSecond() const {
    return elapsedSeconds > 0 ? double(tasksDone) / elapsedSeconds : 0.0;
}

double MetricsSnapshot::inputMegabytesPerSecond() const {
    return elapsedSeconds > 0 ? double(inputBytesDone) / 1e6 / elapsedSeconds : 0.0;
}

Metrics::Metrics(int workers) { reset(workers, 1); }

void Metrics::reset(int workers, int vipsThreadsPerWorker) {
    std::lock_guard lock(mutex_);
    start_ = Clock::now();
    data_ = {};
    data_.workers = workers;
    data_.vipsThreadsPerWorker = vipsThreadsPerWorker;
    data_.workerBusySeconds.assign(std::size_t(std::max(0, workers)), 0.0);
    data_.workerActive.assign(std::size_t(std::max(0, workers)), 0);
}

double Metrics::now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

void Metrics::addScanned(std::uint64_t n) {
    std::lock_guard lock(mutex_);
    data_.tasksTotal += n;
}

void Metrics::addMemorySample(MemorySample s) {
    std::lock_guard lock(mutex_);
    s.seconds = now();
    data_.peakRssBytes = std::max(data_.peakRssBytes, s.rssBytes);
    data_.memory.push_back(s);
}

std::uint64_t Metrics::beginBatch(int size, std::uint64_t estimatedBytes, std::uint64_t budgetBytes,
                                  std::uint64_t availableBytes) {
    std::lock_guard lock(mutex_);
    BatchRecord b;
    b.number = data_.batches.size() + 1;
    b.size = size;
    b.estimatedBytes = estimatedBytes;
    b.budgetBytes = budgetBytes;
    b.availableBytes = availableBytes;
    b.startSeconds = now();
    data_.currentBudgetBytes = budgetBytes;
    data_.batches.push_back(b);
    return b.number;
}

void Metrics::taskStarted(int worker) {
    std::lock_guard lock(mutex_);
    if (worker >= 0 && std::size_t(worker) < data_.workerActive.size()) data_.workerActive[std::size_t(worker)] = 1;
}

void Metrics::taskFinished(int worker, double busySeconds) {
    std::lock_guard lock(mutex_);
    if (worker >= 0 && std::size_t(worker) < data_.workerActive.size()) {
        data_.workerActive[std::size_t(worker)] = 0;
        data_.workerBusySeconds[std::size_t(worker)] += busySeconds;
    }
}

void Metrics::batchTaskFinished(std::uint64_t batch, double endSeconds) {
    std::lock_guard lock(mutex_);
    if (batch == 0 || batch > data_.batches.size()) return;
    auto& b = data_.batches[batch - 1];
    if (++b.finished == b.size) b.seconds = endSeconds - b.startSeconds;
}

void Metrics::recordResult(const TaskResult& r) {
    std::lock_guard lock(mutex_);
    ++data_.tasksDone;
    if (r.status == TaskStatus::Failed) ++data_.tasksFailed;
    data_.inputBytesDone += r.inputBytes;
    data_.outputBytesDone += r.status == TaskStatus::Failed || r.status == TaskStatus::Skipped ? 0 : r.outputBytes;
    data_.finished.push_back(TaskSample{now(), r.inputBytes, r.status});
}

MetricsSnapshot Metrics::snapshot() const {
    std::lock_guard lock(mutex_);
    MetricsSnapshot s = data_;
    s.elapsedSeconds = now();
    return s;
}

}  // namespace imgopt

#include "imgopt/engine.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <optional>
#include <thread>
#include <utility>

#include "imgopt/task_runner.hpp"
#include "imgopt/validator.hpp"
#include "imgopt/version.hpp"
#include "imgopt/vips_runtime.hpp"

namespace imgopt {
namespace {

// Longest wait for validation before the first batch of a run; a drop of a few dozen files validates in a
// few tens of milliseconds on two workers.
constexpr std::chrono::milliseconds kSettleTime{200};

// Validation jobs go ahead of encodes: they are short and keep the next batch ready.
constexpr int kValidatePriority = INT_MAX / 2;

// Within a priority the largest task goes first, so it never runs alone at the end of a run while the other
// workers idle; first-fit admission lets smaller tasks run beside it (docs/benchmarks.md).
bool byPriority(const PlannedTask& a, const PlannedTask& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.estimatedBytes != b.estimatedBytes) return a.estimatedBytes > b.estimatedBytes;
    return a.source.id < b.source.id;
}

}  // namespace

struct BatchEngine::Validated {
    ValidationResult result;
    bool cancelled = false;
};

BatchEngine::BatchEngine(Options options, EngineConfig config, EngineCallbacks callbacks)
    : options_(std::move(options)), config_(std::move(config)), callbacks_(std::move(callbacks)) {
    initVips(nullptr);
    probe_ = config_.probe ? config_.probe : std::make_shared<SystemMemoryProbe>();
    cores_ = std::max(1u, std::thread::hardware_concurrency());
    workers_ = config_.workers > 0 ? config_.workers : (options_.jobs > 0 ? options_.jobs : cores_);
    if (config_.budget.maxBatchSize <= 0) config_.budget.maxBatchSize = 4 * workers_;
    // libvips threads are process-wide: workers x threads ~ cores. A task running alone gets more (runEncode).
    setVipsThreads(std::max(1, cores_ / workers_));
    metrics_.reset(workers_, std::max(1, cores_ / workers_));
    scanner_ = std::make_unique<Scanner>(options_);
    planner_ = std::make_unique<OutputPlanner>(options_);
    pool_ = std::make_unique<WorkerPool>(workers_);
    scanThread_ = std::thread([this] { scanLoop(); });
    schedulerThread_ = std::thread([this] { schedulerLoop(); });
    samplerThread_ = std::thread([this] { samplerLoop(); });
}

BatchEngine::~BatchEngine() {
    cancel();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    scanThread_.join();
    schedulerThread_.join();
    samplerThread_.join();
    pool_.reset();  // waits for running jobs, whose results still arrive through deliver()
}

int BatchEngine::workers() const { return workers_; }

void BatchEngine::addPaths(std::vector<std::filesystem::path> paths, int priority) {
    {
        std::lock_guard lock(mutex_);
        if (cancel_.cancelled()) return;
        scanQueue_.emplace_back(std::move(paths), priority);
        scanning_ = true;
    }
    changed_.notify_all();
}

void BatchEngine::scanLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || !scanQueue_.empty(); });
        if (stopping_) return;
        auto [paths, priority] = std::move(scanQueue_.front());
        scanQueue_.pop_front();
        lock.unlock();
        const int prio = priority;
        ScanSummary summary = scanner_->scan(
            paths,
            [&](ScanItem item) {
                metrics_.addScanned(1);
                if (callbacks_.onScanned) callbacks_.onScanned(item);
                std::lock_guard inner(mutex_);
                ++known_;
                // The drop's priority reaches the task when it is planned, like a raised one.
                if (prio != 0) boosts_[item.id] = prio;
                toValidate_.emplace_back(std::move(item), prio);
                submitValidations();
            },
            cancel_.flag());
        if (callbacks_.onScanDone) callbacks_.onScanDone(summary);
        lock.lock();
        scanSummaries_.push_back(std::move(summary));
        if (scanQueue_.empty()) scanning_ = false;
        // A scan that found nothing may be the last event of the run.
        if (finishedLocked()) {
            lock.unlock();
            changed_.notify_all();
            if (callbacks_.onFinished) callbacks_.onFinished();
            lock.lock();
        }
    }
}

void BatchEngine::submitValidations() {
    // A bounded look-ahead keeps the first encodes starting early even when 100,000 files were dropped.
    const std::size_t lookahead = std::size_t(std::max(64, 16 * workers_));
    while (!toValidate_.empty() && std::size_t(validating_) + ready_.size() + reorder_.size() < lookahead) {
        auto shared = std::make_shared<ScanItem>(std::move(toValidate_.front().first));
        toValidate_.pop_front();
        ++validating_;
        pool_->submit(
            [this, shared](int) {
                onValidated(shared->id, std::make_shared<Validated>(Validated{validate(*shared, options_), false}));
            },
            kValidatePriority, 0,
            [this, shared] {
                auto v = std::make_shared<Validated>(
                    Validated{ValidationError{*shared, ImageFormat::Unknown, "cancelled", 0}, true});
                onValidated(shared->id, v);
            });
    }
}

void BatchEngine::onValidated(TaskId id, std::shared_ptr<Validated> v) {
    std::vector<TaskResult> toDeliver;
    std::vector<PlannedTask> planned;
    {
        std::lock_guard lock(mutex_);
        --validating_;
        reorder_[id] = std::move(v);
        // Plan strictly in scan order so that collision names are the same on every run.
        while (!reorder_.empty() && reorder_.begin()->first == nextPlanId_) {
            auto node = reorder_.extract(reorder_.begin());
            ++nextPlanId_;
            auto& val = *node.mapped();
            if (auto* err = std::get_if<ValidationError>(&val.result)) {
                toDeliver.push_back(val.cancelled || cancel_.cancelled()
                                        ? skippedResult(err->source, err->format,
                                                        val.cancelled ? err->message : "cancelled")
                                        : failedResult(err->source, err->format, err->message));
                if (!val.cancelled) toDeliver.back().timings.validateSeconds = err->seconds;
                continue;
            }
            auto& task = std::get<ValidatedTask>(val.result);
            if (cancel_.cancelled()) {
                toDeliver.push_back(skippedResult(task.source, task.header.format, "cancelled"));
                continue;
            }
            auto plan = planner_->plan(task);
            if (auto* perr = std::get_if<PlanError>(&plan)) {
                toDeliver.push_back(failedResult(task.source, task.header.format, perr->message));
                continue;
            }
            auto& p = std::get<PlannedTask>(plan);
            if (auto b = boosts_.find(p.source.id); b != boosts_.end()) {
                p.priority = b->second;
                boosts_.erase(b);
            }
            planned.push_back(p);
            if (options_.dryRun) {
                TaskResult r = skippedResult(p.source, p.header.format, {});
                r.output = p.output;
                r.outputFormat = p.outputFormat;
                r.width = p.targetWidth;
                r.height = p.targetHeight;
                r.priority = p.priority;
                r.warning = p.action == Action::Skip ? "dry run: would skip, the output exists"
                                                     : "dry run: would encode";
                for (const auto& w : p.warnings) r.warning += "; " + w;
                toDeliver.push_back(std::move(r));
            } else {
                ready_.insert(std::upper_bound(ready_.begin(), ready_.end(), p, byPriority), p);
            }
        }
        submitValidations();
    }
    changed_.notify_all();
    for (const auto& p : planned)
        if (callbacks_.onPlanned) callbacks_.onPlanned(p);
    for (auto& r : toDeliver) deliver(std::move(r));
}

void BatchEngine::schedulerLoop() {
    std::unique_lock lock(mutex_);
    bool settling = false;  // the first batch of a run waits for validation until settleDeadline
    std::chrono::steady_clock::time_point settleDeadline{};
    for (;;) {
        // Refill when the running set has drained to one task per worker, so workers never idle while the
        // next batch is chosen, yet each batch is a real group admitted under one fresh budget.
        // A task raised by "Process next" is admitted at once, even while paused, so that it sits in the
        // pool's priority queue ahead of tasks admitted earlier instead of waiting behind them.
        changed_.wait(lock, [this] {
            return stopping_ || (!ready_.empty() && (urgent_ || (!paused_ && inFlightTasks_ <= workers_)));
        });
        if (stopping_) return;
        if (inFlightTasks_ == 0 && !urgent_ && !validationSettledLocked()) {
            // At the start of a run, let validation catch up with the scan for a moment, so that largest-first
            // sees the whole drop rather than its first few files; otherwise the biggest image of a small drop,
            // validated behind the first encodes, started last and ran alone (docs/benchmarks.md, run G).
            if (!settling) {
                settling = true;
                settleDeadline = std::chrono::steady_clock::now() + kSettleTime;
            }
            if (std::chrono::steady_clock::now() < settleDeadline) {
                changed_.wait_until(lock, settleDeadline,
                                    [this] { return stopping_ || urgent_ || validationSettledLocked(); });
                continue;  // re-check pause, stop and the queue
            }
        }
        settling = false;
        lock.unlock();
        const MemorySample sample = probe_->sample();
        const std::uint64_t budget = batchBudget(sample, config_.budget);
        lock.lock();
        if (ready_.empty() || cancel_.cancelled()) continue;
        std::vector<std::uint64_t> estimates;
        const bool urgent = std::exchange(urgent_, false);
        std::size_t room = std::size_t(std::max(0, config_.budget.maxBatchSize - inFlightTasks_));
        if (urgent) room = 1;  // only the raised task, which now heads ready_
        for (std::size_t i = 0; i < ready_.size() && i < room; ++i) estimates.push_back(ready_[i].estimatedBytes);
        const auto chosen = admitSelection(estimates, budget, inFlightBytes_, room, urgent || headPassed_ >= 2);
        const std::size_t n = chosen.size();
        if (n == 0) {
            // Over budget: wait for a running task to finish (it notifies), then probe again.
            changed_.wait(lock, [this, inFlight = inFlightTasks_] { return stopping_ || inFlightTasks_ < inFlight; });
            continue;
        }
        // A head task passed over twice holds the line until it fits, so it cannot starve.
        headPassed_ = chosen.front() == 0 ? 0 : headPassed_ + 1;
        std::vector<PlannedTask> batch;
        for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
            batch.insert(batch.begin(), std::move(ready_[*it]));
            ready_.erase(ready_.begin() + std::ptrdiff_t(*it));
        }
        std::uint64_t sum = 0;
        for (const auto& t : batch) sum += t.estimatedBytes;
        inFlightBytes_ += sum;
        inFlightTasks_ += int(n);
        submitValidations();
        const std::uint64_t number = metrics_.beginBatch(int(n), sum, budget, sample.availableBytes);
        const double admittedAt = metrics_.now();
        for (auto& t : batch) {
            const TaskId id = t.source.id;
            const int prio = t.priority;
            auto shared = std::make_shared<PlannedTask>(std::move(t));
            pool_->submit([this, shared, number, admittedAt](
                              int worker) { runEncode(std::move(*shared), number, worker, admittedAt); },
                          prio, id,
                          [this, shared, number] {
                              {
                                  std::lock_guard inner(mutex_);
                                  inFlightBytes_ -= shared->estimatedBytes;
                                  --inFlightTasks_;
                              }
                              metrics_.batchTaskFinished(number, metrics_.now());
                              TaskResult r = skippedResult(shared->source, shared->header.format, "cancelled");
                              r.batch = number;
                              deliver(std::move(r));
                          });
        }
    }
}

void BatchEngine::runEncode(PlannedTask task, std::uint64_t batch, int worker, double admittedAt) {
    const double startedAt = metrics_.now();
    metrics_.taskStarted(worker);
    // A task that runs alone (a huge image, or the last of a run) gets every core.
    setVipsThreads(std::max(1, cores_ / std::max(1, pool_->running())));
    TaskResult r = cancel_.cancelled() ? skippedResult(task.source, task.header.format, "cancelled")
                                       : runTask(task, options_, cancel_);
    r.worker = worker;
    r.batch = batch;
    r.priority = task.priority;
    r.timings.queueWaitSeconds = startedAt - admittedAt;
    const double endedAt = metrics_.now();
    metrics_.taskFinished(worker, endedAt - startedAt);
    metrics_.batchTaskFinished(batch, endedAt);
    {
        std::lock_guard lock(mutex_);
        inFlightBytes_ -= task.estimatedBytes;
        --inFlightTasks_;
    }
    changed_.notify_all();
    deliver(std::move(r));
}

void BatchEngine::samplerLoop() {
    std::unique_lock lock(mutex_);
    const auto interval = std::chrono::duration<double>(std::max(0.02, config_.sampleIntervalSeconds));
    for (;;) {
        const bool active = !finishedLocked();
        lock.unlock();
        if (active) metrics_.addMemorySample(probe_->sample());
        lock.lock();
        if (changed_.wait_for(lock, interval, [this] { return stopping_; })) return;
    }
}

void BatchEngine::deliver(TaskResult result) {
    metrics_.recordResult(result);
    bool finishedNow = false;
    {
        std::lock_guard lock(mutex_);
        results_.push_back(result);
        ++done_;
        finishedNow = finishedLocked();
    }
    if (callbacks_.onResult) callbacks_.onResult(result);
    if (finishedNow) {
        changed_.notify_all();
        if (callbacks_.onFinished) callbacks_.onFinished();
    }
}

// Nothing is being validated, and nothing more will be until tasks are admitted (the scan is over, or the
// look-ahead is full).
bool BatchEngine::validationSettledLocked() const {
    return validating_ == 0 && reorder_.empty() && (!toValidate_.empty() || !scanning_);
}

bool BatchEngine::finishedLocked() const { return !scanning_ && scanQueue_.empty() && done_ == known_; }

bool BatchEngine::finished() const {
    std::lock_guard lock(mutex_);
    return finishedLocked();
}

void BatchEngine::wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return finishedLocked() || stopping_; });
}

void BatchEngine::pause() {
    {
        std::lock_guard lock(mutex_);
        paused_ = true;
    }
    pool_->pause();
}

void BatchEngine::resume() {
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
    }
    pool_->resume();
    changed_.notify_all();
}

bool BatchEngine::paused() const {
    std::lock_guard lock(mutex_);
    return paused_;
}

void BatchEngine::cancel() {
    std::vector<PlannedTask> dropped;
    std::deque<std::pair<ScanItem, int>> unvalidated;
    {
        std::lock_guard lock(mutex_);
        cancel_.cancel();
        scanQueue_.clear();
        dropped.swap(ready_);
        unvalidated.swap(toValidate_);
    }
    pool_->resume();  // a paused pool must still hand back its dropped jobs
    pool_->clear();
    // Tasks that never reached the pool are answered in scan order through the planner's reorder buffer.
    for (auto& [item, prio] : unvalidated) {
        {
            std::lock_guard lock(mutex_);
            ++validating_;
        }
        auto v = std::make_shared<Validated>(Validated{ValidationError{item, ImageFormat::Unknown, "cancelled", 0}, true});
        onValidated(item.id, v);
    }
    for (auto& t : dropped) deliver(skippedResult(t.source, t.header.format, "cancelled"));
    changed_.notify_all();
}

bool BatchEngine::raisePriority(TaskId id, int priority) {
    {
        std::lock_guard lock(mutex_);
        for (auto it = ready_.begin(); it != ready_.end(); ++it) {
            if (it->source.id != id) continue;
            PlannedTask t = std::move(*it);
            ready_.erase(it);
            t.priority = priority;
            ready_.insert(std::upper_bound(ready_.begin(), ready_.end(), t, byPriority), std::move(t));
            urgent_ = true;
            changed_.notify_all();
            return true;
        }
        for (auto it = toValidate_.begin(); it != toValidate_.end(); ++it) {
            if (it->first.id != id) continue;
            auto entry = std::move(*it);
            toValidate_.erase(it);
            toValidate_.push_front(std::move(entry));
            boosts_[id] = priority;
            submitValidations();
            return true;
        }
        if (reorder_.count(id) || id >= nextPlanId_) {
            boosts_[id] = priority;
            return true;
        }
    }
    return pool_->reprioritise(id, priority);
}

bool BatchEngine::remove(TaskId id) {
    std::optional<PlannedTask> planned;
    std::optional<ScanItem> unvalidated;
    {
        std::lock_guard lock(mutex_);
        for (auto it = ready_.begin(); it != ready_.end(); ++it)
            if (it->source.id == id) {
                planned = std::move(*it);
                ready_.erase(it);
                break;
            }
        if (!planned)
            for (auto it = toValidate_.begin(); it != toValidate_.end(); ++it)
                if (it->first.id == id) {
                    unvalidated = std::move(it->first);
                    toValidate_.erase(it);
                    ++validating_;  // balanced by onValidated, which keeps planning in scan order
                    break;
                }
    }
    constexpr const char* kRemoved = "removed from the queue";
    if (planned) {
        deliver(skippedResult(planned->source, planned->header.format, kRemoved));
        return true;
    }
    if (unvalidated) {
        onValidated(id, std::make_shared<Validated>(
                            Validated{ValidationError{*unvalidated, ImageFormat::Unknown, kRemoved, 0}, true}));
        return true;
    }
    // Admitted but not started: the pool's dropped callback answers it as skipped.
    return pool_->remove(id);
}

MetricsSnapshot BatchEngine::metrics() const { return metrics_.snapshot(); }

RunReport BatchEngine::report() const {
    RunReport r;
    r.toolVersion = kVersion;
    r.settings = options_;
    const auto m = metrics_.snapshot();
    {
        std::lock_guard lock(mutex_);
        r.files = results_;
        for (const auto& s : scanSummaries_) {
            r.scanNotImages += s.notImages;
            r.scanErrors.insert(r.scanErrors.end(), s.errors.begin(), s.errors.end());
        }
    }
    std::sort(r.files.begin(), r.files.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    r.batches = m.batches;
    r.memory = m.memory;
    r.workers = m.workers;
    r.vipsThreadsPerWorker = m.vipsThreadsPerWorker;
    r.workerBusySeconds = m.workerBusySeconds;
    r.peakRssBytes = std::max(m.peakRssBytes, peakRssBytes());
    r.system = currentSystem();
    // Wall time ends at the last result, not at the moment the report is asked for.
    double last = 0;
    for (const auto& t : m.finished) last = std::max(last, t.endSeconds);
    r.summary.wallSeconds = last;
    summarise(r);
    return r;
}

}  // namespace imgopt

// BatchEngine::Impl, the pipeline after the scan: validation on the pool, planning in scan order, the batch
// scheduler, encoding, and delivery of results. The public operations are in engine.cpp.
#include <algorithm>
#include <chrono>
#include <climits>

#include "batch_sizer.hpp"
#include "engine_impl.hpp"
#include "task_runner.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

// Longest wait for validation before the first batch of a run; a drop of a few dozen files validates in a
// few tens of milliseconds on two workers.
constexpr std::chrono::milliseconds kSettleTime{200};

// Validation jobs go ahead of encodes: they are short and keep the next batch ready.
constexpr int kValidatePriority = INT_MAX / 2;

}  // namespace

bool byPriority(const PlannedTask& a, const PlannedTask& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.estimatedBytes != b.estimatedBytes) return a.estimatedBytes > b.estimatedBytes;
    return a.source.id < b.source.id;
}

void BatchEngine::Impl::submitValidations() {
    // A bounded look-ahead keeps the first encodes starting early even when 100,000 files were dropped.
    const std::size_t lookahead = std::size_t(std::max(64, 16 * workers_));
    while (!toValidate_.empty() && std::size_t(validating_) + ready_.size() + reorder_.size() < lookahead) {
        auto shared = std::make_shared<ScanItem>(std::move(toValidate_.front().first));
        toValidate_.pop_front();
        ++validating_;
        pool_->submit(
            [this, shared](int) { onValidated(shared->id, checkAndValidate(*shared)); }, kValidatePriority, 0,
            [this, shared](const Error& e) {
                // Dropped by cancel (Cancelled) or the validation threw (Internal): either way the file gets a
                // result, in its turn.
                const bool cancelled = e.code == ErrorCode::Cancelled;
                onValidated(shared->id, std::make_shared<Validated>(Validated{
                                            Unexpected(ValidationFailure{*shared, ImageFormat::Unknown, e, 0}),
                                            cancelled}));
            });
    }
}

void BatchEngine::Impl::answerUnvalidated(const ScanItem& item, const Error& reason) {
    {
        std::lock_guard lock(mutex_);
        ++validating_;  // balanced by onValidated, which keeps planning in scan order
    }
    onValidated(item.id, std::make_shared<Validated>(
                             Validated{Unexpected(ValidationFailure{item, ImageFormat::Unknown, reason, 0}), true}));
}

void BatchEngine::Impl::onValidated(TaskId id, std::shared_ptr<Validated> v) {
    std::vector<TaskResult> toDeliver;
    std::vector<PlannedTask> planned;
    {
        std::lock_guard lock(mutex_);
        --validating_;
        reorder_[id] = std::move(v);
        planInOrder(toDeliver, planned);
        submitValidations();
    }
    changed_.notify_all();
    sweepTargetFolders(planned, toDeliver);
    for (const auto& p : planned)
        if (callbacks_.onPlanned) callbacks_.onPlanned(p);
    for (auto& r : toDeliver) deliver(std::move(r));
}

namespace {

TaskResult dryRunResult(const PlannedTask& p) {
    TaskResult r = skippedResult(p.source, p.header.format, Error{ErrorCode::Cancelled, {}});
    r.errorCode.reset();
    r.output = p.output;
    r.outputFormat = p.outputFormat;
    r.width = p.targetWidth;
    r.height = p.targetHeight;
    r.priority = p.priority;
    r.warning = p.action == Action::Skip ? "dry run: would skip, the output exists" : "dry run: would encode";
    for (const auto& w : p.warnings) r.warning += "; " + w;
    return r;
}

}  // namespace

// Plans strictly in scan order so that collision names are the same on every run.
void BatchEngine::Impl::planInOrder(std::vector<TaskResult>& toDeliver, std::vector<PlannedTask>& planned) {
    while (!reorder_.empty() && reorder_.begin()->first == nextPlanId_) {
        auto node = reorder_.extract(reorder_.begin());
        ++nextPlanId_;
        const Validated& val = *node.mapped();
        if (val.upToDate && !cancel_.cancelled()) {
            // The earlier output stays, and no other input of this run may write there.
            if (val.upToDate->output) planner_.keep(*val.upToDate->output);
            toDeliver.push_back(*val.upToDate);
            continue;
        }
        if (!val.result) {
            const ValidationFailure& f = val.result.error();
            const bool skip = val.cancelled || cancel_.cancelled();
            const Error reason = val.cancelled || !cancel_.cancelled() ? f.error : Error{ErrorCode::Cancelled, "cancelled"};
            toDeliver.push_back(skip ? skippedResult(f.source, f.format, reason) : failedResult(f.source, f.format, reason));
            if (!val.cancelled) toDeliver.back().timings.validateSeconds = f.seconds;
            continue;
        }
        const ValidatedTask& task = *val.result;
        if (cancel_.cancelled()) {
            toDeliver.push_back(skippedResult(task.source, task.header.format, Error{ErrorCode::Cancelled, "cancelled"}));
            continue;
        }
        auto plan = planner_.plan(task, val.ownOutput);
        if (!plan) {
            toDeliver.push_back(failedResult(task.source, task.header.format, plan.error()));
            continue;
        }
        PlannedTask& p = *plan;
        if (auto b = boosts_.find(p.source.id); b != boosts_.end()) {
            p.priority = b->second;
            boosts_.erase(b);
        }
        planned.push_back(p);
        if (options_.dryRun)
            toDeliver.push_back(dryRunResult(p));
        else
            ready_.insert(std::upper_bound(ready_.begin(), ready_.end(), p, byPriority), p);
    }
}

// At the start of a run, lets validation catch up with the scan for a moment, so that largest-first sees the
// whole drop rather than its first few files; otherwise the biggest image of a small drop, validated behind
// the first encodes, started last and ran alone (docs/benchmarks.md, run G). True while still waiting.
bool BatchEngine::Impl::settleFirstBatch(std::unique_lock<std::mutex>& lock) {
    auto& deadline = settleDeadline_;
    if (inFlightTasks_ != 0 || urgent_ || validationSettledLocked()) {
        deadline.reset();
        return false;
    }
    if (!deadline) deadline = std::chrono::steady_clock::now() + kSettleTime;
    if (std::chrono::steady_clock::now() >= *deadline) {
        deadline.reset();
        return false;
    }
    changed_.wait_until(lock, *deadline, [this] { return stopping_ || urgent_ || validationSettledLocked(); });
    return true;
}

void BatchEngine::Impl::schedulerLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        // Refill when the running set has drained to one task per worker, so workers never idle while the
        // next batch is chosen, yet each batch is a real group admitted under one fresh budget.
        // A task raised by "Process next" is admitted at once, even while paused, so that it sits in the
        // pool's priority queue ahead of tasks admitted earlier instead of waiting behind them.
        changed_.wait(lock, [this] {
            return stopping_ || (!ready_.empty() && (urgent_ || (!paused_ && inFlightTasks_ <= workers_)));
        });
        if (stopping_) return;
        if (settleFirstBatch(lock)) continue;  // re-check pause, stop and the queue
        admitBatch(lock);
    }
}

void BatchEngine::Impl::admitBatch(std::unique_lock<std::mutex>& lock) {
    lock.unlock();
    const MemorySample sample = probe_->sample();
    const std::uint64_t budget = batchBudget(sample, config_.budget);
    lock.lock();
    if (ready_.empty() || cancel_.cancelled()) return;
    const bool urgent = std::exchange(urgent_, false);
    std::size_t room = std::size_t(std::max(0, config_.budget.maxBatchSize - inFlightTasks_));
    if (urgent) room = 1;  // only the raised task, which now heads ready_
    std::vector<std::uint64_t> estimates;
    for (std::size_t i = 0; i < ready_.size() && i < room; ++i) estimates.push_back(ready_[i].estimatedBytes);
    const auto chosen = admitSelection(estimates, budget, inFlightBytes_, room, urgent || headPassed_ >= 2);
    if (chosen.empty()) {
        // Over budget: wait for a running task to finish (it notifies), then probe again.
        changed_.wait(lock, [this, inFlight = inFlightTasks_] { return stopping_ || inFlightTasks_ < inFlight; });
        return;
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
    inFlightTasks_ += int(batch.size());
    submitValidations();
    const std::uint64_t number = metrics_.beginBatch(int(batch.size()), sum, budget, sample.availableBytes);
    const double admittedAt = metrics_.now();
    for (auto& t : batch) submitEncode(std::make_shared<PlannedTask>(std::move(t)), number, admittedAt);
}

void BatchEngine::Impl::submitEncode(std::shared_ptr<PlannedTask> task, std::uint64_t batch, double admittedAt) {
    const TaskId id = task->source.id;
    const int priority = task->priority;
    // Exactly one of the job and the fallback releases the task and delivers its result: a job that threw
    // before it delivered is answered by the fallback; one that threw after (in a callback) already was.
    auto settled = std::make_shared<std::atomic<bool>>(false);
    pool_->submit(
        [this, task, batch, admittedAt, settled](int worker) { runEncode(*task, batch, worker, admittedAt, *settled); },
        priority, id,
        [this, task, batch, settled](const Error& e) {
            if (settled->exchange(true)) return;
            releaseInFlight(*task);
            metrics_.batchTaskFinished(batch, metrics_.now());
            TaskResult r = e.code == ErrorCode::Cancelled ? skippedResult(task->source, task->header.format, e)
                                                          : failedResult(task->source, task->header.format, e);
            r.batch = batch;
            deliver(std::move(r));
        });
}

void BatchEngine::Impl::releaseInFlight(const PlannedTask& task) {
    {
        std::lock_guard lock(mutex_);
        inFlightBytes_ -= task.estimatedBytes;
        --inFlightTasks_;
    }
    changed_.notify_all();
}

void BatchEngine::Impl::runEncode(const PlannedTask& task, std::uint64_t batch, int worker, double admittedAt,
                                  std::atomic<bool>& settled) {
    const double startedAt = metrics_.now();
    metrics_.taskStarted(worker);
    // A task that runs alone (a huge image, or the last of a run) gets every core.
    setVipsThreads(std::max(1, cores_ / std::max(1, pool_->running())));
    TaskResult r = cancel_.cancelled()
                       ? skippedResult(task.source, task.header.format, Error{ErrorCode::Cancelled, "cancelled"})
                       : runTask(task, options_, cancel_, context_);
    r.worker = worker;
    r.batch = batch;
    r.priority = task.priority;
    r.timings.queueWaitSeconds = startedAt - admittedAt;
    const double endedAt = metrics_.now();
    metrics_.taskFinished(worker, endedAt - startedAt);
    if (settled.exchange(true)) return;
    metrics_.batchTaskFinished(batch, endedAt);
    releaseInFlight(task);
    deliver(std::move(r));
}

void BatchEngine::Impl::samplerLoop() {
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

void BatchEngine::Impl::deliver(TaskResult result) {
    metrics_.recordResult(result);
    bool finishedNow = false;
    {
        std::lock_guard lock(mutex_);
        results_.push_back(result);
        ++done_;
        finishedNow = finishedLocked();
    }
    if (callbacks_.onResult) callbacks_.onResult(result);
    if (callbacks_.onProgress) callbacks_.onProgress(progress());
    if (finishedNow) {
        changed_.notify_all();
        if (callbacks_.onFinished) callbacks_.onFinished();
    }
}

// Nothing is being validated, and nothing more will be until tasks are admitted (the scan is over, or the
// look-ahead is full).
bool BatchEngine::Impl::validationSettledLocked() const {
    return validating_ == 0 && reorder_.empty() && (!toValidate_.empty() || !scanning_);
}

}  // namespace imgopt

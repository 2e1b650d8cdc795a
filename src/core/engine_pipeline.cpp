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

// How often admission probes memory again: when tasks wait for memory to free up, and at most this often
// while tasks stream through.
constexpr std::chrono::milliseconds kMemoryRecheck{100};

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
        auto shared = std::make_shared<ScanItem>(toValidate_.front().item());
        toValidate_.pop_front();
        ++validating_;
        // Exactly one of the job and the fallback answers the file: a validation that threw is answered by
        // the fallback; a job that threw after answering (in a callback) already was.
        auto settled = std::make_shared<std::atomic<bool>>(false);
        pool_->submit(
            [this, shared, settled](int worker) {
                const double start = metrics_.now();
                auto outcome = checkAndValidate(*shared);
                const double end = metrics_.now();
                metrics_.validationFinished(worker, end - start);
                {
                    std::lock_guard lock(mutex_);
                    validationSpans_[shared->id] = ValidationSpan{start, end, worker};
                }
                if (!settled->exchange(true)) onValidated(shared->id, std::move(outcome));
            },
            kValidatePriority, 0,
            [this, shared, settled](const Error& e) {
                if (settled->exchange(true)) return;
                // Dropped by cancel (Cancelled) or the validation threw (Internal): either way the file gets
                // a result, in its turn.
                const bool cancelled = e.code == ErrorCode::Cancelled;
                onValidated(
                    shared->id,
                    std::make_shared<Validated>(Validated{
                        Unexpected(ValidationFailure{*shared, ImageFormat::Unknown, e, 0}), cancelled}));
            });
    }
}

void BatchEngine::Impl::answerUnvalidated(const ScanItem& item, const Error& reason) {
    {
        std::lock_guard lock(mutex_);
        ++validating_;  // balanced by onValidated, which keeps planning in scan order
    }
    onValidated(item.id, std::make_shared<Validated>(Validated{
                             Unexpected(ValidationFailure{item, ImageFormat::Unknown, reason, 0}), true}));
}

void BatchEngine::Impl::onValidated(TaskId id, std::shared_ptr<Validated> v) {
    {
        std::lock_guard lock(mutex_);
        --validating_;
        reorder_[id] = std::move(v);
    }
    planAndDeliver();
}

void BatchEngine::Impl::planAndDeliver() {
    std::vector<TaskResult> toDeliver;
    std::vector<PlannedTask> planned;
    {
        std::unique_lock lock(mutex_);
        planInOrder(toDeliver, planned);
        submitValidations();
        if (!planned.empty()) admitLocked(lock);
    }
    changed_.notify_all();
    sweepTargetFolders(planned, toDeliver);
    for (const auto& p : planned) callSafely(callbacks_.onPlanned, p);
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
    // A shard plans once the scan is over: a name given because of a file on disk must skip every name the
    // job's files claim, the later ones too, or two shards could write one file (output_planner.hpp).
    if (sharded() && (scanning_ || !scanQueue_.empty())) return;
    while (!reorder_.empty() && reorder_.begin()->first == nextPlanId_) {
        auto node = reorder_.extract(reorder_.begin());
        ++nextPlanId_;
        const Validated& val = *node.mapped();
        if (!val.result || val.upToDate || cancel_.cancelled()) planner_.drop(node.key());
        if (val.upToDate && !cancel_.cancelled()) {
            // The earlier output stays, and no other input of this run may write there.
            if (val.upToDate->output) planner_.keep(*val.upToDate->output);
            toDeliver.push_back(*val.upToDate);
            continue;
        }
        if (!val.result) {
            const ValidationFailure& f = val.result.error();
            const bool skip = val.cancelled || cancel_.cancelled();
            const Error reason =
                val.cancelled || !cancel_.cancelled() ? f.error : Error{ErrorCode::Cancelled, "cancelled"};
            toDeliver.push_back(skip ? skippedResult(f.source, f.format, reason)
                                     : failedResult(f.source, f.format, reason));
            if (!val.cancelled) toDeliver.back().timings.validateSeconds = f.seconds;
            continue;
        }
        const ValidatedTask& task = *val.result;
        if (cancel_.cancelled()) {
            toDeliver.push_back(
                skippedResult(task.source, task.header.format, Error{ErrorCode::Cancelled, "cancelled"}));
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

// At the start of a run (and whenever nothing runs), admission waits a moment for validation to catch up with
// the scan, so that largest-first sees the whole drop rather than its first few files; otherwise the biggest
// image of a small drop, validated behind the first encodes, started last and ran alone (docs/benchmarks.md,
// run G). True while that wait lasts.
bool BatchEngine::Impl::settling(std::chrono::steady_clock::time_point now) {
    if (inFlightTasks_ != 0 || urgent_ || validationSettledLocked()) {
        settleDeadline_.reset();
        return false;
    }
    if (!settleDeadline_) settleDeadline_ = now + kSettleTime;
    return now < *settleDeadline_;
}

void BatchEngine::Impl::schedulerLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        // Workers admit the next task themselves as they finish one; this thread covers the rest: the first
        // admission after the settle wait, a "Process next" while paused, and memory that frees up.
        if (settleDeadline_)
            changed_.wait_until(lock, *settleDeadline_);
        else
            changed_.wait_for(lock, kMemoryRecheck);
        if (stopping_) return;
        admitLocked(lock);
    }
}

// The latest memory sample, refreshed when older than kMemoryRecheck: probing reads four /proc and cgroup
// files, too much to do for each of 10,000 tiny images.
std::uint64_t BatchEngine::Impl::budgetLocked(std::unique_lock<std::mutex>& lock) {
    const auto now = std::chrono::steady_clock::now();
    if (now - sampledAt_ >= kMemoryRecheck) {
        lock.unlock();
        const MemorySample fresh = probe_->sample();
        lock.lock();
        lastSample_ = fresh;
        sampledAt_ = now;
    }
    return batchBudget(lastSample_, config_.budget, baselineRss_);
}

// Admits planned tasks while a worker is free and their estimates fit the budget: called by a worker as it
// finishes a task, after planning, on resume and by the scheduler thread. A task raised by "Process next" is
// admitted at once, even while paused or with every worker busy, so that it sits in the pool's priority queue
// ahead of everything admitted before it.
void BatchEngine::Impl::admitLocked(std::unique_lock<std::mutex>& lock) {
    while (!ready_.empty() && !cancel_.cancelled() && !stopping_) {
        const bool urgent = urgent_;
        if (!urgent && (paused_ || inFlightTasks_ >= workers_)) return;
        if (settling(std::chrono::steady_clock::now())) {
            changed_.notify_all();  // the scheduler thread wakes at the deadline
            return;
        }
        const std::uint64_t budget = budgetLocked(lock);
        if (ready_.empty() || cancel_.cancelled()) return;
        const std::size_t slots = urgent ? 1 : std::size_t(workers_ - inFlightTasks_);
        // First fit over the head of the queue; a task passed over twice holds the line so it cannot starve.
        std::vector<std::uint64_t> estimates;
        for (std::size_t i = 0; i < ready_.size() && i < slots + 16; ++i)
            estimates.push_back(ready_[i].estimatedBytes);
        const auto chosen =
            admitSelection(estimates, budget, inFlightBytes_, slots, urgent || headPassed_ >= 2);
        if (chosen.empty()) return;  // over budget: a finishing task or the scheduler's recheck tries again
        urgent_ = false;
        headPassed_ = chosen.front() == 0 ? 0 : headPassed_ + 1;
        std::vector<PlannedTask> admitted;
        for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
            admitted.insert(admitted.begin(), std::move(ready_[*it]));
            ready_.erase(ready_.begin() + std::ptrdiff_t(*it));
        }
        std::uint64_t sum = 0;
        for (const auto& t : admitted) sum += t.estimatedBytes;
        inFlightBytes_ += sum;
        inFlightTasks_ += int(admitted.size());
        submitValidations();
        const std::uint64_t round =
            metrics_.beginBatch(int(admitted.size()), sum, budget, lastSample_.availableBytes);
        const double admittedAt = metrics_.now();
        for (auto& t : admitted) submitEncode(std::make_shared<PlannedTask>(std::move(t)), round, admittedAt);
    }
}

void BatchEngine::Impl::submitEncode(std::shared_ptr<PlannedTask> task, std::uint64_t batch,
                                     double admittedAt) {
    const TaskId id = task->source.id;
    const int priority = task->priority;
    // Exactly one of the job and the fallback releases the task and delivers its result: a job that threw
    // before it delivered is answered by the fallback; one that threw after (in a callback) already was.
    auto settled = std::make_shared<std::atomic<bool>>(false);
    pool_->submit([this, task, batch, admittedAt,
                   settled](int worker) { runEncode(*task, batch, worker, admittedAt, *settled); },
                  priority, id,
                  [this, task, batch, settled](const Error& e) {
                      if (settled->exchange(true)) return;
                      releaseInFlight(*task);
                      metrics_.batchTaskFinished(batch, metrics_.now());
                      TaskResult r = e.code == ErrorCode::Cancelled
                                         ? skippedResult(task->source, task->header.format, e)
                                         : failedResult(task->source, task->header.format, e);
                      r.batch = batch;
                      deliver(std::move(r));
                  });
}

// A finished (or dropped) task frees its slot and its memory, and the next task that fits is admitted at
// once, on this thread: a worker never waits for a round to drain or for another thread to wake.
void BatchEngine::Impl::releaseInFlight(const PlannedTask& task) {
    {
        std::unique_lock lock(mutex_);
        inFlightBytes_ -= task.estimatedBytes;
        --inFlightTasks_;
        admitLocked(lock);
    }
    changed_.notify_all();
}

void BatchEngine::Impl::runEncode(const PlannedTask& task, std::uint64_t batch, int worker, double admittedAt,
                                  std::atomic<bool>& settled) {
    const double startedAt = metrics_.now();
    metrics_.taskStarted(worker);
    // A task that runs alone (a huge image, or the last of a run) gets every core.
    int running = 1;
    {
        std::lock_guard lock(mutex_);
        running = std::max(1, inFlightTasks_);
    }
    // A small image gets one: its pixels are read in this thread (vips_runtime.hpp, kInThreadPixels).
    const bool small = task.header.pixels() < kInThreadPixels;
    setTaskThreads(small ? 1 : std::max(1, cores_ / running));
    TaskResult r = cancel_.cancelled() ? skippedResult(task.source, task.header.format,
                                                       Error{ErrorCode::Cancelled, "cancelled"})
                                       : runTask(task, options_, cancel_, context_);
    r.worker = worker;
    r.batch = batch;
    r.priority = task.priority;
    r.timings.queueWaitSeconds = startedAt - admittedAt;
    const double endedAt = metrics_.now();
    r.timings.start = startedAt;
    r.timings.end = endedAt;
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
    {
        std::lock_guard lock(mutex_);
        if (auto span = validationSpans_.find(result.id); span != validationSpans_.end()) {
            result.timings.validateStart = span->second.start;
            result.timings.validateEnd = span->second.end;
            result.timings.validateWorker = span->second.worker;
            validationSpans_.erase(span);
        }
    }
    // Recorded with its validation span, for the metrics panel's timeline.
    metrics_.recordResult(result);
    bool finishedNow = false;
    {
        std::lock_guard lock(mutex_);
        results_.push_back(result);
        ++done_;
        finishedNow = finishedLocked();
    }
    // wait() returns only after the last result's callbacks ran, so a caller sees every result it was told
    // of.
    callSafely(callbacks_.onResult, result);
    callSafely(callbacks_.onProgress, progress());
    if (finishedNow) {
        changed_.notify_all();
        callSafely(callbacks_.onFinished);
    }
}

// Nothing is being validated, and nothing more will be until tasks are admitted (the scan is over, or the
// look-ahead is full).
bool BatchEngine::Impl::validationSettledLocked() const {
    return validating_ == 0 && reorder_.empty() && (!toValidate_.empty() || !scanning_);
}

}  // namespace imgopt

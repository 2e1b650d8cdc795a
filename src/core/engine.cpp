#include "imgopt/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "batch_sizer.hpp"
#include "engine_impl.hpp"
#include "imgopt/version.hpp"
#include "process_memory.hpp"
#include "report_builder.hpp"
#include "shard.hpp"
#include "task_runner.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

int coreCount() { return std::max(1, int(std::thread::hardware_concurrency())); }

int workerCount(const EngineConfig& config, const Options& options) {
    if (config.workers > 0) return config.workers;
    return options.jobs > 0 ? options.jobs : coreCount();
}

// libvips threads are process-wide: workers x threads ~ cores. A task running alone gets more (runEncode).
int vipsThreadsPerWorker(int workers) { return std::max(1, coreCount() / workers); }

}  // namespace

BatchEngine::Impl::Impl(Options options, EngineConfig config, EngineCallbacks callbacks)
    : options_(std::move(options)),
      config_(std::move(config)),
      callbacks_(std::move(callbacks)),
      probe_(config_.probe ? config_.probe : std::make_shared<SystemMemoryProbe>()),
      cores_(coreCount()),
      workers_(workerCount(config_, options_)),
      metrics_(workers_, vipsThreadsPerWorker(workers_)),
      scanner_(options_, config_.shard),
      planner_(options_) {
    (void)initVips(nullptr);
    if (!config_.budget.memoryLimitBytes) {
        if (const char* limit = std::getenv("IMGOPT_MEMORY_LIMIT"); limit && *limit) {
            config_.budget.memoryLimitBytes = parseMemorySize(limit);
            if (!config_.budget.memoryLimitBytes)
                std::fprintf(stderr,
                             "imgopt: ignoring IMGOPT_MEMORY_LIMIT=%s (expected a size such as 400M or 2G)\n",
                             limit);
        }
    }
    lastSample_ = probe_->sample();
    sampledAt_ = std::chrono::steady_clock::now();
    baselineRss_ = lastSample_.rssBytes;
    setTaskThreads(vipsThreadsPerWorker(workers_));
    openRunState();
    pool_ = std::make_unique<WorkerPool>(workers_);
    scanThread_ = std::thread([this] { scanLoop(); });
    schedulerThread_ = std::thread([this] { schedulerLoop(); });
    samplerThread_ = std::thread([this] { samplerLoop(); });
}

BatchEngine::Impl::~Impl() {
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

void BatchEngine::Impl::scanLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || !scanQueue_.empty(); });
        if (stopping_) return;
        auto [paths, priority] = std::move(scanQueue_.front());
        scanQueue_.pop_front();
        lock.unlock();
        scanOne(paths, priority);
        lock.lock();
        if (scanQueue_.empty()) scanning_ = false;
        if (!scanning_ && sharded()) {
            // A shard plans only once every file of the job has claimed its name (planInOrder).
            lock.unlock();
            planAndDeliver();
            lock.lock();
        }
        // A scan that found nothing may be the last event of the run.
        if (finishedLocked()) {
            lock.unlock();
            changed_.notify_all();
            callSafely(callbacks_.onFinished);
            lock.lock();
        }
    }
}

void BatchEngine::Impl::scanOne(const std::vector<std::filesystem::path>& paths, int priority) {
    ScanSummary summary;
    try {
        summary = scanner_.scan(
            paths, [&](ScanItem item) { admitScanned(std::move(item), priority); }, &cancel_);
    } catch (const std::exception& e) {
        // The scanner reports unreadable paths itself; anything else must not end the scan thread.
        summary.errors.push_back(std::string("the scan stopped early: ") + e.what());
    }
    callSafely(callbacks_.onScanDone, summary);
    callSafely(callbacks_.onProgress, progress());
    std::lock_guard lock(mutex_);
    scanSummaries_.push_back(std::move(summary));
}

// Every scanned file claims its output name; only this process's share (all of it, unsharded) goes on to be
// validated, with ids numbered without gaps for planning in order.
void BatchEngine::Impl::admitScanned(ScanItem item, int priority) {
    const bool own = !config_.shard || inShard(item.path, item.root, *config_.shard);
    const ImageFormat sniffed = planner_.needsSniff() ? sniffFormat(item.path) : ImageFormat::Unknown;
    {
        std::lock_guard lock(mutex_);
        if (own) item.id = nextItemId_++;
        planner_.claim(item, sniffed, own);
    }
    if (!own) return;
    metrics_.addScanned(1);
    callSafely(callbacks_.onScanned, item);
    std::lock_guard lock(mutex_);
    ++known_;
    // The drop's priority reaches the task when it is planned, like a raised one.
    if (priority != 0) boosts_[item.id] = priority;
    if (!lastRoot_ || *lastRoot_ != item.root)
        lastRoot_ = std::make_shared<const std::filesystem::path>(item.root);
    toValidate_.push_back(QueuedItem{item.id, item.path.native(), lastRoot_, item.bytes, priority});
    submitValidations();
}

bool BatchEngine::Impl::finishedLocked() const { return !scanning_ && scanQueue_.empty() && done_ == known_; }

ProgressSnapshot BatchEngine::Impl::progress() const {
    bool finished = false;
    {
        std::lock_guard lock(mutex_);
        finished = finishedLocked();
    }
    return metrics_.progress(finished);
}

BatchEngine::BatchEngine(Options options, EngineConfig config, EngineCallbacks callbacks)
    : d_(std::make_unique<Impl>(std::move(options), std::move(config), std::move(callbacks))) {}

BatchEngine::~BatchEngine() { cancel(); }

void BatchEngine::addPaths(std::vector<std::filesystem::path> paths, int priority) {
    {
        std::lock_guard lock(d_->mutex_);
        if (d_->cancel_.cancelled()) return;
        d_->scanQueue_.emplace_back(std::move(paths), priority);
        d_->scanning_ = true;
    }
    d_->changed_.notify_all();
}

void BatchEngine::pause() {
    {
        std::lock_guard lock(d_->mutex_);
        if (d_->paused_) return;
        d_->paused_ = true;
    }
    d_->metrics_.pause();
    d_->pool_->pause();
}

void BatchEngine::resume() {
    {
        std::lock_guard lock(d_->mutex_);
        if (!d_->paused_) return;
        d_->paused_ = false;
    }
    d_->metrics_.resume();
    d_->pool_->resume();
    {
        std::unique_lock lock(d_->mutex_);
        d_->admitLocked(lock);
    }
    d_->changed_.notify_all();
}

bool BatchEngine::paused() const {
    std::lock_guard lock(d_->mutex_);
    return d_->paused_;
}

bool BatchEngine::cancelled() const { return d_->cancel_.cancelled(); }

void BatchEngine::cancel() {
    std::vector<PlannedTask> dropped;
    std::deque<QueuedItem> unvalidated;
    {
        std::lock_guard lock(d_->mutex_);
        d_->cancel_.cancel();
        d_->scanQueue_.clear();
        dropped.swap(d_->ready_);
        unvalidated.swap(d_->toValidate_);
    }
    d_->pool_->resume();  // a paused pool must still hand back its dropped jobs
    d_->pool_->clear();
    const Error cancelled{ErrorCode::Cancelled, "cancelled"};
    // Tasks that never reached the pool are answered in scan order through the planner's reorder buffer.
    for (const auto& queued : unvalidated) d_->answerUnvalidated(queued.item(), cancelled);
    for (auto& t : dropped) d_->deliver(skippedResult(t.source, t.header.format, cancelled));
    d_->changed_.notify_all();
}

bool BatchEngine::raisePriority(TaskId id, int priority) {
    auto& d = *d_;
    {
        std::lock_guard lock(d.mutex_);
        for (auto it = d.ready_.begin(); it != d.ready_.end(); ++it) {
            if (it->source.id != id) continue;
            PlannedTask t = std::move(*it);
            d.ready_.erase(it);
            t.priority = priority;
            d.ready_.insert(std::upper_bound(d.ready_.begin(), d.ready_.end(), t, byPriority), std::move(t));
            d.urgent_ = true;
            d.changed_.notify_all();  // the scheduler admits it, outside this call
            return true;
        }
        for (auto it = d.toValidate_.begin(); it != d.toValidate_.end(); ++it) {
            if (it->id != id) continue;
            auto entry = std::move(*it);
            d.toValidate_.erase(it);
            d.toValidate_.push_front(std::move(entry));
            d.boosts_[id] = priority;
            d.submitValidations();
            return true;
        }
        if (d.reorder_.count(id) || id >= d.nextPlanId_) {
            d.boosts_[id] = priority;
            return true;
        }
    }
    return d.pool_->reprioritise(id, priority);
}

bool BatchEngine::remove(TaskId id) {
    auto& d = *d_;
    std::optional<PlannedTask> planned;
    std::optional<ScanItem> unvalidated;
    {
        std::lock_guard lock(d.mutex_);
        if (auto it =
                std::find_if(d.ready_.begin(), d.ready_.end(), [&](auto& t) { return t.source.id == id; });
            it != d.ready_.end()) {
            planned = std::move(*it);
            d.ready_.erase(it);
        } else if (auto v = std::find_if(d.toValidate_.begin(), d.toValidate_.end(),
                                         [&](auto& e) { return e.id == id; });
                   v != d.toValidate_.end()) {
            unvalidated = v->item();
            d.toValidate_.erase(v);
        }
    }
    const Error removed{ErrorCode::Cancelled, "removed from the queue"};
    if (planned) d.deliver(skippedResult(planned->source, planned->header.format, removed));
    if (unvalidated) d.answerUnvalidated(*unvalidated, removed);
    if (planned || unvalidated) return true;
    // Admitted but not started: the pool's fallback answers it as skipped.
    return d.pool_->remove(id);
}

void BatchEngine::wait() {
    std::unique_lock lock(d_->mutex_);
    d_->changed_.wait(lock, [this] { return d_->finishedLocked() || d_->stopping_; });
}

bool BatchEngine::finished() const {
    std::lock_guard lock(d_->mutex_);
    return d_->finishedLocked();
}

ProgressSnapshot BatchEngine::progress() const { return d_->progress(); }

MetricsSnapshot BatchEngine::metrics() const {
    bool finished = false;
    {
        std::lock_guard lock(d_->mutex_);
        finished = d_->finishedLocked();
    }
    return d_->metrics_.snapshot(finished);
}

RunReport BatchEngine::report() const {
    RunReport r;
    r.toolVersion = kVersion;
    r.settings = d_->options_;
    const MetricsSnapshot m = metrics();
    {
        std::lock_guard lock(d_->mutex_);
        r.files = d_->results_;
        for (const auto& s : d_->scanSummaries_) {
            r.scanNotImages += s.notImages;
            r.scanHiddenSkipped += s.hiddenSkipped;
            r.scanDuplicates += s.duplicates;
            r.scanErrors.insert(r.scanErrors.end(), s.errors.begin(), s.errors.end());
        }
        r.notices = d_->notices_;
    }
    if (const int swept = d_->sweeper_.removed(); swept > 0) {
        r.notices.push_back(
            fmt::format("removed {} temporary file(s) left by an earlier run that was interrupted", swept));
    }
    r.shard = d_->config_.shard;
    r.batches = m.batches;
    r.memory = m.memory;
    r.workers = m.workers;
    r.vipsThreadsPerWorker = m.vipsThreadsPerWorker;
    r.workerBusySeconds = m.workerBusySeconds;
    r.workerValidateSeconds = m.workerValidateSeconds;
    r.peakRssBytes = std::max(m.peakRssBytes, peakRssSinceReset().value_or(0));
    r.system = currentSystem();
    // Wall time ends at the last result, not at the moment the report is asked for, and leaves pauses out.
    r.summary.wallSeconds = d_->metrics_.activeSecondsAtLastResult();
    r.summary.pausedSeconds = m.progress.pausedSeconds;
    summarise(r);
    return r;
}

const Options& BatchEngine::options() const { return d_->options_; }

int BatchEngine::workers() const { return d_->workers_; }

}  // namespace imgopt

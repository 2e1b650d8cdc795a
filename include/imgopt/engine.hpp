#pragma once
// BatchEngine: the pipeline scan -> validate -> plan -> schedule -> encode -> write -> results and metrics.
// It owns its worker pool, a memory sampler and the scheduler thread. The CLI, the GUI, the tests and the
// benchmarks all drive it the same way.
//
// Thread rules:
// - start(), addPaths(), pause(), resume(), cancel(), raisePriority(), metrics() may be called from any
//   thread and never block on running image work.
// - Callbacks run on engine threads (scanner, scheduler or workers). They receive values and must return
//   quickly; a GUI posts them to its own thread.
// - wait() blocks until every task has a result; never call it from a GUI thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "imgopt/batch_sizer.hpp"
#include "imgopt/cancel_token.hpp"
#include "imgopt/memory_probe.hpp"
#include "imgopt/metrics.hpp"
#include "imgopt/options.hpp"
#include "imgopt/output_planner.hpp"
#include "imgopt/report.hpp"
#include "imgopt/scanner.hpp"
#include "imgopt/task.hpp"
#include "imgopt/worker_pool.hpp"

namespace imgopt {

struct EngineCallbacks {
    std::function<void(const ScanItem&)> onScanned;       // a file joined the run
    std::function<void(const PlannedTask&)> onPlanned;    // validated and planned (dry runs stop here)
    std::function<void(const TaskResult&)> onResult;      // final outcome of one file
    std::function<void(const ScanSummary&)> onScanDone;   // one call per addPaths()
    std::function<void()> onFinished;                     // all known work has a result
};

struct EngineConfig {
    int workers = 0;                                  // 0 = cores
    std::shared_ptr<const MemoryProbe> probe;         // null = SystemMemoryProbe
    BatchBudgetPolicy budget;
    double sampleIntervalSeconds = 0.25;
};

class BatchEngine {
public:
    BatchEngine(Options options, EngineConfig config = {}, EngineCallbacks callbacks = {});
    ~BatchEngine();  // cancels and joins
    BatchEngine(const BatchEngine&) = delete;
    BatchEngine& operator=(const BatchEngine&) = delete;

    // Scans `paths` (on a background thread) and queues what it finds. May be called again while running:
    // new paths join the same run.
    void addPaths(std::vector<std::filesystem::path> paths, int priority = 0);

    void pause();
    void resume();
    bool paused() const;
    // Drops queued tasks and kills running libvips work; their results come back as skipped ("cancelled").
    void cancel();
    bool cancelled() const { return cancel_.cancelled(); }
    // Moves a task that has not started ahead of the others. False when it already runs or ran.
    bool raisePriority(TaskId id, int priority);
    // Takes a task that has not started out of the run; its result comes back as skipped. False when it
    // already runs or ran.
    bool remove(TaskId id);

    // Blocks until all work added so far has a result.
    void wait();
    bool finished() const;

    MetricsSnapshot metrics() const;
    // The report of everything so far (a copy). Complete after wait().
    RunReport report() const;

    const Options& options() const { return options_; }
    int workers() const;

private:
    struct Validated;  // a validation outcome waiting for its turn to be planned (scan order)

    void scanLoop();
    void submitValidations();              // tops up validation jobs; needs mutex_ held
    void onValidated(TaskId id, std::shared_ptr<Validated> v);
    void schedulerLoop();
    void samplerLoop();
    void runEncode(PlannedTask task, std::uint64_t batch, int worker, double admittedAt);
    void deliver(TaskResult result);
    bool finishedLocked() const;
    bool validationSettledLocked() const;

    Options options_;
    EngineConfig config_;
    EngineCallbacks callbacks_;
    CancelToken cancel_;
    std::shared_ptr<const MemoryProbe> probe_;
    int cores_ = 1;
    int workers_ = 1;
    Metrics metrics_;
    std::unique_ptr<Scanner> scanner_;
    std::unique_ptr<OutputPlanner> planner_;
    std::unique_ptr<WorkerPool> pool_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::pair<std::vector<std::filesystem::path>, int>> scanQueue_;
    std::deque<std::pair<ScanItem, int>> toValidate_;   // scanned, not yet submitted for validation
    int validating_ = 0;                                // validation jobs submitted, not finished
    std::map<TaskId, std::shared_ptr<Validated>> reorder_;
    TaskId nextPlanId_ = 1;
    std::vector<PlannedTask> ready_;                    // planned, waiting for admission, priority order
    std::map<TaskId, int> boosts_;                      // priorities raised before a task was planned
    std::uint64_t inFlightBytes_ = 0;
    int inFlightTasks_ = 0;
    std::uint64_t known_ = 0;
    std::uint64_t done_ = 0;
    bool scanning_ = false;
    bool stopping_ = false;
    bool paused_ = false;
    bool urgent_ = false;
    int headPassed_ = 0;                                // batches that passed over ready_'s first task                               // a raised task waits in ready_ for admission
    std::vector<TaskResult> results_;
    std::vector<ScanSummary> scanSummaries_;
    std::thread scanThread_, schedulerThread_, samplerThread_;
};

}  // namespace imgopt

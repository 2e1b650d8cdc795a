#pragma once
// BatchEngine's private state (the d-pointer of imgopt/engine.hpp). Its methods are defined in engine.cpp
// (the public operations and the scan), engine_pipeline.cpp (validation, planning, scheduling, encoding) and
// engine_run_state.cpp (what earlier runs left: the run state, stale temp files, the shared task context).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cancel_token.hpp"
#include "full_disk_guard.hpp"
#include "imgopt/engine.hpp"
#include "metrics_recorder.hpp"
#include "output_commit.hpp"
#include "output_planner.hpp"
#include "run_state.hpp"
#include "scanner.hpp"
#include "temp_sweeper.hpp"
#include "trash.hpp"
#include "validator.hpp"
#include "worker_pool.hpp"

namespace imgopt {

// A callback is the tool's code; one that throws must not stop the engine from counting the result, waking
// wait() or finishing the run. Its message goes to stderr, as nothing else can receive it.
template <typename F, typename... Args>
void callSafely(const F& callback, const Args&... args) {
    if (!callback) return;
    try {
        callback(args...);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "imgopt: an engine callback threw: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "imgopt: an engine callback threw\n");
    }
}

// Admission order: higher priority first; within a priority the largest task first, so it never runs alone
// at the end of a run while the other workers idle; then scan order.
bool byPriority(const PlannedTask& a, const PlannedTask& b);

// A scanned file waiting for validation, held compactly: a queue of 100,000 files then costs about what their
// paths cost, not two std::filesystem::path each with its list of components (about 1 KB a file).
struct QueuedItem {
    TaskId id = 0;
    std::string path;
    std::shared_ptr<const std::filesystem::path> root;  // shared by the files of one dropped folder
    std::uint64_t bytes = 0;
    int priority = 0;
    ScanItem item() const { return ScanItem{id, path, root ? *root : std::filesystem::path(), bytes}; }
};

class BatchEngine::Impl {
public:
    Impl(Options options, EngineConfig config, EngineCallbacks callbacks);
    ~Impl();

    // A validation outcome waiting for its turn to be planned (scan order).
    struct Validated {
        Validated(ValidationResult r, bool c) : result(std::move(r)), cancelled(c) {}
        ValidationResult result;
        bool cancelled = false;  // answered without validating: cancelled, or removed from the queue
        // What an earlier run left, checked before validating: the result of a source that is up to date
        // (then `result` is not looked at), or this source's earlier output that may be replaced.
        std::optional<TaskResult> upToDate;
        std::optional<std::filesystem::path> ownOutput;
    };

    void openRunState();
    std::shared_ptr<Validated> checkAndValidate(const ScanItem& item);  // on a worker
    void sweepTargetFolders(const std::vector<PlannedTask>& planned, const std::vector<TaskResult>& results);
    void scanLoop();
    void scanOne(const std::vector<std::filesystem::path>& paths, int priority);
    void admitScanned(ScanItem item, int priority);  // on the scan thread
    bool sharded() const { return config_.shard && config_.shard->count > 1; }
    void planAndDeliver();     // plans what validation made ready, then delivers; takes mutex_
    void submitValidations();  // tops up validation jobs; needs mutex_ held
    void onValidated(TaskId id, std::shared_ptr<Validated> v);
    void planInOrder(std::vector<TaskResult>& toDeliver, std::vector<PlannedTask>& planned);  // needs mutex_
    void schedulerLoop();
    bool settling(std::chrono::steady_clock::time_point now);  // needs mutex_
    void admitLocked(std::unique_lock<std::mutex>& lock);
    std::uint64_t budgetLocked(std::unique_lock<std::mutex>& lock);
    void submitEncode(std::shared_ptr<PlannedTask> task, std::uint64_t batch, double admittedAt);
    void runEncode(const PlannedTask& task, std::uint64_t batch, int worker, double admittedAt,
                   std::atomic<bool>& settled);
    void releaseInFlight(const PlannedTask& task);
    void samplerLoop();
    void deliver(TaskResult result);
    void answerUnvalidated(const ScanItem& item, const Error& reason);
    bool finishedLocked() const;
    bool validationSettledLocked() const;
    ProgressSnapshot progress() const;

    const Options options_;
    EngineConfig config_;
    const EngineCallbacks callbacks_;
    CancelToken cancel_;
    std::shared_ptr<const MemoryProbe> probe_;
    int cores_ = 1;
    int workers_ = 1;
    MetricsRecorder metrics_;
    Scanner scanner_;        // used by the scan thread only
    OutputPlanner planner_;  // guarded by mutex_ (plans in scan order)
    std::unique_ptr<WorkerPool> pool_;
    std::unique_ptr<RunState> state_;  // null when disabled or unavailable; thread-safe
    Trash trash_;
    FullDiskGuard disk_;   // thread-safe
    TempSweeper sweeper_;  // thread-safe
    TaskContext context_;  // set before any task runs, then only read

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::pair<std::vector<std::filesystem::path>, int>> scanQueue_;  // guarded by mutex_
    std::deque<QueuedItem> toValidate_;                      // scanned, not yet submitted; guarded by mutex_
    std::shared_ptr<const std::filesystem::path> lastRoot_;  // the scan thread's
    int validating_ = 0;                                     // submitted, not finished; guarded by mutex_
    std::map<TaskId, std::shared_ptr<Validated>> reorder_;   // guarded by mutex_
    TaskId nextPlanId_ = 1;                                  // guarded by mutex_
    TaskId nextItemId_ = 1;                                  // this process's scanned files; mutex_
    std::vector<PlannedTask> ready_;   // planned, waiting for admission, in priority order
    std::map<TaskId, int> boosts_;     // priorities raised before planning; guarded by mutex_
    std::uint64_t inFlightBytes_ = 0;  // guarded by mutex_
    int inFlightTasks_ = 0;            // guarded by mutex_
    std::uint64_t known_ = 0;          // guarded by mutex_
    std::uint64_t done_ = 0;           // guarded by mutex_
    bool scanning_ = false;            // guarded by mutex_
    bool stopping_ = false;            // guarded by mutex_
    bool paused_ = false;              // guarded by mutex_
    bool urgent_ = false;              // a raised task waits in ready_; guarded by mutex_
    int headPassed_ = 0;               // admissions that passed over ready_'s first task
    std::optional<std::chrono::steady_clock::time_point> settleDeadline_;  // guarded by mutex_
    MemorySample lastSample_;                            // the latest probe for admission; guarded by mutex_
    std::chrono::steady_clock::time_point sampledAt_{};  // guarded by mutex_
    std::uint64_t baselineRss_ = 0;                      // the process before its first task
    struct ValidationSpan {
        double start = -1, end = -1;
        int worker = -1;
    };
    std::unordered_map<TaskId, ValidationSpan>
        validationSpans_;                     // until the file's result; guarded by mutex_
    ReportRows results_;                      // streamed to a temporary file past a few thousand; mutex_
    std::vector<ScanSummary> scanSummaries_;  // guarded by mutex_
    std::vector<std::string> notices_;        // guarded by mutex_
    std::thread scanThread_, schedulerThread_, samplerThread_;
};

}  // namespace imgopt

#pragma once
// BatchEngine: the pipeline scan -> validate -> plan -> schedule -> encode -> write -> results and metrics.
// It owns its worker pool, a memory sampler and the scheduler thread. The CLI, the GUI, the tests and the
// benchmarks all drive it the same way. Its state lives in a private Impl (engine_impl.hpp).
//
// Thread rules:
// - Every public method may be called from any thread; none of them blocks on running image work except
//   wait() and the destructor.
// - Callbacks run on engine threads (scanner, scheduler or workers). They receive values and must return
//   quickly; a GUI posts them to its own thread. They must not call back into the engine's wait().
// - wait() blocks until every task has a result; never call it from a GUI thread.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "imgopt/memory_probe.hpp"
#include "imgopt/metrics.hpp"
#include "imgopt/options.hpp"
#include "imgopt/progress.hpp"
#include "imgopt/report.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct EngineCallbacks {
    std::function<void(const ScanItem&)> onScanned;           // a file joined the run
    std::function<void(const PlannedTask&)> onPlanned;        // validated and planned (dry runs stop here)
    std::function<void(const TaskResult&)> onResult;          // final outcome of one file
    std::function<void(const ProgressSnapshot&)> onProgress;  // after each result, and after each scan
    std::function<void(const ScanSummary&)> onScanDone;       // one call per addPaths()
    std::function<void()> onFinished;                         // all known work has a result
};

// How much memory the tasks running at once may take together (their summed estimates).
struct BatchBudgetPolicy {
    // This fraction of the memory really there: MemAvailable, or the cgroup's limit minus its usage when that
    // is smaller (the probe gives the smaller of the two).
    double fractionOfAvailable = 0.5;
    // A cap on the whole process's memory, for users and tests: IMGOPT_MEMORY_LIMIT=SIZE in the environment
    // when not set here. The tasks' budget is then the cap minus what the process used before its first task.
    std::optional<std::uint64_t> memoryLimitBytes;
    std::uint64_t floorBytes = 64ull << 20;  // the budget from available memory never goes below this
};

struct EngineConfig {
    int workers = 0;  // 0 = Options::jobs, and then one per core
    // The run state: what earlier runs wrote, so reruns skip up-to-date outputs and in-place runs can be
    // undone (imgopt/undo.hpp). Off: every source is new and nothing is recorded (benchmarks).
    bool useRunState = true;
    std::filesystem::path stateFolder;         // empty = $XDG_STATE_HOME/imgopt (~/.local/state/imgopt)
    std::shared_ptr<const MemoryProbe> probe;  // null = SystemMemoryProbe
    BatchBudgetPolicy budget;
    double sampleIntervalSeconds = 0.25;
    // This process's share of a job split over several (docs/scale-out.md); the tool checks the options with
    // checkShardable() first. Every file is still scanned, to claim its output name, and files of other
    // shards are then left out: no result, no count.
    std::optional<Shard> shard;
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
    bool cancelled() const;
    // Moves a task that has not started ahead of the others. False when it already runs or ran.
    bool raisePriority(TaskId id, int priority);
    // Takes a task that has not started out of the run; its result comes back as skipped. False when it
    // already runs or ran.
    bool remove(TaskId id);

    // Blocks until all work added so far has a result.
    void wait();
    bool finished() const;

    ProgressSnapshot progress() const;
    MetricsSnapshot metrics() const;
    // The report of everything so far (a copy). Complete after wait().
    RunReport report() const;

    const Options& options() const;
    int workers() const;

private:
    class Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace imgopt

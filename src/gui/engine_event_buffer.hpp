#pragma once
// EngineEventBuffer: where the engine's callbacks leave their values for the GUI thread. Engine threads
// append copies; the GUI thread takes everything gathered since its last visit in one go, so a run of
// 100,000 files costs the GUI a few dozen deliveries a second instead of one queued call per file and stage.
//
// Thread rules: the add* methods are called on any engine thread, take() on the GUI thread. The GUI only sees
// the copies take() hands over; it never reads what an engine thread is still writing.

#include <functional>
#include <mutex>
#include <vector>

#include "imgopt/engine.hpp"

namespace imgopt::gui {

// What one run's engine reported since the last take(). Each kind keeps the engine's order; a file's scan
// always reaches the GUI no later than its plan and its result, because one take() empties all three.
struct EngineEvents {
    int run = 0;
    std::vector<ScanItem> scanned;
    std::vector<PlannedTask> planned;
    std::vector<TaskResult> results;
    std::vector<ScanSummary> scanDone;
    bool finished = false;  // delivered after everything above
};

class EngineEventBuffer {
public:
    // Each returns true when the buffer was empty before the call: then, and only then, the caller wakes the
    // GUI thread.
    bool addScanned(int run, const ScanItem& item);
    bool addPlanned(int run, const PlannedTask& task);
    bool addResult(int run, const TaskResult& result);
    bool addScanDone(int run, const ScanSummary& summary);
    bool addFinished(int run);

    // Everything gathered so far, oldest run first; the buffer is empty afterwards.
    std::vector<EngineEvents> take();

private:
    // Records one event under the lock; true when the buffer was empty before.
    bool add(int run, const std::function<void(EngineEvents&)>& record);
    // The batch for `run` at the end of the list; a new one when the run changed. Call with mutex_ held.
    EngineEvents& batchFor(int run);

    std::mutex mutex_;
    std::vector<EngineEvents> pending_;  // guarded by mutex_
};

}  // namespace imgopt::gui

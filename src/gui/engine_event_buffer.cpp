#include "gui/engine_event_buffer.hpp"

namespace imgopt::gui {

EngineEvents& EngineEventBuffer::batchFor(int run) {
    // A finished batch stays closed: events after it (paths that joined late) must not be delivered before
    // the "finished" they followed.
    if (pending_.empty() || pending_.back().run != run || pending_.back().finished) {
        pending_.emplace_back();
        pending_.back().run = run;
    }
    return pending_.back();
}

bool EngineEventBuffer::addScanned(int run, const ScanItem& item) {
    const std::lock_guard lock(mutex_);
    const bool wasEmpty = pending_.empty();
    batchFor(run).scanned.push_back(item);
    return wasEmpty;
}

bool EngineEventBuffer::addPlanned(int run, const PlannedTask& task) {
    const std::lock_guard lock(mutex_);
    const bool wasEmpty = pending_.empty();
    batchFor(run).planned.push_back(task);
    return wasEmpty;
}

bool EngineEventBuffer::addResult(int run, const TaskResult& result) {
    const std::lock_guard lock(mutex_);
    const bool wasEmpty = pending_.empty();
    batchFor(run).results.push_back(result);
    return wasEmpty;
}

bool EngineEventBuffer::addScanDone(int run, const ScanSummary& summary) {
    const std::lock_guard lock(mutex_);
    const bool wasEmpty = pending_.empty();
    batchFor(run).scanDone.push_back(summary);
    return wasEmpty;
}

bool EngineEventBuffer::addFinished(int run) {
    const std::lock_guard lock(mutex_);
    const bool wasEmpty = pending_.empty();
    batchFor(run).finished = true;
    return wasEmpty;
}

std::vector<EngineEvents> EngineEventBuffer::take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(pending_, {});
}

}  // namespace imgopt::gui

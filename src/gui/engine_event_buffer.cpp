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

bool EngineEventBuffer::add(int run, const std::function<void(EngineEvents&)>& record) {
    const std::lock_guard lock(mutex_);
    const bool wasEmpty = pending_.empty();
    record(batchFor(run));
    return wasEmpty;
}

bool EngineEventBuffer::addScanned(int run, const ScanItem& item) {
    return add(run, [&](EngineEvents& e) { e.scanned.push_back(item); });
}

bool EngineEventBuffer::addPlanned(int run, const PlannedTask& task) {
    return add(run, [&](EngineEvents& e) { e.planned.push_back(task); });
}

bool EngineEventBuffer::addResult(int run, const TaskResult& result) {
    return add(run, [&](EngineEvents& e) { e.results.push_back(result); });
}

bool EngineEventBuffer::addScanDone(int run, const ScanSummary& summary) {
    return add(run, [&](EngineEvents& e) { e.scanDone.push_back(summary); });
}

bool EngineEventBuffer::addFinished(int run) {
    return add(run, [](EngineEvents& e) { e.finished = true; });
}

std::vector<EngineEvents> EngineEventBuffer::take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(pending_, {});
}

}  // namespace imgopt::gui

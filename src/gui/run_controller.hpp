#pragma once
// RunController: owns the BatchEngine of the current run and turns its callbacks, which run on engine
// threads, into signals on the GUI thread. Every value crosses threads by copy through an EngineEventBuffer;
// the GUI never reads what workers write. The buffer is delivered in batches, at most one every
// kDeliveryMs, so a run of 100,000 tiny files does not flood the event loop with one call per file.
//
// One BatchEngine is one run. Paths dropped while a run is active join it; paths dropped after it ended
// start a new engine (the old results stay in the queue). With auto-start off, a run is created paused so
// the scan still streams rows in, and start() releases it.
//
// Thread rules: every method is called on the GUI thread, and none of them blocks on image work.

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

#include "gui/engine_event_buffer.hpp"
#include "imgopt/engine.hpp"

namespace imgopt::gui {

class RunController : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kListedFailures = 1000;

    enum class State { Idle, Waiting, Running, Paused, Cancelling };
    Q_ENUM(State)

    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    // Options for runs created from now on; a running engine keeps the copy it started with.
    void setOptions(const Options& options);
    const Options& options() const { return options_; }

    // Queues paths. With `startNow` false a new run waits for start().
    void addPaths(const QStringList& paths, bool startNow);
    void start();
    void pause();
    void resume();
    void cancel();
    // "Process next": puts a task of the current run ahead of the others.
    bool processNext(int run, TaskId id);
    // "Process again": runs `paths` once more with force, so that outputs an earlier run left up to date are
    // redone. Starts at once when no run is active, otherwise when the current one has ended.
    void processAgain(const QStringList& paths);
    // Takes a queued file out of the running batch; false when it has already started.
    bool remove(int run, TaskId id);

    State state() const { return state_; }
    bool hasRun() const { return engine_ != nullptr; }
    int currentRun() const { return run_; }
    // The core's progress model of the current (or last) run; empty before the first run.
    ProgressSnapshot progress() const;
    std::optional<MetricsSnapshot> metrics() const;
    // The report of the current (or last) run. Once a run has finished, the one built in the background for
    // reportReady; while a run goes on (or before that report is ready), built here and now.
    std::optional<RunReport> report() const;

signals:
    void runCreated(int run);
    // Batches in the engine's order: a file's scan comes no later than its plan, its plan no later than its
    // result.
    void scanned(int run, const std::vector<imgopt::ScanItem>& items);
    void planned(int run, const std::vector<imgopt::PlannedTask>& tasks);
    void resultsReady(int run, const std::vector<imgopt::TaskResult>& results);
    void scanDone(int run, const imgopt::ScanSummary& summary);
    void runFinished(int run);
    // The finished run's report, built on a pool thread: reading back 100,000 rows takes seconds, which the
    // GUI thread must not wait for (docs/benchmarks.md, "GUI at 100,000 files").
    // `failed`: its failed files, at most kListedFailures of them.
    void reportReady(int run, const imgopt::RunReport& report, const std::vector<imgopt::TaskResult>& failed);
    void stateChanged(imgopt::gui::RunController::State state);
    void progressChanged();

private:
    void createEngine(bool force = false);
    void setState(State state);
    void handleFinished(int run);
    void buildReport(int run);
    // Called on the GUI thread when the buffer got its first event: delivers now, or once kDeliveryMs have
    // passed since the last delivery.
    void scheduleDelivery();
    void deliver();
    void deliverBatch(const EngineEvents& events);
    // From an engine thread: wakes the GUI thread when `wasEmpty`.
    void wake(bool wasEmpty);

    Options options_;
    std::shared_ptr<BatchEngine> engine_;              // shared with the thread that builds its report
    std::shared_ptr<const RunReport> finishedReport_;  // of run finishedReportRun_
    int finishedReportRun_ = 0;
    int run_ = 0;
    State state_ = State::Idle;
    QStringList pendingPaths_;  // dropped while a cancelled run winds down
    QStringList pendingAgain_;  // "process again" asked while a run was active
    bool pendingStart_ = true;
    int nextBoost_ = 1;
    EngineEventBuffer events_;
    QTimer deliveryTimer_;
    QElapsedTimer sinceDelivery_;
};

}  // namespace imgopt::gui

#include "gui/run_controller.hpp"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>

#include "gui/gui_log.hpp"

namespace imgopt::gui {

namespace {
// Twenty deliveries a second look live, and leave the event loop free between them.
constexpr int kDeliveryMs = 50;

std::vector<std::filesystem::path> toPaths(const QStringList& list) {
    std::vector<std::filesystem::path> paths;
    paths.reserve(std::size_t(list.size()));
    for (const QString& p : list) paths.emplace_back(p.toStdString());
    return paths;
}
}  // namespace

RunController::RunController(QObject* parent) : QObject(parent) {
    deliveryTimer_.setSingleShot(true);
    connect(&deliveryTimer_, &QTimer::timeout, this, &RunController::deliver);
}

RunController::~RunController() {
    // Joins the engine's threads while `this` is still a whole QObject; callbacks racing with this only
    // post events that die with the object.
    engine_.reset();
}

void RunController::setOptions(const Options& options) { options_ = options; }

void RunController::createEngine(bool force) {
    engine_.reset();
    ++run_;
    const int run = run_;
    EngineCallbacks callbacks;
    // Each callback runs on an engine thread: it copies the value into the buffer and returns at once.
    callbacks.onScanned = [this, run](const ScanItem& item) { wake(events_.addScanned(run, item)); };
    callbacks.onPlanned = [this, run](const PlannedTask& task) { wake(events_.addPlanned(run, task)); };
    callbacks.onResult = [this, run](const TaskResult& result) { wake(events_.addResult(run, result)); };
    callbacks.onScanDone = [this, run](const ScanSummary& summary) {
        wake(events_.addScanDone(run, summary));
    };
    callbacks.onFinished = [this, run] { wake(events_.addFinished(run)); };
    EngineConfig config;
    config.workers = options_.jobs;
    Options options = options_;
    options.force = force;
    engine_ = std::make_shared<BatchEngine>(options, config, std::move(callbacks));
    emit runCreated(run_);
}

void RunController::addPaths(const QStringList& paths, bool startNow) {
    if (paths.isEmpty()) return;
    if (state_ == State::Cancelling) {
        // A cancelled engine refuses new paths; they start the next run once this one has wound down.
        pendingPaths_ += paths;
        pendingStart_ = startNow;
        return;
    }
    if (state_ == State::Idle) {
        createEngine();
        if (!startNow) engine_->pause();
        engine_->addPaths(toPaths(paths));
        setState(startNow ? State::Running : State::Waiting);
        return;
    }
    engine_->addPaths(toPaths(paths));
}

void RunController::processAgain(const QStringList& paths) {
    if (paths.isEmpty()) return;
    if (state_ != State::Idle) {
        pendingAgain_ += paths;
        return;
    }
    createEngine(true);
    engine_->addPaths(toPaths(paths));
    setState(State::Running);
}

void RunController::start() {
    if (state_ != State::Waiting) return;
    engine_->resume();
    setState(State::Running);
}

void RunController::pause() {
    if (state_ != State::Running) return;
    engine_->pause();
    setState(State::Paused);
}

void RunController::resume() {
    if (state_ != State::Paused) return;
    engine_->resume();
    setState(State::Running);
}

void RunController::cancel() {
    if (state_ == State::Idle || state_ == State::Cancelling) return;
    engine_->cancel();
    setState(State::Cancelling);
    // The engine answers every dropped task with a "cancelled" result and then reports finished; that
    // arrives through handleFinished() like any other end of a run.
}

bool RunController::remove(int run, TaskId id) {
    if (!engine_ || run != run_ || state_ == State::Idle || state_ == State::Cancelling) return false;
    return engine_->remove(id);
}

bool RunController::processNext(int run, TaskId id) {
    if (!engine_ || run != run_ || state_ == State::Idle || state_ == State::Cancelling) return false;
    // One above everything queued so far; later raises go above earlier ones.
    return engine_->raisePriority(id, 1'000'000 + nextBoost_++);
}

ProgressSnapshot RunController::progress() const {
    return engine_ ? engine_->progress() : ProgressSnapshot{};
}

std::optional<MetricsSnapshot> RunController::metrics() const {
    if (!engine_) return std::nullopt;
    return engine_->metrics();
}

std::optional<RunReport> RunController::report() const {
    if (!engine_) return std::nullopt;
    if (finishedReport_ && finishedReportRun_ == run_ && state_ == State::Idle) return *finishedReport_;
    return engine_->report();
}

void RunController::buildReport(int run) {
    std::shared_ptr<BatchEngine> engine = engine_;
    QPointer<RunController> self(this);
    QThreadPool::globalInstance()->start([engine, self, run] {
        auto report = std::make_shared<const RunReport>(engine->report());
        auto failed = std::make_shared<std::vector<TaskResult>>();
        if (report->summary.failed > 0)
            for (const auto& row : report->files)
                if (row.status == TaskStatus::Failed && failed->size() < kListedFailures)
                    failed->push_back(row);
        QMetaObject::invokeMethod(
            qApp,
            [self, run, report, failed] {
                // `self` is read on the GUI thread only; the controller may be gone by now.
                if (!self) return;
                self->finishedReport_ = report;
                self->finishedReportRun_ = run;
                emit self->reportReady(run, *report, *failed);
            },
            Qt::QueuedConnection);
    });
}

void RunController::handleFinished(int run) {
    // Stale: an older run, a run already closed, or paths that joined after the engine said "finished".
    if (run != run_ || state_ == State::Idle || !engine_ || !engine_->finished()) return;
    qCDebug(lcGui) << "run" << run << "finished:" << engine_->progress().done << "results";
    setState(State::Idle);
    buildReport(run);
    emit progressChanged();
    emit runFinished(run);
    if (!pendingPaths_.isEmpty()) {
        const QStringList paths = std::exchange(pendingPaths_, {});
        addPaths(paths, pendingStart_);
    }
    if (!pendingAgain_.isEmpty()) processAgain(std::exchange(pendingAgain_, {}));
}

void RunController::wake(bool wasEmpty) {
    // One queued call per empty-to-filled change of the buffer, not one per event.
    if (wasEmpty) QMetaObject::invokeMethod(this, &RunController::scheduleDelivery, Qt::QueuedConnection);
}

void RunController::scheduleDelivery() {
    if (deliveryTimer_.isActive()) return;
    const qint64 since = sinceDelivery_.isValid() ? sinceDelivery_.elapsed() : kDeliveryMs;
    deliveryTimer_.start(int(std::max<qint64>(0, kDeliveryMs - since)));
}

void RunController::deliver() {
    sinceDelivery_.start();
    for (const EngineEvents& events : events_.take()) deliverBatch(events);
}

void RunController::deliverBatch(const EngineEvents& events) {
    const int run = events.run;
    if (!events.scanned.empty()) emit scanned(run, events.scanned);
    if (!events.planned.empty()) emit planned(run, events.planned);
    if (!events.results.empty()) emit resultsReady(run, events.results);
    if (run == run_ && (!events.scanned.empty() || !events.results.empty())) emit progressChanged();
    for (const ScanSummary& summary : events.scanDone) emit scanDone(run, summary);
    if (events.finished) handleFinished(run);
}

void RunController::setState(State state) {
    if (state_ == state) return;
    state_ = state;
    emit stateChanged(state);
}

}  // namespace imgopt::gui

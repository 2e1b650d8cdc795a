#include "gui/run_controller.hpp"

#include <QDateTime>
#include <QMetaObject>

#include "gui/gui_log.hpp"

namespace imgopt::gui {

namespace {
std::vector<std::filesystem::path> toPaths(const QStringList& list) {
    std::vector<std::filesystem::path> paths;
    paths.reserve(std::size_t(list.size()));
    for (const QString& p : list) paths.emplace_back(p.toStdString());
    return paths;
}
}  // namespace

RunController::RunController(QObject* parent) : QObject(parent) {}

RunController::~RunController() {
    // Joins the engine's threads while `this` is still a whole QObject; callbacks racing with this only
    // post events that die with the object.
    engine_.reset();
}

void RunController::setOptions(const Options& options) { options_ = options; }

void RunController::createEngine() {
    engine_.reset();
    ++run_;
    progress_ = {};
    activeSeconds_ = 0;
    activeSince_ = 0;
    const int run = run_;
    EngineCallbacks callbacks;
    // Each callback runs on an engine thread: copy the value into a queued call and return at once.
    callbacks.onScanned = [this, run](const ScanItem& item) {
        QMetaObject::invokeMethod(this, [this, run, item] {
            if (run == run_) ++progress_.scanned;
            emit scanned(run, item);
            if (run == run_) emit progressChanged();
        }, Qt::QueuedConnection);
    };
    callbacks.onPlanned = [this, run](const PlannedTask& task) {
        QMetaObject::invokeMethod(this, [this, run, task] { emit planned(run, task); }, Qt::QueuedConnection);
    };
    callbacks.onResult = [this, run](const TaskResult& result) {
        QMetaObject::invokeMethod(this, [this, run, result] {
            if (run == run_) {
                ++progress_.done;
                if (result.status == TaskStatus::Failed) ++progress_.failed;
                if (result.status == TaskStatus::Optimized || result.status == TaskStatus::KeptOriginal) {
                    progress_.bytesIn += result.inputBytes;
                    progress_.bytesOut += result.outputBytes;
                }
            }
            emit resultReady(run, result);
            if (run == run_) emit progressChanged();
        }, Qt::QueuedConnection);
    };
    callbacks.onScanDone = [this, run](const ScanSummary& summary) {
        QMetaObject::invokeMethod(this, [this, run, summary] { emit scanDone(run, summary); },
                                  Qt::QueuedConnection);
    };
    callbacks.onFinished = [this, run] {
        QMetaObject::invokeMethod(this, [this, run] { handleFinished(run); }, Qt::QueuedConnection);
    };
    EngineConfig config;
    config.workers = options_.jobs;
    engine_ = std::make_unique<BatchEngine>(options_, config, std::move(callbacks));
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
        if (startNow) {
            activeSince_ = QDateTime::currentMSecsSinceEpoch();
            setState(State::Running);
        } else {
            setState(State::Waiting);
        }
        return;
    }
    engine_->addPaths(toPaths(paths));
}

void RunController::start() {
    if (state_ != State::Waiting) return;
    engine_->resume();
    activeSince_ = QDateTime::currentMSecsSinceEpoch();
    setState(State::Running);
}

void RunController::pause() {
    if (state_ != State::Running) return;
    engine_->pause();
    accumulatePausedTime();
    setState(State::Paused);
}

void RunController::resume() {
    if (state_ != State::Paused) return;
    engine_->resume();
    activeSince_ = QDateTime::currentMSecsSinceEpoch();
    setState(State::Running);
}

void RunController::cancel() {
    if (state_ == State::Idle || state_ == State::Cancelling) return;
    if (state_ == State::Running) accumulatePausedTime();
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

RunProgress RunController::progress() const {
    RunProgress p = progress_;
    p.elapsedSeconds = activeSeconds_;
    if (activeSince_ != 0) p.elapsedSeconds += double(QDateTime::currentMSecsSinceEpoch() - activeSince_) / 1000.0;
    return p;
}

std::optional<MetricsSnapshot> RunController::metrics() const {
    if (!engine_) return std::nullopt;
    return engine_->metrics();
}

std::optional<RunReport> RunController::report() const {
    if (!engine_) return std::nullopt;
    return engine_->report();
}

void RunController::handleFinished(int run) {
    // Stale: an older run, a run already closed, or paths that joined after the engine said "finished".
    if (run != run_ || state_ == State::Idle || !engine_ || !engine_->finished()) return;
    if (state_ == State::Running) accumulatePausedTime();
    progress_.elapsedSeconds = activeSeconds_;
    qCDebug(lcGui) << "run" << run << "finished:" << progress_.done << "results";
    setState(State::Idle);
    emit progressChanged();
    emit runFinished(run);
    if (!pendingPaths_.isEmpty()) {
        const QStringList paths = std::exchange(pendingPaths_, {});
        addPaths(paths, pendingStart_);
    }
}

void RunController::accumulatePausedTime() {
    if (activeSince_ == 0) return;
    activeSeconds_ += double(QDateTime::currentMSecsSinceEpoch() - activeSince_) / 1000.0;
    activeSince_ = 0;
    progress_.elapsedSeconds = activeSeconds_;
}

void RunController::setState(State state) {
    if (state_ == state) return;
    state_ = state;
    emit stateChanged(state);
}

}  // namespace imgopt::gui

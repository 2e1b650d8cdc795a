#include "gui/undo_runner.hpp"

#include <QMetaObject>

#include "imgopt/undo.hpp"

namespace imgopt::gui {

namespace {

struct Outcome {
    bool ok = false;
    QString summary;
    QString details;
};

Outcome describe(const Expected<UndoReport>& report) {
    if (!report)
        return {
            false, UndoRunner::tr("Cannot undo: %1").arg(QString::fromStdString(report.error().message)), {}};
    if (!report->found) return {true, UndoRunner::tr("Nothing to undo: no in-place run is recorded."), {}};
    QString details;
    for (const auto& f : report->files)
        if (!f.restored)
            details += QString::fromStdString(f.original.string() + ": " + f.message) + QLatin1Char('\n');
    const QString when = QString::fromStdString(report->runStarted);
    if (report->refused() == 0)
        return {true,
                UndoRunner::tr("Undid the in-place run of %1: %n original(s) restored.", nullptr,
                               int(report->restored()))
                    .arg(when),
                {}};
    return {
        false,
        UndoRunner::tr("Undid the in-place run of %1: %2 restored, %3 left as they are (their originals stay "
                       "in the Trash).")
            .arg(when)
            .arg(report->restored())
            .arg(report->refused()),
        details};
}

}  // namespace

UndoRunner::UndoRunner(QObject* parent) : QObject(parent) {}

UndoRunner::~UndoRunner() {
    if (worker_.joinable()) worker_.join();
}

bool UndoRunner::start() {
    if (busy_) return false;
    if (worker_.joinable()) worker_.join();
    busy_ = true;
    worker_ = std::thread([this] {
        const Outcome o = describe(undoLastRun());
        QMetaObject::invokeMethod(
            this,
            [this, o] {
                busy_ = false;
                emit finished(o.ok, o.summary, o.details);
            },
            Qt::QueuedConnection);
    });
    return true;
}

}  // namespace imgopt::gui

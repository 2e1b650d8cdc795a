#pragma once
// UndoRunner: Edit > Undo Last Run. Puts back the originals of the last in-place run (imgopt/undo.hpp) on a
// worker thread, so a run of thousands of files never blocks the window, and reports the outcome on the GUI
// thread as one line of text.
//
// Thread rules: start() and the signals are on the GUI thread; the worker touches only the file system and
// hands back a value by a queued call.

#include <QObject>
#include <QString>
#include <thread>

namespace imgopt::gui {

class UndoRunner : public QObject {
    Q_OBJECT
public:
    explicit UndoRunner(QObject* parent = nullptr);
    ~UndoRunner() override;  // waits for an undo in progress

    // False when an undo is already running.
    bool start();
    bool busy() const { return busy_; }

signals:
    // `summary` says what happened in one sentence; `details` lists the files that were not restored.
    void finished(bool ok, const QString& summary, const QString& details);

private:
    std::thread worker_;
    bool busy_ = false;
};

}  // namespace imgopt::gui

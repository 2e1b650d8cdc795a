#pragma once
// ControlBar: Start, Pause/Resume and Cancel (as buttons for the window's actions) and the progress line:
// count, ETA, bytes saved and the percentage.

#include <QWidget>

#include "gui/run_controller.hpp"

class QAction;
class QLabel;
class QProgressBar;

namespace imgopt::gui {

class ControlBar : public QWidget {
    Q_OBJECT
public:
    ControlBar(QAction* start, QAction* pause, QAction* cancel, QWidget* parent = nullptr);

    // Another button after the run buttons.
    void addButton(QAction* action);

    void showProgress(const ProgressSnapshot& progress, RunController::State state);
    QProgressBar* progressBar() const { return bar_; }
    QString progressText() const;

private:
    int buttons_ = 0;
    QProgressBar* bar_;
    QLabel* text_;
};

}  // namespace imgopt::gui

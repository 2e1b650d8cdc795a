#pragma once
// ScreenshotHook: for docs/ screenshots under Xvfb, in imgopt-gui-screenshot only. Driven by the environment:
//   IMGOPT_SCREENSHOT_EMPTY=FILE.png    the window as a new user first sees it, before any path is queued
//   IMGOPT_SCREENSHOT=FILE.png          the window once the first run has finished
//   IMGOPT_SCREENSHOT_METRICS=FILE.png  the metrics dock at that moment
//   IMGOPT_SCREENSHOT_SIZE=WxH          the window size (default: the app's own)
//   IMGOPT_SCREENSHOT_QUIT=0            stay open afterwards (default: quit)
// Inert when neither of the first two is set.

#include <QObject>
#include <QString>
#include <QStringList>

namespace imgopt::gui {

class MainWindow;

class ScreenshotHook : public QObject {
    Q_OBJECT
public:
    explicit ScreenshotHook(MainWindow* window);
    bool active() const { return !emptyPath_.isEmpty() || !mainPath_.isEmpty(); }

    // Shows the window, grabs the empty state when asked to, then queues `paths` (the run's grabs follow when
    // it finishes). Quits when there is nothing more to grab.
    void start(const QStringList& paths);

private:
    void captureEmpty(const QStringList& paths);
    void captureRun();
    void save(QWidget* widget, const QString& path) const;
    void quitIfDone();

    MainWindow* window_;
    QString emptyPath_;
    QString mainPath_;
    QString metricsPath_;
};

}  // namespace imgopt::gui

#pragma once
// ScreenshotHook: for docs/ screenshots under Xvfb, in imgopt-gui-screenshot only. When IMGOPT_SCREENSHOT
// (and optionally IMGOPT_SCREENSHOT_METRICS) name PNG files, the window grabs itself once the first run has
// finished and then quits. Inert otherwise.

#include <QObject>
#include <QString>

namespace imgopt::gui {

class MainWindow;

class ScreenshotHook : public QObject {
    Q_OBJECT
public:
    explicit ScreenshotHook(MainWindow* window);
    bool active() const { return !mainPath_.isEmpty(); }

private:
    void capture();

    MainWindow* window_;
    QString mainPath_;
    QString metricsPath_;
};

}  // namespace imgopt::gui

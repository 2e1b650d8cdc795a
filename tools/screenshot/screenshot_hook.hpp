#pragma once
// ScreenshotHook: for docs/ screenshots under Xvfb, in imgopt-gui-screenshot only. When IMGOPT_SCREENSHOT
// (and optionally IMGOPT_SCREENSHOT_METRICS) name PNG files, the window grabs itself once the first run has
// finished and then quits. IMGOPT_SCREENSHOT_COMPARE=FILE.png also opens the compare view on the row whose
// file name is IMGOPT_SCREENSHOT_COMPARE_ROW and grabs it; IMGOPT_SCREENSHOT_QUALITY=auto runs with quality
// auto. Inert otherwise.

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
    void captureCompare();
    void finish();

    MainWindow* window_;
    QString mainPath_;
    QString metricsPath_;
    QString comparePath_;
};

}  // namespace imgopt::gui

#include "screenshot_hook.hpp"

#include <QApplication>
#include <QPixmap>
#include <QTimer>

#include "gui/gui_log.hpp"
#include "gui/main_window.hpp"
#include "gui/metrics_dock.hpp"
#include "gui/metrics_panel.hpp"

namespace imgopt::gui {

namespace {
// Lets the last queued results, the summary dock, the final chart refresh and the previews paint first.
constexpr int kSettleMs = 1500;
// The first paint, the docks' posted sizes and the window manager's placement.
constexpr int kShowSettleMs = 800;
}  // namespace

ScreenshotHook::ScreenshotHook(MainWindow* window)
    : QObject(window),
      window_(window),
      emptyPath_(qEnvironmentVariable("IMGOPT_SCREENSHOT_EMPTY")),
      mainPath_(qEnvironmentVariable("IMGOPT_SCREENSHOT")),
      metricsPath_(qEnvironmentVariable("IMGOPT_SCREENSHOT_METRICS")) {
    if (!active()) return;
    // A fixed size, so screenshots are comparable between runs: IMGOPT_SCREENSHOT_SIZE=WIDTHxHEIGHT.
    const QStringList size = qEnvironmentVariable("IMGOPT_SCREENSHOT_SIZE").split(QLatin1Char('x'));
    if (size.size() == 2 && size[0].toInt() > 0 && size[1].toInt() > 0) {
        window_->resize(size[0].toInt(), size[1].toInt());
    }
    if (!mainPath_.isEmpty()) {
        connect(
            window_, &MainWindow::runFinished, this,
            [this] { QTimer::singleShot(kSettleMs, this, &ScreenshotHook::captureRun); },
            Qt::SingleShotConnection);
    }
}

void ScreenshotHook::start(const QStringList& paths) {
    window_->show();
    if (!emptyPath_.isEmpty()) {
        QTimer::singleShot(kShowSettleMs, this, [this, paths] { captureEmpty(paths); });
        return;
    }
    window_->addPaths(paths);
}

void ScreenshotHook::captureEmpty(const QStringList& paths) {
    save(window_, emptyPath_);
    emptyPath_.clear();
    if (mainPath_.isEmpty()) {
        quitIfDone();
        return;
    }
    window_->addPaths(paths);
}

void ScreenshotHook::captureRun() {
    window_->metricsPanel()->refresh();
    save(window_, mainPath_);
    if (!metricsPath_.isEmpty()) save(window_->metricsDock(), metricsPath_);
    mainPath_.clear();
    quitIfDone();
}

void ScreenshotHook::save(QWidget* widget, const QString& path) const {
    if (!widget->grab().save(path))
        qCWarning(lcGui) << "cannot write screenshot" << path;
    else
        qCInfo(lcGui) << "screenshot written to" << path;
}

void ScreenshotHook::quitIfDone() {
    if (qEnvironmentVariable("IMGOPT_SCREENSHOT_QUIT", QStringLiteral("1")) != QLatin1String("0")) {
        QTimer::singleShot(0, qApp, &QApplication::quit);
    }
}

}  // namespace imgopt::gui

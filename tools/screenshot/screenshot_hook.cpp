#include "screenshot_hook.hpp"

#include <QApplication>
#include <QDockWidget>
#include <QPixmap>
#include <QTimer>

#include "gui/gui_log.hpp"
#include "gui/main_window.hpp"
#include "gui/metrics_dock.hpp"
#include "gui/metrics_panel.hpp"

namespace imgopt::gui {

namespace {
// Lets the last queued results, the summary dock and the final chart refresh paint first.
constexpr int kSettleMs = 1200;
}  // namespace

ScreenshotHook::ScreenshotHook(MainWindow* window)
    : QObject(window),
      window_(window),
      mainPath_(qEnvironmentVariable("IMGOPT_SCREENSHOT")),
      metricsPath_(qEnvironmentVariable("IMGOPT_SCREENSHOT_METRICS")) {
    if (!active()) return;
    // A fixed size, so screenshots are comparable between runs: IMGOPT_SCREENSHOT_SIZE=WIDTHxHEIGHT.
    const QStringList size = qEnvironmentVariable("IMGOPT_SCREENSHOT_SIZE").split(QLatin1Char('x'));
    if (size.size() == 2 && size[0].toInt() > 0 && size[1].toInt() > 0) {
        window_->resize(size[0].toInt(), size[1].toInt());
    }
    connect(
        window_, &MainWindow::runFinished, this,
        [this] { QTimer::singleShot(kSettleMs, this, &ScreenshotHook::capture); }, Qt::SingleShotConnection);
}

void ScreenshotHook::capture() {
    window_->metricsPanel()->refresh();
    if (!window_->grab().save(mainPath_))
        qCWarning(lcGui) << "cannot write screenshot" << mainPath_;
    else
        qCInfo(lcGui) << "screenshot written to" << mainPath_;
    if (!metricsPath_.isEmpty()) {
        if (!window_->metricsDock()->grab().save(metricsPath_)) {
            qCWarning(lcGui) << "cannot write screenshot" << metricsPath_;
        } else {
            qCInfo(lcGui) << "screenshot written to" << metricsPath_;
        }
    }
    if (qEnvironmentVariable("IMGOPT_SCREENSHOT_QUIT", QStringLiteral("1")) != QLatin1String("0")) {
        QTimer::singleShot(0, qApp, &QApplication::quit);
    }
}

}  // namespace imgopt::gui

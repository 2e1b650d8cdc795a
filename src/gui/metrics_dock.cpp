#include "gui/metrics_dock.hpp"

#include <QLabel>
#include <QMainWindow>
#include <QResizeEvent>
#include <QStackedWidget>
#include <QTimer>
#include <algorithm>

#include "gui/metrics_panel.hpp"

namespace imgopt::gui {

namespace {
// The charts need this many text lines to stay readable; less and their axes collide.
constexpr int kMinChartLines = 16;
}  // namespace

MetricsDock::MetricsDock(MetricsPanel* panel, QMainWindow* window)
    : QDockWidget(tr("Metrics"), window),
      window_(window),
      panel_(panel),
      stack_(new QStackedWidget(this)),
      note_(new QLabel(this)) {
    setObjectName(QStringLiteral("metricsDock"));
    note_->setObjectName(QStringLiteral("metricsNote"));
    note_->setText(tr("Throughput, memory, batch sizes and worker load are charted here once a run starts."));
    note_->setForegroundRole(QPalette::PlaceholderText);
    note_->setWordWrap(true);
    note_->setMargin(fontMetrics().height() / 2);
    note_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    stack_->addWidget(note_);
    stack_->addWidget(panel_);
    setWidget(stack_);
    compact();
}

int MetricsDock::expandedHeight() const {
    const int remembered = settings_.metricsHeight();
    // Never less than the charts need in their current arrangement (two rows of two in a narrow window).
    const int minimum = std::max(kMinChartLines * fontMetrics().height(),
                                 panel_->minimumSizeHint().height() + (height() - stack_->height()));
    return std::max(minimum, remembered > 0 ? remembered : window_->height() * 9 / 20);
}

void MetricsDock::compact() {
    compact_ = true;
    // A hidden page with an Ignored policy does not count towards the stack's minimum size, so the dock can
    // be as short as the note.
    panel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    note_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    stack_->setCurrentWidget(note_);
    resizeTo(sizeHint().height());
}

void MetricsDock::expand() {
    if (!compact_) return;
    compact_ = false;
    note_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    panel_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    stack_->setCurrentWidget(panel_);
    resizeTo(expandedHeight());
}

void MetricsDock::resizeTo(int height) {
    // QMainWindow lays docks out when it is shown; a resize asked before that would be overwritten by the
    // restored state, so it is posted until the window is up.
    QTimer::singleShot(0, this, [this, height] {
        if (window_->dockWidgetArea(this) == Qt::BottomDockWidgetArea ||
            window_->dockWidgetArea(this) == Qt::TopDockWidgetArea) {
            window_->resizeDocks({this}, {height}, Qt::Vertical);
        }
    });
}

void MetricsDock::resizeEvent(QResizeEvent* event) {
    QDockWidget::resizeEvent(event);
    // Only a height the user gives the charts is worth remembering; not the compact one, nor a floating dock.
    if (!compact_ && !isFloating() && isVisible() && window_->isVisible()) {
        settings_.setMetricsHeight(event->size().height());
    }
}

}  // namespace imgopt::gui

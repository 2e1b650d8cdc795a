#pragma once
// MetricsDock: the dock that holds the MetricsPanel. Before the first run of a session there is nothing to
// chart, so it starts compact: one line saying what will appear, and no taller than that line. When a run
// starts it shows the charts and grows to the height the user last gave it (or 45 % of the window). That
// height is remembered between sessions; where the dock sits is part of the window state.
//
// Thread rules: GUI thread only.

#include <QDockWidget>

#include "gui/app_settings.hpp"

class QLabel;
class QMainWindow;
class QStackedWidget;

namespace imgopt::gui {

class MetricsPanel;

class MetricsDock : public QDockWidget {
    Q_OBJECT
public:
    MetricsDock(MetricsPanel* panel, QMainWindow* window);

    bool isCompact() const { return compact_; }
    // The note instead of the charts, and the dock shrunk to it.
    void compact();
    // The charts, and the dock grown to its expanded height. Does nothing when already expanded.
    void expand();
    int expandedHeight() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void resizeTo(int height);

    QMainWindow* window_;
    MetricsPanel* panel_;
    QStackedWidget* stack_;
    QLabel* note_;
    AppSettings settings_;
    bool compact_ = false;
};

}  // namespace imgopt::gui

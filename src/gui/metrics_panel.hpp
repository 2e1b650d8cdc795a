#pragma once
// MetricsPanel: live charts of a run (throughput, memory against the batch budget, admission sizes, and the
// workers' timeline) and the current figures. It polls a MetricsSnapshot (a copy made by the engine) a few
// times a second while a run is active; nothing here touches live engine data.

#include <QWidget>
#include <array>
#include <functional>
#include <optional>

#include "imgopt/metrics.hpp"

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QGridLayout;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QTimer;
class QValueAxis;

namespace imgopt::gui {

class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    using Source = std::function<std::optional<MetricsSnapshot>()>;

    explicit MetricsPanel(QWidget* parent = nullptr);

    void setSource(Source source) { source_ = std::move(source); }
    // Names the files of the timeline's tooltips.
    void setNameLookup(std::function<QString(TaskId)> lookup);
    // Polls while on; turning it off takes one last snapshot so the charts show the whole run.
    void setPolling(bool on);
    void refresh();
    // `everything`: every chart now (a run's last snapshot); otherwise the figures and the next chart in
    // turn.
    void showSnapshot(const MetricsSnapshot& snapshot, bool everything = true);
    QString figuresText() const;
    // 4 (one row) when the panel is wide, else 2 (two rows of two).
    int chartColumns() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QChartView* makeView(QChart* chart);
    QChart* memoryChart_ = nullptr;
    void arrangeCharts(int columns);
    void updateThroughput(const MetricsSnapshot& s);
    void updateMemory(const MetricsSnapshot& s);
    void updateBatches(const MetricsSnapshot& s);
    void updateWorkers(const MetricsSnapshot& s);
    void updateFigures(const MetricsSnapshot& s);

    Source source_;
    QGridLayout* grid_;
    std::array<QWidget*, 4> views_{};
    int columns_ = 0;
    int nextChart_ = 0;  // the chart the next polled snapshot updates
    QTimer* timer_;
    QLabel* figures_;
    QLineSeries* throughput_;
    QValueAxis* throughputX_;
    QValueAxis* throughputY_;
    QLineSeries* rss_;
    QLineSeries* available_;
    QLineSeries* budget_;
    QValueAxis* memoryX_;
    QLogValueAxis* memoryY_;
    QBarSet* batchSizes_;
    QBarCategoryAxis* batchX_;
    QValueAxis* batchY_;
    class WorkerTimeline* timeline_;
};

}  // namespace imgopt::gui

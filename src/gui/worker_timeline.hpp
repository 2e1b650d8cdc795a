#pragma once
// WorkerTimeline: the metrics panel's view of where a run's time went, as the HTML report draws it: one lane
// per worker, one bar per finished file from its start to its end in its input format's colour, and each
// file's validation as a thin dark bar. Hovering a bar names the file and its times.
// GUI thread only. It draws copies (the TaskSample values of a MetricsSnapshot), never engine state.

#include <QWidget>
#include <functional>
#include <vector>

#include "imgopt/metrics.hpp"

namespace imgopt::gui {

class WorkerTimeline : public QWidget {
    Q_OBJECT
public:
    // The file name of a task of the current run, for tooltips.
    using NameLookup = std::function<QString(TaskId)>;

    explicit WorkerTimeline(QWidget* parent = nullptr);

    void setNameLookup(NameLookup lookup) { names_ = std::move(lookup); }
    void showSnapshot(const MetricsSnapshot& snapshot);

    // For tests: bars drawn in `worker`'s lane after merging runs of sub-pixel bars.
    int barCount(int worker) const;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Bar {
        double start = 0, end = 0;
        QColor colour;
        TaskId id = 0;
        int files = 1;  // more than one when sub-pixel bars were merged
    };
    struct Lane {
        std::vector<Bar> tasks, validation;
        double busySeconds = 0;
    };

    QRectF plotArea() const;
    QRectF laneRect(int worker) const;
    void rebuild();
    QString tooltipAt(const QPointF& point) const;

    NameLookup names_;
    bool recentOnly_ = false;
    std::vector<TaskSample> samples_;
    std::vector<double> busy_;
    double span_ = 1;
    int workers_ = 0;
    std::vector<Lane> lanes_;  // rebuilt from samples_ for the current width
};

}  // namespace imgopt::gui

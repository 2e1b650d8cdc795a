#include "gui/metrics_panel.hpp"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QResizeEvent>
#include <QTimer>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "gui/display_format.hpp"
#include "gui/worker_timeline.hpp"

namespace imgopt::gui {

namespace {
constexpr int kPollMs = 250;       // "a few times a second"
constexpr int kMaxPoints = 240;    // per line; older detail is merged, never dropped
constexpr int kMaxBatchBars = 40;  // the most recent batches
constexpr int kMinChartEms = 12;   // a chart's smallest size: axis labels and a title still fit
constexpr int kMinChartLines = 9;
constexpr int kWideChartEms = 20;  // the width per chart at which all four go in one row

double megabytes(std::uint64_t bytes) { return double(bytes) / (1024.0 * 1024.0); }

// A round upper bound for an axis, so the scale does not jitter with every sample.
double niceCeil(double v) {
    if (v <= 0) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (v <= step * magnitude) return step * magnitude;
    }
    return 10 * magnitude;
}

QChart* newChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

QValueAxis* newValueAxis(QChart* chart, Qt::Alignment side, const QString& title, const QString& format) {
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(format);
    axis->setTickCount(5);
    chart->addAxis(axis, side);
    return axis;
}
}  // namespace

MetricsPanel::MetricsPanel(QWidget* parent)
    : QWidget(parent), timer_(new QTimer(this)), figures_(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    grid_ = new QGridLayout;
    layout->addLayout(grid_, 1);

    auto* throughputChart = newChart(tr("Throughput"));
    throughput_ = new QLineSeries;
    throughput_->setName(tr("images/s"));
    throughputChart->addSeries(throughput_);
    throughputX_ = newValueAxis(throughputChart, Qt::AlignBottom, tr("seconds"), QStringLiteral("%.0f"));
    throughputY_ = newValueAxis(throughputChart, Qt::AlignLeft, QString(), QStringLiteral("%.1f"));
    throughput_->attachAxis(throughputX_);
    throughput_->attachAxis(throughputY_);
    throughputChart->legend()->hide();
    throughputChart->setTitle(tr("Throughput (images/s)"));

    auto* memoryChart = newChart(tr("Memory (MiB)"));
    rss_ = new QLineSeries;
    rss_->setName(tr("RSS"));
    available_ = new QLineSeries;
    available_->setName(tr("Available"));
    budget_ = new QLineSeries;
    budget_->setName(tr("Batch budget"));
    memoryX_ = newValueAxis(memoryChart, Qt::AlignBottom, tr("seconds"), QStringLiteral("%.0f"));
    // Logarithmic: available memory is often a hundred times the RSS and the budget, which a linear axis
    // would flatten into the floor.
    memoryY_ = new QLogValueAxis;
    memoryY_->setBase(10);
    memoryY_->setLabelFormat(QStringLiteral("%.0f"));
    memoryY_->setMinorTickCount(0);
    memoryChart->addAxis(memoryY_, Qt::AlignLeft);
    for (QLineSeries* s : {rss_, available_, budget_}) {
        memoryChart->addSeries(s);
        s->attachAxis(memoryX_);
        s->attachAxis(memoryY_);
    }

    auto* batchChart = newChart(tr("Batch sizes (tasks)"));
    batchSizes_ = new QBarSet(tr("Tasks"));
    auto* batchSeries = new QBarSeries;
    batchSeries->append(batchSizes_);
    batchChart->addSeries(batchSeries);
    batchX_ = new QBarCategoryAxis;
    batchX_->setTitleText(tr("batch"));
    batchChart->addAxis(batchX_, Qt::AlignBottom);
    batchY_ = newValueAxis(batchChart, Qt::AlignLeft, QString(), QStringLiteral("%.0f"));
    batchSeries->attachAxis(batchX_);
    batchSeries->attachAxis(batchY_);
    batchChart->legend()->hide();

    timeline_ = new WorkerTimeline(this);
    timeline_->setObjectName(QStringLiteral("workerTimeline"));

    memoryChart_ = memoryChart;
    views_ = {makeView(throughputChart), makeView(memoryChart), makeView(batchChart), timeline_};
    arrangeCharts(int(views_.size()));

    figures_->setObjectName(QStringLiteral("metricsFigures"));
    figures_->setTextFormat(Qt::RichText);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    figures_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    figures_->setMinimumWidth(figures_->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 16);
    layout->addWidget(figures_);

    timer_->setInterval(kPollMs);
    connect(timer_, &QTimer::timeout, this, &MetricsPanel::refresh);
    showSnapshot(MetricsSnapshot{});
}

QChartView* MetricsPanel::makeView(QChart* chart) {
    auto* view = new QChartView(chart, this);  // the view owns the chart
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(view->fontMetrics().horizontalAdvance(QLatin1Char('M')) * kMinChartEms,
                         view->fontMetrics().height() * kMinChartLines);
    return view;
}

int MetricsPanel::chartColumns() const { return columns_; }

void MetricsPanel::arrangeCharts(int columns) {
    if (columns == columns_) return;
    columns_ = columns;
    const bool dense = columns < int(views_.size());
    for (QWidget* widget : views_) {
        grid_->removeWidget(widget);
        auto* view = qobject_cast<QChartView*>(widget);
        if (!view) continue;
        // Two rows make each chart short: fewer ticks, no axis titles and a legend at the side keep the
        // labels from being elided (the chart titles say what is plotted).
        view->chart()->legend()->setAlignment(dense ? Qt::AlignRight : Qt::AlignBottom);
        for (QAbstractAxis* axis : view->chart()->axes()) {
            axis->setTitleVisible(!dense);
            if (auto* values = qobject_cast<QValueAxis*>(axis)) values->setTickCount(dense ? 3 : 5);
        }
    }
    for (int i = 0; i < int(views_.size()); ++i)
        grid_->addWidget(views_[std::size_t(i)], i / columns, i % columns);
}

void MetricsPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // One row of four where each chart gets room for its legend and axis labels (a wide window), else two
    // rows of two, which keeps them readable in a 1280-pixel-wide window. The width does not depend on the
    // arrangement, so the choice cannot flip back and forth.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const int forCharts = width() - figures_->width();
    arrangeCharts(forCharts >= int(views_.size()) * kWideChartEms * em ? int(views_.size()) : 2);
}

void MetricsPanel::setPolling(bool on) {
    // Smooth lines cost about a third of a chart's repaint: while a run polls, every millisecond of the GUI
    // thread counts (docs/benchmarks.md, "GUI at 100,000 files"); the finished run's charts are drawn smooth.
    for (QWidget* view : views_)
        if (auto* chartView = qobject_cast<QChartView*>(view))
            chartView->setRenderHint(QPainter::Antialiasing, !on);
    if (on) {
        timer_->start();
        return;
    }
    timer_->stop();
    // The run's last snapshot, one chart per turn of the event loop, so that the end of a run does not freeze
    // the window for four chart updates at once.
    for (int chart = 0; chart < 4; ++chart)
        QTimer::singleShot(0, this, [this] {
            if (timer_->isActive() || !source_) return;  // a new run polls again
            if (const auto snapshot = source_()) showSnapshot(*snapshot, false);
        });
}

void MetricsPanel::refresh() {
    if (!source_) return;
    if (const auto snapshot = source_()) showSnapshot(*snapshot, !timer_->isActive());
}

void MetricsPanel::showSnapshot(const MetricsSnapshot& s, bool everything) {
    updateFigures(s);
    // Charts of a hidden dock need not be redrawn; the next refresh after showing catches up.
    if (!isVisible() && s.progress.scanned > 0) return;
    // While polling, one chart per tick: updating and repainting all four took 40-60 ms of the GUI thread
    // every 250 ms on the 2-core benchmark machine, over the 50 ms a stall may last (docs/benchmarks.md, "GUI
    // at 100,000 files"). Each chart still changes once a second.
    const int chart = everything ? -1 : nextChart_++ % 4;
    if (chart < 0 || chart == 0) updateThroughput(s);
    if (chart < 0 || chart == 1) updateMemory(s);
    if (chart < 0 || chart == 2) updateBatches(s);
    if (chart < 0 || chart == 3) updateWorkers(s);
}

void MetricsPanel::updateThroughput(const MetricsSnapshot& s) {
    const double span = std::max(1.0, s.elapsedSeconds);
    // The engine's bins, widened further on long runs so a line never has more than kMaxPoints points.
    const ThroughputSeries& series = s.throughput;
    const double bin =
        std::max(series.binSeconds, std::ceil(span / kMaxPoints / series.binSeconds) * series.binSeconds);
    const auto per = std::size_t(std::lround(bin / series.binSeconds));
    std::vector<int> counts(std::max<std::size_t>(1, std::size_t(std::ceil(span / bin))), 0);
    for (std::size_t i = 0; i < series.counts.size(); ++i)
        counts[std::min(i / per, counts.size() - 1)] += int(series.counts[i]);
    QList<QPointF> points;
    double peak = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double rate = counts[i] / bin;
        peak = std::max(peak, rate);
        points << QPointF((double(i) + 1) * bin, rate);
    }
    throughput_->replace(points);
    throughputX_->setRange(0, std::max(10.0, niceCeil(span)));  // whole-second labels, never "0 0 1 1"
    throughputX_->applyNiceNumbers();
    throughputY_->setRange(0, niceCeil(peak * 1.1));  // headroom: a peak on the frame line is unreadable
    throughputY_->applyNiceNumbers();
}

void MetricsPanel::updateMemory(const MetricsSnapshot& s) {
    const std::size_t n = s.memory.size();
    const std::size_t stride = std::max<std::size_t>(1, (n + kMaxPoints - 1) / kMaxPoints);
    QList<QPointF> rss, available;
    double peak = 0;
    double lowest = 1e12;
    for (std::size_t i = 0; i < n; i += stride) {
        const MemorySample& m = s.memory[i];
        rss << QPointF(m.seconds, megabytes(m.rssBytes));
        available << QPointF(m.seconds, megabytes(m.availableBytes));
        peak = std::max({peak, megabytes(m.rssBytes), megabytes(m.availableBytes)});
        lowest = std::min(
            {lowest, std::max(1.0, megabytes(m.rssBytes)), std::max(1.0, megabytes(m.availableBytes))});
    }
    QList<QPointF> budget;
    for (const BatchRecord& b : s.batches) {
        // Drawn as steps: a budget holds until the next batch is admitted under a new one.
        if (!budget.isEmpty()) budget << QPointF(b.startSeconds, budget.last().y());
        budget << QPointF(b.startSeconds, megabytes(b.budgetBytes));
        peak = std::max(peak, megabytes(b.budgetBytes));
        lowest = std::min(lowest, std::max(1.0, megabytes(b.budgetBytes)));
    }
    if (!budget.isEmpty())
        budget << QPointF(std::max(s.elapsedSeconds, budget.last().x()), budget.last().y());
    if (lowest > peak) lowest = 1;
    // Say so when the line shows only every stride-th sample, so that a short spike missing from it is not
    // taken for one that never happened.
    memoryChart_->setTitle(stride > 1 ? tr("Memory (MiB), 1 in %1 of %2 samples shown").arg(stride).arg(n)
                                      : tr("Memory (MiB)"));
    rss_->replace(rss);
    available_->replace(available);
    budget_->replace(budget);
    memoryX_->setRange(0, std::max(10.0, niceCeil(s.elapsedSeconds)));
    memoryX_->applyNiceNumbers();
    memoryY_->setRange(std::pow(10.0, std::floor(std::log10(std::max(1.0, lowest)))),
                       niceCeil(std::max(peak, 10.0)));
}

void MetricsPanel::updateBatches(const MetricsSnapshot& s) {
    const std::size_t first = s.batches.size() > kMaxBatchBars ? s.batches.size() - kMaxBatchBars : 0;
    QList<qreal> sizes;
    QStringList labels;
    int peak = 0;
    for (std::size_t i = first; i < s.batches.size(); ++i) {
        // A record of a long run may stand for several rounds (metrics.hpp): its mean size is drawn.
        const int size = s.batches[i].size / std::max(1, s.batches[i].rounds);
        sizes << size;
        labels << QString::number(s.batches[i].number);
        peak = std::max(peak, size);
    }
    // Always kMaxBatchBars bars, the ones still to come empty: the bars are made once, with the panel, and a
    // run only changes their values (making them was a 58 ms stall early in a run).
    std::uint64_t next = s.batches.empty() ? 1 : s.batches.back().number + 1;
    while (sizes.size() < int(kMaxBatchBars)) {
        sizes << 0;
        labels << QString::number(next++);
    }
    // Only what changed: rebuilding the bars and the axis each time was the dearest chart update (about 35 ms
    // with its repaint, docs/benchmarks.md "GUI at 100,000 files").
    if (batchSizes_->count() == sizes.size()) {
        for (int i = 0; i < sizes.size(); ++i)
            if (batchSizes_->at(i) != sizes[i]) batchSizes_->replace(i, sizes[i]);
    } else {
        if (batchSizes_->count() > 0) batchSizes_->remove(0, batchSizes_->count());
        batchSizes_->append(sizes);
    }
    if (batchX_->categories() != labels) batchX_->setCategories(labels);
    const double top = std::max(4.0, niceCeil(peak));  // integer ticks for small batches
    if (batchY_->max() != top) {
        batchY_->setRange(0, top);
        batchY_->applyNiceNumbers();
    }
}

void MetricsPanel::updateWorkers(const MetricsSnapshot& s) { timeline_->showSnapshot(s); }

void MetricsPanel::setNameLookup(std::function<QString(TaskId)> lookup) {
    timeline_->setNameLookup(std::move(lookup));
}

void MetricsPanel::updateFigures(const MetricsSnapshot& s) {
    const MemorySample last = s.memory.empty() ? MemorySample{} : s.memory.back();
    const ProgressSnapshot& p = s.progress;
    int active = 0;
    for (int a : s.workerActive) active += a;
    const QLocale locale;
    const std::pair<QString, QString> rows[] = {
        {tr("Elapsed"), formatDuration(s.elapsedSeconds)},
        {tr("Files"),
         tr("%1 of %2").arg(locale.toString(qulonglong(p.done)), locale.toString(qulonglong(p.scanned)))},
        {tr("Failed"), locale.toString(qulonglong(p.failed))},
        {tr("Images/s"), locale.toString(p.imagesPerSecond(), 'f', 2)},
        {tr("Before"), formatBytes(p.inputBytes)},
        {tr("After"), formatBytes(p.outputBytes)},
        {tr("RSS"), formatBytes(last.rssBytes)},
        {tr("Peak RSS"), formatBytes(s.peakRssBytes)},
        {tr("Available"), formatBytes(last.availableBytes)},
        {tr("Batch budget"), formatBytes(s.currentBudgetBytes)},
        {tr("Batches"), locale.toString(qulonglong(s.batchCount))},
        {tr("Workers"),
         tr("%1 busy of %2 × %3 threads").arg(active).arg(s.workers).arg(s.vipsThreadsPerWorker)},
    };
    figures_->setText(figuresTableHtml(rows));
}

QString MetricsPanel::figuresText() const { return figures_->text(); }

}  // namespace imgopt::gui

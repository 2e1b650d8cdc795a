#include "gui/worker_timeline.hpp"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace imgopt::gui {
namespace {

constexpr QColor kValidation{0x5a, 0x5a, 0x5a};
constexpr QColor kMixed{0x8a, 0x8a, 0x8a};

// Round tick steps (1, 2 or 5 times a power of ten) for about `count` ticks over [0, span].
double tickStep(double span, int count) {
    const double raw = std::max(span, 1e-3) / count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}

// Appends a bar, merging it into the previous one when both are narrower than a pixel and touch: a lane of
// 10,000 tiny files is then a few hundred rectangles, not 10,000.
template <typename Bar>
void appendMerged(std::vector<Bar>& bars, Bar bar, double secondsPerPixel) {
    if (!bars.empty()) {
        Bar& last = bars.back();
        const bool narrow =
            bar.end - bar.start < secondsPerPixel && last.end - last.start < secondsPerPixel * 2;
        if (narrow && bar.start - last.end < secondsPerPixel) {
            last.end = std::max(last.end, bar.end);
            if (last.colour != bar.colour) last.colour = kMixed;
            last.files += bar.files;
            return;
        }
    }
    bars.push_back(bar);
}

}  // namespace

WorkerTimeline::WorkerTimeline(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize WorkerTimeline::minimumSizeHint() const {
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    return {em * 12, fontMetrics().height() * 9};
}

void WorkerTimeline::showSnapshot(const MetricsSnapshot& s) {
    samples_ = s.finished;
    // The engine keeps the latest tasks only (metrics.hpp); earlier ones are gone from the lanes.
    recentOnly_ = s.progress.done > s.finished.size();
    busy_.assign(std::size_t(std::max(0, s.workers)), 0.0);
    for (std::size_t w = 0; w < busy_.size(); ++w) {
        if (w < s.workerBusySeconds.size()) busy_[w] += s.workerBusySeconds[w];
        if (w < s.workerValidateSeconds.size()) busy_[w] += s.workerValidateSeconds[w];
    }
    workers_ = s.workers;
    span_ = std::max(1.0, s.elapsedSeconds);
    rebuild();
    update();
}

void WorkerTimeline::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    rebuild();
}

QRectF WorkerTimeline::plotArea() const {
    const QFontMetrics fm = fontMetrics();
    const double left = fm.horizontalAdvance(QStringLiteral("8 · 100 %")) + 8;
    const double top = fm.height() + 6;
    const double bottom = fm.height() + 8;
    return QRectF(left, top, std::max(10.0, width() - left - 8), std::max(10.0, height() - top - bottom));
}

QRectF WorkerTimeline::laneRect(int worker) const {
    const QRectF area = plotArea();
    const double lane = area.height() / std::max(1, workers_);
    return QRectF(area.left(), area.top() + lane * worker + 2, area.width(), std::max(3.0, lane - 4));
}

void WorkerTimeline::rebuild() {
    lanes_.assign(std::size_t(std::max(0, workers_)), Lane{});
    const double secondsPerPixel = span_ / plotArea().width();
    std::vector<const TaskSample*> order;
    order.reserve(samples_.size());
    for (const auto& t : samples_) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->startSeconds < b->startSeconds; });
    for (const TaskSample* t : order)
        if (t->worker >= 0 && t->worker < workers_ && t->startSeconds >= 0)
            appendMerged(lanes_[std::size_t(t->worker)].tasks,
                         Bar{t->startSeconds, t->endSeconds,
                             QColor(QString::fromLatin1(formatColour(t->inputFormat))), t->id, 1},
                         secondsPerPixel);
    std::sort(order.begin(), order.end(),
              [](auto* a, auto* b) { return a->validateStart < b->validateStart; });
    for (const TaskSample* t : order)
        if (t->validateWorker >= 0 && t->validateWorker < workers_ && t->validateStart >= 0)
            appendMerged(lanes_[std::size_t(t->validateWorker)].validation,
                         Bar{t->validateStart, t->validateEnd, kValidation, t->id, 1}, secondsPerPixel);
}

int WorkerTimeline::barCount(int worker) const {
    return worker >= 0 && worker < int(lanes_.size()) ? int(lanes_[std::size_t(worker)].tasks.size()) : 0;
}

void WorkerTimeline::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const QRectF area = plotArea();
    // Elided rather than cut off when the panel is narrow; the tooltip of each bar says what it is.
    p.drawText(QPointF(area.left(), fm.ascent() + 2),
               fm.elidedText(recentOnly_ ? tr("Workers: the last %n files, thin bars validation", nullptr,
                                              int(samples_.size()))
                                         : tr("Workers: a bar per file, thin bars validation"),
                             Qt::ElideRight, int(area.width())));
    const double step =
        tickStep(span_, std::max(2, int(area.width() / (fm.horizontalAdvance(QStringLiteral("000 s")) * 2))));
    for (double t = 0; t <= span_ + 1e-9; t += step) {
        const double x = area.left() + area.width() * t / span_;
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(x - 40, area.bottom() + 2, 80, fm.height()), Qt::AlignHCenter,
                   step < 1 ? QString::number(t, 'f', 1) + QStringLiteral(" s")
                            : QString::number(t, 'f', 0) + QStringLiteral(" s"));
    }
    auto xOf = [&](double seconds) {
        return area.left() + area.width() * std::clamp(seconds / span_, 0.0, 1.0);
    };
    for (int w = 0; w < workers_; ++w) {
        const QRectF lane = laneRect(w);
        p.fillRect(lane, palette().color(QPalette::AlternateBase));
        const double share =
            w < int(busy_.size()) ? 100.0 * std::min(1.0, busy_[std::size_t(w)] / span_) : 0.0;
        p.drawText(QRectF(0, lane.top(), area.left() - 6, lane.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("%1 · %2 %").arg(w + 1).arg(share, 0, 'f', 0));
        const auto& bars = lanes_[std::size_t(w)];
        const double thin = std::max(2.0, lane.height() * 0.2);
        for (const Bar& b : bars.tasks)
            p.fillRect(QRectF(xOf(b.start), lane.top(), std::max(1.0, xOf(b.end) - xOf(b.start)),
                              lane.height() - thin - 1),
                       b.colour);
        for (const Bar& b : bars.validation)
            p.fillRect(
                QRectF(xOf(b.start), lane.bottom() - thin, std::max(1.0, xOf(b.end) - xOf(b.start)), thin),
                b.colour);
    }
}

QString WorkerTimeline::tooltipAt(const QPointF& point) const {
    const QRectF area = plotArea();
    for (int w = 0; w < workers_; ++w) {
        if (!laneRect(w).contains(point)) continue;
        const double seconds = (point.x() - area.left()) / area.width() * span_;
        const double slack = span_ / area.width() * 2;  // two pixels either side
        const bool validation =
            point.y() > laneRect(w).bottom() - std::max(2.0, laneRect(w).height() * 0.2) - 1;
        const auto& bars = validation ? lanes_[std::size_t(w)].validation : lanes_[std::size_t(w)].tasks;
        for (const Bar& b : bars) {
            if (seconds < b.start - slack || seconds > b.end + slack) continue;
            const QString what =
                b.files > 1 ? tr("%n files", nullptr, b.files) : (names_ ? names_(b.id) : QString());
            return tr("%1\n%2: %3 s to %4 s (%5 ms)")
                .arg(what, validation ? tr("validated") : tr("optimized"))
                .arg(b.start, 0, 'f', 2)
                .arg(b.end, 0, 'f', 2)
                .arg(1000 * (b.end - b.start), 0, 'f', 0);
        }
    }
    return {};
}

bool WorkerTimeline::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

}  // namespace imgopt::gui

#include "gui/compare_canvas.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <cmath>

#include "gui/compare_viewport.hpp"

namespace imgopt::gui {

namespace {

// One wheel notch zooms by this factor.
constexpr double kWheelStep = 1.25;
// How close to the divider (in pixels) a press grabs it.
constexpr int kDividerGrab = 6;

const QImage& pictureOf(const ComparePictures& p, CompareCanvas::Layer layer) {
    switch (layer) {
        case CompareCanvas::Layer::Before:
            return p.before;
        case CompareCanvas::Layer::After:
            return p.after;
        case CompareCanvas::Layer::Difference:
            return p.difference;
    }
    return p.before;
}

QBrush checkerboard() {
    QPixmap tile(16, 16);
    tile.fill(QColor(0xcc, 0xcc, 0xcc));
    QPainter p(&tile);
    p.fillRect(0, 0, 8, 8, QColor(0x99, 0x99, 0x99));
    p.fillRect(8, 8, 8, 8, QColor(0x99, 0x99, 0x99));
    return QBrush(tile);
}

}  // namespace

CompareCanvas::CompareCanvas(CompareViewport* viewport, QWidget* parent)
    : QWidget(parent), viewport_(viewport) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    connect(viewport_, &CompareViewport::changed, this, qOverload<>(&QWidget::update));
}

QSize CompareCanvas::sizeHint() const { return QSize(640, 420); }

void CompareCanvas::setPictures(const ComparePictures* overview, const ComparePictures* detail) {
    overview_ = overview;
    detail_ = detail;
    update();
}

void CompareCanvas::showLayer(Layer layer) {
    layer_ = layer;
    split_ = false;
    update();
}

void CompareCanvas::showSplit() {
    split_ = true;
    update();
}

void CompareCanvas::setSplitPosition(double fraction) {
    splitPosition_ = std::clamp(fraction, 0.0, 1.0);
    update();
}

void CompareCanvas::paintLayer(QPainter& painter, Layer layer, const QRectF& clip) const {
    painter.save();
    painter.setClipRect(clip);
    const QRectF frame = viewport_->frameRect(size());
    if (layer != Layer::Difference) painter.fillRect(frame, checkerboard());
    const double scale = viewport_->scale(size());
    // Enlarged pixels stay square, so 200 % shows them as they are; reductions are smoothed.
    if (overview_ && !pictureOf(*overview_, layer).isNull()) {
        const QImage& image = pictureOf(*overview_, layer);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, frame.width() < image.width());
        painter.drawImage(frame, image);
    }
    if (detail_ && !pictureOf(*detail_, layer).isNull()) {
        const QRectF r = detail_->region;
        const QRectF target(frame.topLeft() + r.topLeft() * scale, r.size() * scale);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(target, pictureOf(*detail_, layer));
    }
    painter.restore();
}

void CompareCanvas::paintCaption(QPainter& painter, const QString& text, Qt::Alignment side) const {
    const QFontMetrics fm = painter.fontMetrics();
    const int pad = fm.height() / 3;
    QRect box(0, 0, fm.horizontalAdvance(text) + 2 * pad, fm.height() + pad);
    box.moveTop(pad);
    if (side & Qt::AlignRight)
        box.moveRight(width() - pad);
    else
        box.moveLeft(pad);
    painter.fillRect(box, QColor(0, 0, 0, 150));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

void CompareCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark));
    if (!split_) {
        paintLayer(painter, layer_, rect());
        const QString caption = layer_ == Layer::Before  ? tr("Original")
                                : layer_ == Layer::After ? tr("Optimized")
                                                         : tr("Difference");
        paintCaption(painter, caption, Qt::AlignLeft);
        return;
    }
    const double x = width() * splitPosition_;
    paintLayer(painter, Layer::Before, QRectF(0, 0, x, height()));
    paintLayer(painter, Layer::After, QRectF(x, 0, width() - x, height()));
    painter.setPen(QPen(Qt::white, 2));
    painter.drawLine(QPointF(x, 0), QPointF(x, height()));
    painter.setBrush(Qt::white);
    painter.drawEllipse(QPointF(x, height() / 2.0), 7, 7);
    paintCaption(painter, tr("Original"), Qt::AlignLeft);
    paintCaption(painter, tr("Optimized"), Qt::AlignRight);
}

void CompareCanvas::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) return;
    const double zoom = viewport_->scale(size()) * std::pow(kWheelStep, notches);
    viewport_->setZoom(zoom, size(), event->position());
    event->accept();
}

bool CompareCanvas::nearDivider(QPointF p) const {
    return split_ && std::abs(p.x() - width() * splitPosition_) <= kDividerGrab;
}

void CompareCanvas::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    drag_ = nearDivider(event->position()) ? Drag::Divider : Drag::Pan;
    lastMouse_ = event->position();
    if (drag_ == Drag::Pan) setCursor(Qt::ClosedHandCursor);
}

void CompareCanvas::mouseMoveEvent(QMouseEvent* event) {
    const QPointF p = event->position();
    if (drag_ == Drag::Divider) {
        setSplitPosition(p.x() / std::max(1, width()));
    } else if (drag_ == Drag::Pan) {
        viewport_->panBy(p - lastMouse_, size());
        lastMouse_ = p;
    } else {
        setCursor(nearDivider(p) ? Qt::SplitHCursor : Qt::OpenHandCursor);
    }
}

void CompareCanvas::mouseReleaseEvent(QMouseEvent*) {
    drag_ = Drag::None;
    setCursor(Qt::OpenHandCursor);
}

}  // namespace imgopt::gui

#include "gui/compare_viewport.hpp"

#include <algorithm>

namespace imgopt::gui {

CompareViewport::CompareViewport(QObject* parent) : QObject(parent) {}

void CompareViewport::setFrame(QSize frame) {
    frame_ = frame.isValid() && !frame.isEmpty() ? frame : QSize(1, 1);
    centre_ = QPointF(frame_.width() / 2.0, frame_.height() / 2.0);
    emit changed();
}

void CompareViewport::fit() {
    fitting_ = true;
    centre_ = QPointF(frame_.width() / 2.0, frame_.height() / 2.0);
    emit changed();
}

double CompareViewport::scale(QSizeF pane) const {
    if (!fitting_) return zoom_;
    if (pane.isEmpty()) return 1.0;
    return std::min(pane.width() / frame_.width(), pane.height() / frame_.height());
}

QRectF CompareViewport::frameRect(QSizeF pane) const {
    const double s = scale(pane);
    const QPointF topLeft(pane.width() / 2 - centre_.x() * s, pane.height() / 2 - centre_.y() * s);
    return QRectF(topLeft, QSizeF(frame_.width() * s, frame_.height() * s));
}

QRectF CompareViewport::visibleFrame(QSizeF pane) const {
    const double s = scale(pane);
    const QRectF view(centre_.x() - pane.width() / (2 * s), centre_.y() - pane.height() / (2 * s),
                      pane.width() / s, pane.height() / s);
    return view.intersected(QRectF(QPointF(0, 0), QSizeF(frame_)));
}

QPointF CompareViewport::toFrame(QPointF panePoint, QSizeF pane) const {
    const double s = scale(pane);
    return centre_ + (panePoint - QPointF(pane.width() / 2, pane.height() / 2)) / s;
}

void CompareViewport::setZoom(double zoom, QSizeF pane, QPointF anchor) {
    const QPointF fixed = toFrame(anchor, pane);
    zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
    fitting_ = false;
    // The anchor keeps showing the same frame point.
    centre_ = fixed - (anchor - QPointF(pane.width() / 2, pane.height() / 2)) / zoom_;
    clampCentre(pane);
    emit changed();
}

void CompareViewport::setZoom(double zoom, QSizeF pane) {
    setZoom(zoom, pane, QPointF(pane.width() / 2, pane.height() / 2));
}

void CompareViewport::panBy(QPointF delta, QSizeF pane) {
    if (fitting_) {
        // Panning a fitted picture first fixes the zoom where it is.
        zoom_ = scale(pane);
        fitting_ = false;
    }
    centre_ -= delta / zoom_;
    clampCentre(pane);
    emit changed();
}

void CompareViewport::clampCentre(QSizeF pane) {
    // The frame may not leave the pane entirely: its centre stays within the frame, or in the middle when the
    // whole frame fits.
    const double s = scale(pane);
    const double halfW = pane.width() / (2 * s), halfH = pane.height() / (2 * s);
    const auto clampAxis = [](double c, double half, double size) {
        return half * 2 >= size ? size / 2 : std::clamp(c, half, size - half);
    };
    centre_.setX(clampAxis(centre_.x(), halfW, frame_.width()));
    centre_.setY(clampAxis(centre_.y(), halfH, frame_.height()));
}

}  // namespace imgopt::gui

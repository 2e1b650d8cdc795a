#pragma once
// CompareViewport: the zoom and pan that every pane of the compare view shares, so the before, after and
// difference images always show the same part of the frame. The frame is the original's upright size; an
// output of another size is drawn stretched onto it.
// Thread rules: GUI thread only.

#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QSize>

namespace imgopt::gui {

class CompareViewport : public QObject {
    Q_OBJECT
public:
    explicit CompareViewport(QObject* parent = nullptr);

    void setFrame(QSize frame);
    QSize frame() const { return frame_; }

    // Fit shows the whole frame in the pane; otherwise `zoom` device-independent pixels per frame pixel.
    bool fitting() const { return fitting_; }
    void fit();
    // Zooms keeping `anchor` (a point of a pane of size `pane`) on the same frame point; the centre without.
    void setZoom(double zoom, QSizeF pane, QPointF anchor);
    void setZoom(double zoom, QSizeF pane);
    // Moves the picture by `delta` pane pixels.
    void panBy(QPointF delta, QSizeF pane);

    // For a pane of this size: pixels per frame pixel, where the frame lands, and the part of it in view.
    double scale(QSizeF pane) const;
    QRectF frameRect(QSizeF pane) const;
    QRectF visibleFrame(QSizeF pane) const;
    QPointF toFrame(QPointF panePoint, QSizeF pane) const;

    static constexpr double kMinZoom = 0.02;
    static constexpr double kMaxZoom = 32.0;

signals:
    void changed();

private:
    void clampCentre(QSizeF pane);

    QSize frame_{1, 1};
    bool fitting_ = true;
    double zoom_ = 1.0;
    QPointF centre_{0.5, 0.5};  // the frame point at the pane's centre, in frame pixels
};

}  // namespace imgopt::gui

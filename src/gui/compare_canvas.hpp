#pragma once
// CompareCanvas: one pane of the compare view. It draws the pictures the view loaded (an overview of the
// whole frame, and a sharper detail of the part in view once it arrives) through the shared viewport, so
// that panes showing different pictures stay on the same spot at the same zoom. In split mode it shows the
// original left of a divider and the output right of it; the divider follows the mouse when dragged.
// The wheel zooms around the cursor, dragging pans.
// Thread rules: GUI thread only; it never decodes (CompareLoader does).

#include <QWidget>

#include "gui/compare_loader.hpp"

namespace imgopt::gui {

class CompareViewport;

class CompareCanvas : public QWidget {
    Q_OBJECT
public:
    enum class Layer { Before, After, Difference };

    explicit CompareCanvas(CompareViewport* viewport, QWidget* parent = nullptr);

    // The pictures to draw, owned by the view; null while none have arrived.
    void setPictures(const ComparePictures* overview, const ComparePictures* detail);
    void showLayer(Layer layer);
    void showSplit();
    bool isSplit() const { return split_; }
    Layer layer() const { return layer_; }
    // The divider, as a fraction of the pane's width.
    double splitPosition() const { return splitPosition_; }
    void setSplitPosition(double fraction);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    enum class Drag { None, Pan, Divider };
    void paintLayer(QPainter& painter, Layer layer, const QRectF& clip) const;
    void paintCaption(QPainter& painter, const QString& text, Qt::Alignment side) const;
    bool nearDivider(QPointF p) const;

    CompareViewport* viewport_;
    const ComparePictures* overview_ = nullptr;
    const ComparePictures* detail_ = nullptr;
    Layer layer_ = Layer::Before;
    bool split_ = false;
    double splitPosition_ = 0.5;
    Drag drag_ = Drag::None;
    QPointF lastMouse_;
};

}  // namespace imgopt::gui

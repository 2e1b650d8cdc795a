#pragma once
// ThumbnailDelegate: paints the queue's preview column from the ThumbnailLoader's cache: the preview when it
// has arrived, a frame in the palette's mid tone while it is being made, and a fainter dotted one when the
// file has none. Painting never asks for a preview: QueueThumbnails decides what to load from the rows on
// screen.
//
// Thread rules: GUI thread only.

#include <QStyledItemDelegate>

namespace imgopt::gui {

class ThumbnailLoader;

class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    ThumbnailDelegate(const ThumbnailLoader* loader, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The preview's box in logical pixels (the cell minus a small margin).
    void setEdge(int edge) { edge_ = edge; }
    int edge() const { return edge_; }

private:
    const ThumbnailLoader* loader_;
    int edge_ = 32;
};

}  // namespace imgopt::gui

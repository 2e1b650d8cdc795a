#include "gui/thumbnail_delegate.hpp"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include "gui/queue_model.hpp"
#include "gui/thumbnail_loader.hpp"

namespace imgopt::gui {

namespace {
// The preview's size on screen: its own size in logical pixels, shrunk to fit the box, never enlarged.
QRect fitted(const QImage& image, qreal dpr, const QRect& box) {
    QSize size = (QSizeF(image.size()) / dpr).toSize();
    if (size.width() > box.width() || size.height() > box.height())
        size.scale(box.size(), Qt::KeepAspectRatio);
    QRect target(QPoint(), size.expandedTo(QSize(1, 1)));
    target.moveCenter(box.center());
    return target;
}
}  // namespace

ThumbnailDelegate::ThumbnailDelegate(const ThumbnailLoader* loader, QObject* parent)
    : QStyledItemDelegate(parent), loader_(loader) {}

void ThumbnailDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    // Background and selection as the style draws them for any cell, without text or icon.
    QStyleOptionViewItem cell(option);
    initStyleOption(&cell, index);
    cell.text.clear();
    cell.icon = QIcon();
    const QStyle* style = cell.widget ? cell.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, cell.widget);

    QRect box(QPoint(), QSize(edge_, edge_));
    box.moveCenter(option.rect.center());
    box = box.intersected(option.rect.adjusted(1, 1, -1, -1));
    const QImage* image = loader_->find(index.data(QueueModel::ThumbnailKeyRole).toString());
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    if (image && !image->isNull()) {
        painter->drawImage(fitted(*image, painter->device()->devicePixelRatioF(), box), *image);
    } else {
        // Still coming (nullptr) or none to show (null image): a frame in the palette's mid tone, fainter
        // for a file without a preview, so the column reads as pictures-to-be rather than as empty.
        QColor frame = option.palette.color(QPalette::Mid);
        frame.setAlphaF(image ? 0.35f : 0.7f);
        painter->setPen(QPen(frame, 1, image ? Qt::DotLine : Qt::SolidLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    }
    painter->restore();
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return {edge_ + 6, edge_ + 4};
}

}  // namespace imgopt::gui

#include "gui/queue_thumbnails.hpp"

#include <QAbstractProxyModel>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

#include "gui/queue_model.hpp"
#include "gui/thumbnail_delegate.hpp"
#include "gui/thumbnail_loader.hpp"

namespace imgopt::gui {

namespace {
// Often enough that previews follow a slow scroll, rarely enough that a fast one costs no work.
constexpr int kUpdateMs = 40;
// Room around the preview inside its cell.
constexpr int kMargin = 6;
}  // namespace

QueueThumbnails::QueueThumbnails(QTableView* view, QueueModel* model, QObject* parent)
    : QObject(parent), view_(view), model_(model), loader_(nullptr), delegate_(nullptr) {
    const int edge = previewEdge();
    loader_ = new ThumbnailLoader(int(edge * view_->devicePixelRatioF()), this);
    delegate_ = new ThumbnailDelegate(loader_, this);
    delegate_->setEdge(edge);
    view_->setItemDelegateForColumn(QueueModel::ThumbnailColumn, delegate_);
    view_->verticalHeader()->setDefaultSectionSize(rowHeight());
    view_->horizontalHeader()->resizeSection(QueueModel::ThumbnailColumn, edge + 2 * kMargin);
    timer_.setSingleShot(true);
    timer_.setInterval(kUpdateMs);
    connect(&timer_, &QTimer::timeout, this, &QueueThumbnails::updateNow);
    connect(loader_, &ThumbnailLoader::ready, view_->viewport(), qOverload<>(&QWidget::update));
    connectView();
}

// A little over two text lines: enough to tell photos apart, and still a dense list.
int QueueThumbnails::previewEdge() const { return 2 * view_->fontMetrics().height() + 2; }

int QueueThumbnails::rowHeight() const { return previewEdge() + kMargin; }

void QueueThumbnails::connectView() {
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this, &QueueThumbnails::scheduleUpdate);
    connect(view_->verticalScrollBar(), &QScrollBar::rangeChanged, this, &QueueThumbnails::scheduleUpdate);
    QAbstractItemModel* shown = view_->model();
    connect(shown, &QAbstractItemModel::rowsInserted, this, &QueueThumbnails::scheduleUpdate);
    connect(shown, &QAbstractItemModel::rowsRemoved, this, &QueueThumbnails::scheduleUpdate);
    connect(shown, &QAbstractItemModel::layoutChanged, this, &QueueThumbnails::scheduleUpdate);
    connect(shown, &QAbstractItemModel::modelReset, this, &QueueThumbnails::scheduleUpdate);
    // A finished row now shows its output, which has a key of its own.
    connect(shown, &QAbstractItemModel::dataChanged, this, &QueueThumbnails::scheduleUpdate);
    connect(view_->horizontalHeader(), &QHeaderView::sectionResized, this, &QueueThumbnails::scheduleUpdate);
    view_->viewport()->installEventFilter(this);
}

bool QueueThumbnails::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport() &&
        (event->type() == QEvent::Resize || event->type() == QEvent::Show || event->type() == QEvent::Hide)) {
        scheduleUpdate();
    }
    return QObject::eventFilter(watched, event);
}

void QueueThumbnails::scheduleUpdate() {
    // Not restarted while pending: during a long scroll the wish list still follows every kUpdateMs.
    if (!timer_.isActive()) timer_.start();
}

QList<int> QueueThumbnails::visibleSourceRows() const {
    QList<int> rows;
    if (!view_->isVisible() || view_->isColumnHidden(QueueModel::ThumbnailColumn)) return rows;
    const int x = view_->columnViewportPosition(QueueModel::ThumbnailColumn);
    const int width = view_->columnWidth(QueueModel::ThumbnailColumn);
    if (x + width <= 0 || x >= view_->viewport()->width()) return rows;  // scrolled out sideways
    const int first = view_->rowAt(0);
    if (first < 0) return rows;
    int last = view_->rowAt(view_->viewport()->height() - 1);
    if (last < 0) last = view_->model()->rowCount() - 1;
    const auto* proxy = qobject_cast<const QAbstractProxyModel*>(view_->model());
    for (int r = first; r <= last; ++r) {
        const QModelIndex index = view_->model()->index(r, QueueModel::ThumbnailColumn);
        rows << (proxy ? proxy->mapToSource(index).row() : r);
    }
    return rows;
}

void QueueThumbnails::updateNow() {
    timer_.stop();
    QList<ThumbnailRequest> wanted;
    for (int r : visibleSourceRows()) {
        if (r < 0 || r >= model_->rowCount()) continue;
        const QueueRow& row = model_->row(r);
        wanted.push_back({previewKey(row), previewPath(row)});
    }
    loader_->setWanted(wanted);
}

}  // namespace imgopt::gui

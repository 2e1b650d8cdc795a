#pragma once
// QueueThumbnails: feeds the queue table's preview column. It works out which rows are on screen after a
// scroll, a resize, a sort, a filter or new rows, and hands exactly those to the ThumbnailLoader as its new
// wish list; rows that scrolled away are dropped from it before any work is spent on them. Updates are
// throttled (one per kUpdateMs), so a fast scroll through 10,000 rows asks only for where it comes to rest.
// A preview that arrives repaints the view; a row whose run wrote an output shows the output's preview.
//
// Thread rules: GUI thread only. The loader's jobs run on its own pool and report back through its signals.

#include <QObject>
#include <QTimer>

class QTableView;

namespace imgopt::gui {

class QueueModel;
class ThumbnailDelegate;
class ThumbnailLoader;

class QueueThumbnails : public QObject {
    Q_OBJECT
public:
    // `view` shows `model` through a sorting/filtering proxy; its QueueModel::ThumbnailColumn gets the
    // delegate.
    QueueThumbnails(QTableView* view, QueueModel* model, QObject* parent = nullptr);

    ThumbnailLoader* loader() const { return loader_; }
    // Source-model rows whose preview cell is on screen now, top first.
    QList<int> visibleSourceRows() const;
    // The preview's box and the row height, in logical pixels.
    int previewEdge() const;
    int rowHeight() const;
    // Asks the loader for the rows on screen now (the timer does this after every change).
    void updateNow();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void scheduleUpdate();
    void connectView();

    QTableView* view_;
    QueueModel* model_;
    ThumbnailLoader* loader_;
    ThumbnailDelegate* delegate_;
    QTimer timer_;
};

}  // namespace imgopt::gui

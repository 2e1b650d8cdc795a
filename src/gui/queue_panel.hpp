#pragma once
// QueuePanel: the queue table with its status filter, a one-line notice area and the row context menu.
// Open and "Show output in folder" are handled here; "Process next", "Process again" and Remove are
// requested from outside because they involve the run. While the queue is empty the table gives way to the
// DropZone; the table's preview column is fed by QueueThumbnails.

#include <QWidget>

#include "gui/queue_model.hpp"

class QAction;
class QComboBox;
class QLabel;
class QLayout;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace imgopt::gui {

class DropZone;
class QueueFilterModel;
class QueueThumbnails;

class QueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit QueuePanel(QueueModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    QueueFilterModel* proxy() const { return proxy_; }
    QComboBox* statusFilter() const { return filter_; }
    DropZone* dropZone() const { return dropZone_; }
    QueueThumbnails* thumbnails() const { return thumbnails_; }
    // True while the queue is empty and the drop zone stands in for the table.
    bool showsDropZone() const;
    // Source-model rows of the selection.
    QList<int> selectedSourceRows() const;

    void showStatusFilter(std::optional<RowState> state);
    void showNotice(const QString& text);
    QString notice() const;

    QAction* processNextAction() const { return processNext_; }
    QAction* processAgainAction() const { return processAgain_; }
    QAction* removeAction() const { return remove_; }
    QAction* openAction() const { return open_; }
    QAction* showInFolderAction() const { return showInFolder_; }
    QAction* compareAction() const { return compare_; }

signals:
    void processNextRequested(const QList<int>& sourceRows);
    void processAgainRequested(const QList<int>& sourceRows);
    void removeRequested(const QList<int>& sourceRows);
    // A finished file to show in the compare view (double-click or the Compare action).
    void compareRequested(int sourceRow);

private:
    QLayout* buildFilterRow();
    QWidget* buildNoticeBar();
    QWidget* buildTablePage();
    void updateEmptyState();
    void setUpView();
    void createActions();
    void connectSignals();
    void updateActions();
    void openSelected();
    void compareOrOpen(const QModelIndex& index);
    void compareCurrent();
    void showSelectedInFolder();

    QueueModel* model_;
    QueueFilterModel* proxy_;
    QTableView* view_;
    QComboBox* filter_;
    QStackedWidget* stack_;
    DropZone* dropZone_;
    QueueThumbnails* thumbnails_ = nullptr;
    QWidget* noticeBar_;
    QLabel* noticeLabel_;
    QAction* processNext_;
    QAction* processAgain_;
    QAction* remove_;
    QAction* open_;
    QAction* showInFolder_;
    QAction* compare_;
};

}  // namespace imgopt::gui

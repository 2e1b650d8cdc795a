#pragma once
// Sorting and the status filter over QueueModel. Compares the rows' own values, not their display text:
// sizes and times as numbers, names and folders in natural order (img2 before img10) by the sort keys
// QueueModel made when each row arrived. A comparison is then a byte compare, so sorting 100,000 rows, and
// placing each batch of new rows into a sorted view, stays within a frame or two.

#include <QPointer>
#include <QSortFilterProxyModel>
#include <optional>

#include "gui/queue_model.hpp"

namespace imgopt::gui {

class QueueFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit QueueFilterModel(QObject* parent = nullptr);

    // Must be a QueueModel.
    void setSourceModel(QAbstractItemModel* model) override;

    // nullopt shows every row.
    void setStateFilter(std::optional<RowState> state);
    std::optional<RowState> stateFilter() const { return state_; }

    // The order this model sorts `column` in (ascending), for two rows of the queue.
    static bool rowLessThan(const QueueRow& a, const QueueRow& b, int column);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    std::optional<RowState> state_;
    QPointer<QueueModel> queue_;
};

}  // namespace imgopt::gui

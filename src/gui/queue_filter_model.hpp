#pragma once
// Sorting and the status filter over QueueModel. Sorts by QueueModel::SortRole so sizes and times sort as
// numbers, not as their formatted text.

#include <QSortFilterProxyModel>
#include <optional>

#include "gui/queue_model.hpp"

namespace imgopt::gui {

class QueueFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit QueueFilterModel(QObject* parent = nullptr);

    // nullopt shows every row.
    void setStateFilter(std::optional<RowState> state);
    std::optional<RowState> stateFilter() const { return state_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<RowState> state_;
};

}  // namespace imgopt::gui

#include "gui/queue_filter_model.hpp"

namespace imgopt::gui {

QueueFilterModel::QueueFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(QueueModel::SortRole);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void QueueFilterModel::setStateFilter(std::optional<RowState> state) {
    if (state == state_) return;
    state_ = state;
    invalidateRowsFilter();
}

bool QueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!state_) return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(QueueModel::StateRole).toInt() == int(*state_);
}

}  // namespace imgopt::gui

#include "gui/queue_filter_model.hpp"

#include "gui/display_format.hpp"

namespace imgopt::gui {

namespace {
double savingOf(const QueueRow& row) {
    return hasSizes(row) ? savingPercent(row.bytesBefore, row.bytesAfter) : -1e9;
}

// Rows without a key (none are made that way today) sort first.
int compareKeys(const std::optional<QCollatorSortKey>& a, const std::optional<QCollatorSortKey>& b) {
    if (!a || !b) return int(bool(a)) - int(bool(b));
    return a->compare(*b);
}
}  // namespace

QueueFilterModel::QueueFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setDynamicSortFilter(true);
}

void QueueFilterModel::setSourceModel(QAbstractItemModel* model) {
    queue_ = qobject_cast<QueueModel*>(model);
    Q_ASSERT(queue_ || !model);
    QSortFilterProxyModel::setSourceModel(model);
}

void QueueFilterModel::setStateFilter(std::optional<RowState> state) {
    if (state == state_) return;
    state_ = state;
    invalidateRowsFilter();
}

bool QueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!state_ || sourceParent.isValid() || !queue_) return true;
    return queue_->row(sourceRow).state == *state_;
}

bool QueueFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    if (!queue_) return QSortFilterProxyModel::lessThan(left, right);
    return rowLessThan(queue_->row(left.row()), queue_->row(right.row()), left.column());
}

bool QueueFilterModel::rowLessThan(const QueueRow& a, const QueueRow& b, int column) {
    switch (column) {
        case QueueModel::FileColumn:
            return compareKeys(a.fileKey, b.fileKey) < 0;
        case QueueModel::FolderColumn: {
            // Within one folder, by name: the order a file manager shows.
            const int folder = compareKeys(a.folderKey, b.folderKey);
            return folder != 0 ? folder < 0 : compareKeys(a.fileKey, b.fileKey) < 0;
        }
        case QueueModel::FormatColumn:
            if (a.inputFormat != b.inputFormat)
                return formatName(a.inputFormat).compare(formatName(b.inputFormat)) < 0;
            return formatName(a.outputFormat).compare(formatName(b.outputFormat)) < 0;
        case QueueModel::BeforeColumn:
            return a.bytesBefore < b.bytesBefore;
        case QueueModel::AfterColumn:
            return (hasSizes(a) ? a.bytesAfter : 0) < (hasSizes(b) ? b.bytesAfter : 0);
        case QueueModel::SavingColumn:
            return savingOf(a) < savingOf(b);
        case QueueModel::TimeColumn:
            return a.seconds < b.seconds;
        case QueueModel::StatusColumn:
            return int(a.state) < int(b.state);
        default:
            return false;  // the preview column keeps scan order
    }
}

}  // namespace imgopt::gui

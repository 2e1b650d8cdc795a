#include "gui/queue_model.hpp"

#include <QApplication>
#include <QBrush>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <algorithm>

#include "gui/display_format.hpp"
#include "gui/natural_sort.hpp"

namespace imgopt::gui {

namespace {
// Long enough to gather a scan burst into one insert, short enough to feel live.
constexpr int kFlushIntervalMs = 60;

QString toQString(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

RowState stateOf(const TaskResult& r) {
    if (r.status == TaskStatus::Skipped &&
        (r.errorCode == ErrorCode::UpToDate || r.errorCode == ErrorCode::AlreadyOptimized))
        return RowState::UpToDate;
    switch (r.status) {
        case TaskStatus::Optimized:
            return RowState::Optimized;
        case TaskStatus::KeptOriginal:
            return RowState::KeptOriginal;
        case TaskStatus::Skipped:
            return RowState::Skipped;
        case TaskStatus::Failed:
            return RowState::Failed;
    }
    return RowState::Failed;
}

QString stateText(const QueueRow& row) {
    switch (row.state) {
        case RowState::Queued:
            return QueueModel::tr("Queued");
        case RowState::Optimized:
            return statusText(TaskStatus::Optimized);
        case RowState::KeptOriginal:
            return statusText(TaskStatus::KeptOriginal);
        case RowState::UpToDate:
            return row.canProcessAgain ? QueueModel::tr("Up to date") : QueueModel::tr("Already optimized");
        case RowState::Skipped:
            return statusText(TaskStatus::Skipped);
        case RowState::Failed:
            return statusText(TaskStatus::Failed);
    }
    return {};
}

}  // namespace

// Up-to-date rows show what the earlier run saved.
bool hasSizes(const QueueRow& row) {
    return row.state == RowState::Optimized || row.state == RowState::KeptOriginal ||
           row.state == RowState::UpToDate;
}

// A written output is what the user came for; a failed or skipped row has none, and a queued row not yet.
bool showsOutput(const QueueRow& row) {
    return !row.output.isEmpty() && (row.state == RowState::Optimized || row.state == RowState::KeptOriginal);
}

QString previewPath(const QueueRow& row) { return showsOutput(row) ? row.output : row.path; }

QString previewKey(const QueueRow& row) {
    return previewPath(row) + QLatin1Char('\n') +
           QString::number(showsOutput(row) ? row.bytesAfter : row.bytesBefore);
}

QueueModel::QueueModel(QObject* parent) : QAbstractTableModel(parent), collator_(naturalCollator()) {
    flushTimer_.setSingleShot(true);
    flushTimer_.setInterval(kFlushIntervalMs);
    connect(&flushTimer_, &QTimer::timeout, this, &QueueModel::flush);
}

int QueueModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : committed_; }

int QueueModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (section == ThumbnailColumn && role == Qt::ToolTipRole) return tr("Preview");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case FileColumn:
            return tr("File");
        case FolderColumn:
            return tr("Folder");
        case FormatColumn:
            return tr("Format");
        case BeforeColumn:
            return tr("Before");
        case AfterColumn:
            return tr("After");
        case SavingColumn:
            return tr("Saving");
        case TimeColumn:
            return tr("Time");
        case StatusColumn:
            return tr("Status");
        default:
            return {};
    }
}

QVariant QueueModel::displayData(const QueueRow& r, int column) {
    const bool sized = hasSizes(r);
    switch (column) {
        case FileColumn:
            return r.fileName;
        case FolderColumn:
            return r.folder;
        case FormatColumn:
            if (r.outputFormat == ImageFormat::Unknown) return formatName(r.inputFormat);
            return tr("%1 → %2").arg(formatName(r.inputFormat), formatName(r.outputFormat));
        case BeforeColumn:
            return formatBytes(r.bytesBefore);
        case AfterColumn:
            return sized ? formatBytes(r.bytesAfter) : QString();
        case SavingColumn:
            return sized ? tr("%1 %").arg(
                               QLocale().toString(savingPercent(r.bytesBefore, r.bytesAfter), 'f', 1))
                         : QString();
        case TimeColumn:
            return r.state == RowState::Queued ? QString() : formatSeconds(r.seconds);
        case StatusColumn:
            // The reason of an up-to-date row is in its tooltip; the status says it all.
            return r.message.isEmpty() || r.state == RowState::UpToDate
                       ? stateText(r)
                       : tr("%1: %2").arg(stateText(r), r.message);
    }
    return {};
}

QVariant QueueModel::toolTipData(const QueueRow& r, int column) {
    if (column == StatusColumn && r.canProcessAgain)
        return tr("%1\nProcess Again (in the row's menu) redoes it.").arg(r.message);
    if (column == StatusColumn && !r.message.isEmpty()) return r.message;
    if (column == ThumbnailColumn || column == FileColumn || column == FolderColumn) {
        return r.output.isEmpty() ? r.path : tr("%1\n→ %2").arg(r.path, r.output);
    }
    return {};
}

QVariant QueueModel::decorationData(const QueueRow& r, int column) {
    if (column != StatusColumn) return {};
    if (r.state == RowState::Failed)
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    if (r.state == RowState::UpToDate)
        return QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
    if (!r.message.isEmpty() && r.state != RowState::Skipped) {
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    return {};
}

QVariant QueueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= committed_) return {};
    const QueueRow& r = rows_[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return displayData(r, column);
        case StateRole:
            return int(r.state);
        case ThumbnailKeyRole:
            return column == ThumbnailColumn ? previewKey(r) : QVariant();
        case Qt::ToolTipRole:
            return toolTipData(r, column);
        case Qt::ForegroundRole:
            if (r.state == RowState::Failed) return QBrush(QColor(0xc0, 0x1c, 0x28));
            if (r.state == RowState::Skipped || r.state == RowState::KeptOriginal) {
                return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
            }
            return {};
        case Qt::DecorationRole:
            return decorationData(r, column);
        case Qt::TextAlignmentRole:
            if (column >= BeforeColumn && column <= TimeColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            return {};
    }
}

void QueueModel::addScanned(int run, const ScanItem& item) {
    append(run, item);
    scheduleFlush();
}

void QueueModel::applyPlanned(int run, const PlannedTask& task) {
    plan(run, task);
    scheduleFlush();
}

void QueueModel::applyResult(int run, const TaskResult& result) {
    finish(run, result);
    scheduleFlush();
}

void QueueModel::addScannedBatch(int run, const std::vector<ScanItem>& items) {
    for (const ScanItem& item : items) append(run, item);
    flush();
}

void QueueModel::applyPlannedBatch(int run, const std::vector<PlannedTask>& tasks) {
    for (const PlannedTask& task : tasks) plan(run, task);
    flush();
}

void QueueModel::applyResultBatch(int run, const std::vector<TaskResult>& results) {
    for (const TaskResult& result : results) finish(run, result);
    flush();
}

void QueueModel::folderFor(const QString& root, const QString& parent, QueueRow& row) {
    if (parent != lastParent_ || root != lastRoot_ || !lastFolderKey_) {
        // The folder relative to the dropped folder reads better than a long absolute path.
        QString folder = root.isEmpty()
                             ? QDir::toNativeSeparators(parent)
                             : QDir::toNativeSeparators(QFileInfo(root).fileName() + QLatin1Char('/') +
                                                        QDir(root).relativeFilePath(parent));
        if (folder.endsWith(QLatin1String("/."))) folder.chop(2);
        lastParent_ = parent;
        lastRoot_ = root;
        lastFolder_ = folder;
        lastFolderKey_ = collator_.sortKey(folder);
    }
    row.root = lastRoot_;  // one shared copy of the dropped folder's path, not one per row
    row.folder = lastFolder_;
    row.folderKey = lastFolderKey_;
}

void QueueModel::append(int run, const ScanItem& item) {
    QueueRow r;
    r.run = run;
    r.id = item.id;
    r.path = toQString(item.path);
    r.fileName = toQString(item.path.filename());
    r.fileKey = collator_.sortKey(r.fileName);
    r.root = toQString(item.root);
    folderFor(r.root, toQString(item.path.parent_path()), r);
    r.inputFormat = formatFromExtension(item.path);
    r.bytesBefore = item.bytes;
    index_.insert(key(run, item.id), int(rows_.size()));
    rows_.push_back(std::move(r));
}

void QueueModel::plan(int run, const PlannedTask& task) {
    const int i = rowOf(run, task.source.id);
    if (i < 0) return;
    QueueRow& r = rows_[std::size_t(i)];
    r.inputFormat = task.header.format;
    r.outputFormat = task.outputFormat;
    r.output = toQString(task.output);
    markDirty(i);
}

void QueueModel::finish(int run, const TaskResult& result) {
    const int i = rowOf(run, result.id);
    if (i < 0) return;  // removed by the user meanwhile
    QueueRow& r = rows_[std::size_t(i)];
    r.state = stateOf(result);
    r.canProcessAgain = result.errorCode == ErrorCode::UpToDate;
    if (result.inputFormat != ImageFormat::Unknown) r.inputFormat = result.inputFormat;
    if (result.outputFormat != ImageFormat::Unknown) r.outputFormat = result.outputFormat;
    r.bytesBefore = result.inputBytes ? result.inputBytes : r.bytesBefore;
    r.bytesAfter = result.outputBytes;
    r.seconds = result.timings.processSeconds + result.timings.validateSeconds;
    r.output = result.output ? toQString(*result.output) : QString();
    r.message = !result.error.empty()     ? errorText(result)
                : !result.warning.empty() ? QString::fromStdString(result.warning)
                                          : QString::fromStdString(result.reason);
    r.score = result.score;
    r.quality = result.chosenQuality;
    r.encoding = QString::fromStdString(result.chosenEncoding);
    r.finishOrder = ++finishedCount_;
    markDirty(i);
}

int QueueModel::rowOf(int run, TaskId id) const { return index_.value(key(run, id), -1); }

void QueueModel::removeRowList(QList<int> rows) {
    flush();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous selections are removed as one range; rows are sorted from the bottom so indices stay valid.
    std::size_t i = 0;
    while (i < std::size_t(rows.size())) {
        const int last = rows[qsizetype(i)];
        int first = last;
        while (i + 1 < std::size_t(rows.size()) && rows[qsizetype(i + 1)] == first - 1)
            first = rows[qsizetype(++i)];
        ++i;
        if (first < 0 || last >= committed_) continue;
        beginRemoveRows({}, first, last);
        rows_.erase(rows_.begin() + first, rows_.begin() + last + 1);
        committed_ -= last - first + 1;
        endRemoveRows();
    }
    dirty_.clear();
    rebuildIndex();
}

void QueueModel::flush() {
    flushTimer_.stop();
    if (committed_ < int(rows_.size())) {
        beginInsertRows({}, committed_, int(rows_.size()) - 1);
        committed_ = int(rows_.size());
        endInsertRows();
    }
    if (dirty_.empty()) return;
    std::sort(dirty_.begin(), dirty_.end());
    dirty_.erase(std::unique(dirty_.begin(), dirty_.end()), dirty_.end());
    // Contiguous runs become one signal each: results of a batch usually land on neighbouring rows.
    std::size_t start = 0;
    for (std::size_t i = 1; i <= dirty_.size(); ++i) {
        if (i == dirty_.size() || dirty_[i] != dirty_[i - 1] + 1) {
            emitChanged(dirty_[start], dirty_[i - 1]);
            start = i;
        }
    }
    dirty_.clear();
}

void QueueModel::emitChanged(int first, int last) {
    // A plan or a result never changes a row's name or folder, only their tooltips, which a view asks for
    // on hover. Leaving those columns out spares a proxy sorted by name the re-sort check of every row.
    emit dataChanged(index(first, ThumbnailColumn), index(last, ThumbnailColumn));
    emit dataChanged(index(first, FormatColumn), index(last, ColumnCount - 1));
}

void QueueModel::markDirty(int index) {
    if (index < committed_) dirty_.push_back(index);
}

void QueueModel::scheduleFlush() {
    if (!flushTimer_.isActive()) flushTimer_.start();
}

void QueueModel::rebuildIndex() {
    index_.clear();
    index_.reserve(qsizetype(rows_.size()));
    for (std::size_t i = 0; i < rows_.size(); ++i) index_.insert(key(rows_[i].run, rows_[i].id), int(i));
}

}  // namespace imgopt::gui

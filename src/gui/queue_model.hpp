#pragma once
// QueueModel: one row per file of every run in this session. Filled only from values the RunController
// delivered on the GUI thread (ScanItem, PlannedTask, TaskResult); it never looks at engine state.
// The RunController delivers batches; each batch is committed at once, as one beginInsertRows() for all of
// its new rows and one pair of dataChanged() per contiguous range of changed rows. Single inserts are
// buffered and committed by a short timer, so callers adding rows one by one get the same coalescing.

#include <QAbstractTableModel>
#include <QCollator>
#include <QHash>
#include <QTimer>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "imgopt/task.hpp"

namespace imgopt::gui {

// UpToDate: skipped because an earlier run's output is current (or, in place, the file is ImgOpt's own).
enum class RowState { Queued, Optimized, KeptOriginal, UpToDate, Skipped, Failed };

struct QueueRow {
    int run = 0;
    TaskId id = 0;
    QString path;
    QString fileName;
    QString folder;
    QString root;    // the dropped folder, empty for a dropped file
    QString output;  // final output path, once known
    ImageFormat inputFormat = ImageFormat::Unknown;
    ImageFormat outputFormat = ImageFormat::Unknown;
    std::uint64_t bytesBefore = 0;
    std::uint64_t bytesAfter = 0;
    double seconds = 0;
    RowState state = RowState::Queued;
    bool canProcessAgain = false;   // up to date, and "Process Again" would redo it (not ImgOpt's own bytes)
    QString message;                // error, or warning, or why the original was kept
    std::optional<double> score;    // quality auto: SSIM of the output against the source
    std::optional<int> quality;     // quality auto: the quality the search chose
    QString encoding;               // and how: the core's TaskResult::chosenEncoding
    std::uint64_t finishOrder = 0;  // 1-based order in which results arrived; 0 while queued
    // Natural-order keys (img2 before img10) made once when the row is added: sorting 100,000 rows then
    // compares bytes instead of collating strings. Rows of one folder share one folder key.
    std::optional<QCollatorSortKey> fileKey;
    std::optional<QCollatorSortKey> folderKey;
};

// Whether the row has sizes to show: done, or up to date (the earlier run's sizes).
bool hasSizes(const QueueRow& row);
// Whether the row has a written output (optimized or kept original), which the compare view and previews use.
bool showsOutput(const QueueRow& row);
// The file a row's preview shows: the output once the run wrote one, else the source. The key adds the file's
// size, so a file rewritten by a later run (or replaced in place) gets a fresh preview.
QString previewPath(const QueueRow& row);
QString previewKey(const QueueRow& row);

class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ThumbnailColumn,
        FileColumn,
        FolderColumn,
        FormatColumn,
        BeforeColumn,
        AfterColumn,
        SavingColumn,
        TimeColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role { StateRole = Qt::UserRole + 1, ThumbnailKeyRole };

    explicit QueueModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // One value each; committed by the timer (or flush()).
    void addScanned(int run, const ScanItem& item);
    void applyPlanned(int run, const PlannedTask& task);
    void applyResult(int run, const TaskResult& result);
    // A batch each, committed before returning.
    void addScannedBatch(int run, const std::vector<ScanItem>& items);
    void applyPlannedBatch(int run, const std::vector<PlannedTask>& tasks);
    void applyResultBatch(int run, const std::vector<TaskResult>& results);
    // Removes committed rows (source-model row numbers).
    void removeRowList(QList<int> rows);

    // Commits buffered inserts and changes now (the timer does it otherwise).
    void flush();

    // Includes rows not yet committed to views.
    int totalRows() const { return int(rows_.size()); }
    const QueueRow& row(int index) const { return rows_[std::size_t(index)]; }
    int rowOf(int run, TaskId id) const;

private:
    // What data() answers per role, for one row and column.
    static QVariant displayData(const QueueRow& r, int column);
    static QVariant toolTipData(const QueueRow& r, int column);
    static QVariant decorationData(const QueueRow& r, int column);
    static quint64 key(int run, TaskId id) { return (quint64(run) << 40) | quint64(id); }
    void append(int run, const ScanItem& item);
    void plan(int run, const PlannedTask& task);
    void finish(int run, const TaskResult& result);
    // The folder column's text and key for a file's parent folder; consecutive files of one folder share
    // both.
    void folderFor(const QString& root, const QString& parent, QueueRow& row);
    void markDirty(int index);
    // dataChanged() for what plans and results change in rows first..last.
    void emitChanged(int first, int last);
    void scheduleFlush();
    void rebuildIndex();

    // A deque: appending never moves the rows already there (QCollatorSortKey has no move, so a vector's
    // growth copied every row, an O(n) stall in the middle of a 100,000-file scan).
    std::deque<QueueRow> rows_;
    int committed_ = 0;          // rows views know about
    QHash<quint64, int> index_;  // (run, id) -> row
    std::vector<int> dirty_;     // committed rows changed since the last flush
    std::uint64_t finishedCount_ = 0;
    QTimer flushTimer_;
    QCollator collator_;
    QString lastParent_;  // the last folderFor() answer, reused for the next file of the same folder
    QString lastRoot_;
    QString lastFolder_;
    std::optional<QCollatorSortKey> lastFolderKey_;
};

}  // namespace imgopt::gui

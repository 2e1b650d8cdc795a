#include "gui/queue_panel.hpp"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include "gui/drop_zone.hpp"
#include "gui/queue_filter_model.hpp"
#include "gui/queue_thumbnails.hpp"

namespace imgopt::gui {

QueuePanel::QueuePanel(QueueModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      proxy_(new QueueFilterModel(this)),
      view_(new QTableView(this)),
      filter_(new QComboBox(this)),
      stack_(new QStackedWidget(this)),
      dropZone_(new DropZone(this)) {
    proxy_->setSourceModel(model_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildNoticeBar());
    stack_->addWidget(dropZone_);
    stack_->addWidget(buildTablePage());
    layout->addWidget(stack_, 1);
    createActions();
    connectSignals();
    updateActions();
    updateEmptyState();
}

QWidget* QueuePanel::buildTablePage() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buildFilterRow());
    setUpView();
    layout->addWidget(view_, 1);
    thumbnails_ = new QueueThumbnails(view_, model_, this);
    return page;
}

bool QueuePanel::showsDropZone() const { return stack_->currentWidget() == dropZone_; }

void QueuePanel::updateEmptyState() {
    // The committed rows: the drop zone gives way as soon as the first rows reach the table.
    stack_->setCurrentWidget(model_->rowCount() == 0 ? static_cast<QWidget*>(dropZone_)
                                                     : view_->parentWidget());
}

QLayout* QueuePanel::buildFilterRow() {
    auto* top = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("S&how:"), this);
    filterLabel->setBuddy(filter_);
    filter_->setObjectName(QStringLiteral("statusFilter"));
    filter_->addItem(tr("All files"), -1);
    filter_->addItem(tr("Queued"), int(RowState::Queued));
    filter_->addItem(tr("Optimized"), int(RowState::Optimized));
    filter_->addItem(tr("Kept original"), int(RowState::KeptOriginal));
    filter_->addItem(tr("Up to date"), int(RowState::UpToDate));
    filter_->addItem(tr("Skipped"), int(RowState::Skipped));
    filter_->addItem(tr("Failed"), int(RowState::Failed));
    top->addWidget(filterLabel);
    top->addWidget(filter_);
    top->addStretch(1);
    return top;
}

QWidget* QueuePanel::buildNoticeBar() {
    noticeBar_ = new QWidget(this);
    noticeBar_->setAutoFillBackground(true);
    noticeBar_->setBackgroundRole(QPalette::ToolTipBase);
    auto* noticeLayout = new QHBoxLayout(noticeBar_);
    auto* noticeIcon = new QLabel(noticeBar_);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    noticeIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(iconSize, iconSize));
    noticeLabel_ = new QLabel(noticeBar_);
    noticeLabel_->setObjectName(QStringLiteral("noticeLabel"));
    noticeLabel_->setWordWrap(true);
    noticeLabel_->setForegroundRole(QPalette::ToolTipText);
    auto* close = new QToolButton(noticeBar_);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    close->setToolTip(tr("Dismiss"));
    noticeLayout->addWidget(noticeIcon);
    noticeLayout->addWidget(noticeLabel_, 1);
    noticeLayout->addWidget(close);
    noticeBar_->hide();
    connect(close, &QToolButton::clicked, noticeBar_, &QWidget::hide);
    return noticeBar_;
}

void QueuePanel::setUpView() {
    view_->setObjectName(QStringLiteral("queueView"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(-1, Qt::AscendingOrder);  // scan order until the user picks a column
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->setTextElideMode(Qt::ElideRight);
    view_->verticalHeader()->hide();
    // Fixed row heights let the view skip measuring 100,000 rows; QueueThumbnails sets the height.
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    auto* header = view_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const int em = view_->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    // File, Folder, Format, Before, After, Saving, Time; the preview column is sized by QueueThumbnails.
    const int widths[] = {13, 9, 8, 7, 7, 5, 5};
    for (int c = 0; c < int(std::size(widths)); ++c)
        header->resizeSection(QueueModel::FileColumn + c, widths[c] * em);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
}

void QueuePanel::createActions() {
    processNext_ = new QAction(tr("Process &Next"), this);
    processNext_->setObjectName(QStringLiteral("actionProcessNext"));
    processNext_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    processAgain_ = new QAction(tr("Process &Again"), this);
    processAgain_->setObjectName(QStringLiteral("actionProcessAgain"));
    processAgain_->setToolTip(tr("Optimize files that were up to date from an earlier run once more"));
    remove_ = new QAction(tr("&Remove"), this);
    remove_->setObjectName(QStringLiteral("actionRemove"));
    remove_->setShortcut(QKeySequence::Delete);
    open_ = new QAction(tr("&Open"), this);
    open_->setObjectName(QStringLiteral("actionOpenFile"));
    open_->setShortcut(QKeySequence(Qt::Key_Return));
    showInFolder_ = new QAction(tr("Show Output in &Folder"), this);
    showInFolder_->setObjectName(QStringLiteral("actionShowInFolder"));
    compare_ = new QAction(tr("&Compare…"), this);
    compare_->setObjectName(QStringLiteral("actionCompare"));
    compare_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    compare_->setToolTip(
        tr("Compare the original and the optimized file (Ctrl+D, or double-click a finished row)"));
    for (QAction* a : {processNext_, processAgain_, remove_, open_, showInFolder_}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view_->addAction(a);
    }
}

void QueuePanel::connectSignals() {
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(model_, signal, this, &QueuePanel::updateEmptyState);
    }
    connect(model_, &QAbstractItemModel::modelReset, this, &QueuePanel::updateEmptyState);
    connect(filter_, &QComboBox::currentIndexChanged, this, [this] {
        const int v = filter_->currentData().toInt();
        proxy_->setStateFilter(v < 0 ? std::nullopt : std::optional<RowState>(RowState(v)));
    });
    connect(view_, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        updateActions();
        QMenu menu(this);
        menu.addAction(processNext_);
        menu.addAction(processAgain_);
        menu.addSeparator();
        menu.addAction(compare_);
        menu.addAction(open_);
        menu.addAction(showInFolder_);
        menu.addSeparator();
        menu.addAction(remove_);
        menu.exec(view_->viewport()->mapToGlobal(pos));
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueuePanel::updateActions);
    connect(view_, &QTableView::doubleClicked, this, &QueuePanel::compareOrOpen);
    connect(compare_, &QAction::triggered, this, &QueuePanel::compareCurrent);
    connect(processNext_, &QAction::triggered, this,
            [this] { emit processNextRequested(selectedSourceRows()); });
    connect(processAgain_, &QAction::triggered, this,
            [this] { emit processAgainRequested(selectedSourceRows()); });
    connect(remove_, &QAction::triggered, this, [this] { emit removeRequested(selectedSourceRows()); });
    connect(open_, &QAction::triggered, this, &QueuePanel::openSelected);
    connect(showInFolder_, &QAction::triggered, this, &QueuePanel::showSelectedInFolder);
}

QList<int> QueuePanel::selectedSourceRows() const {
    QList<int> rows;
    const auto selected = view_->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex& i : selected) rows << proxy_->mapToSource(i).row();
    return rows;
}

void QueuePanel::showStatusFilter(std::optional<RowState> state) {
    const int i = filter_->findData(state ? int(*state) : -1);
    filter_->setCurrentIndex(i < 0 ? 0 : i);
}

void QueuePanel::showNotice(const QString& text) {
    noticeLabel_->setText(text);
    noticeBar_->setVisible(!text.isEmpty());
}

QString QueuePanel::notice() const { return noticeBar_->isHidden() ? QString() : noticeLabel_->text(); }

void QueuePanel::updateActions() {
    const QList<int> rows = selectedSourceRows();
    bool anyQueued = false, anyOutput = false, anyAgain = false;
    for (int r : rows) {
        const QueueRow& row = model_->row(r);
        anyQueued |= row.state == RowState::Queued;
        anyOutput |= !row.output.isEmpty();
        anyAgain |= row.state == RowState::UpToDate && row.canProcessAgain;
    }
    processNext_->setEnabled(anyQueued);
    processAgain_->setEnabled(anyAgain);
    remove_->setEnabled(!rows.isEmpty());
    open_->setEnabled(!rows.isEmpty());
    showInFolder_->setEnabled(anyOutput);
}

void QueuePanel::compareOrOpen(const QModelIndex& index) {
    const int row = proxy_->mapToSource(index).row();
    if (row >= 0 && showsOutput(model_->row(row)))
        emit compareRequested(row);
    else
        openSelected();
}

void QueuePanel::compareCurrent() {
    const QModelIndex current = view_->currentIndex();
    int row = current.isValid() ? proxy_->mapToSource(current).row() : -1;
    // Without a finished row selected, the first finished file in view order.
    for (int i = 0; (row < 0 || !showsOutput(model_->row(row))) && i < proxy_->rowCount(); ++i)
        row = proxy_->mapToSource(proxy_->index(i, 0)).row();
    if (row >= 0 && showsOutput(model_->row(row))) emit compareRequested(row);
}

void QueuePanel::openSelected() {
    for (int r : selectedSourceRows()) {
        const QueueRow& row = model_->row(r);
        // The optimized file when there is one: that is what the user came to look at.
        const QString file = !row.output.isEmpty() && QFileInfo::exists(row.output) ? row.output : row.path;
        QDesktopServices::openUrl(QUrl::fromLocalFile(file));
    }
}

void QueuePanel::showSelectedInFolder() {
    QStringList folders;
    for (int r : selectedSourceRows()) {
        const QueueRow& row = model_->row(r);
        if (row.output.isEmpty()) continue;
        const QString folder = QFileInfo(row.output).absolutePath();
        if (!folders.contains(folder)) folders << folder;
    }
    for (const QString& folder : folders) QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

}  // namespace imgopt::gui

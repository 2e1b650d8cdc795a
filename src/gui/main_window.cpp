#include "gui/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include "gui/about_dialog.hpp"
#include "gui/compare_view.hpp"
#include "gui/control_bar.hpp"
#include "gui/display_format.hpp"
#include "gui/drop_zone.hpp"
#include "gui/metrics_dock.hpp"
#include "gui/metrics_panel.hpp"
#include "gui/preferences_dialog.hpp"
#include "gui/queue_filter_model.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui/report_exporter.hpp"
#include "gui/settings_panel.hpp"
#include "gui/summary_panel.hpp"
#include "gui/undo_runner.hpp"

namespace imgopt::gui {

namespace {
QStringList localPaths(const QMimeData* mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls()) return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile()) paths << url.toLocalFile();
    }
    return paths;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      model_(new QueueModel(this)),
      controller_(new RunController(this)),
      queue_(new QueuePanel(model_, this)),
      exporter_(new ReportExporter([this] { return controller_->report(); }, this)),
      undo_(new UndoRunner(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ImgOpt"));
    setAcceptDrops(true);
    autoStart_ = appSettings_.autoStart();

    createActions();
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    controls_ = new ControlBar(start_, pause_, cancel_, central);
    queue_->compareAction()->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    controls_->addButton(queue_->compareAction());
    layout->addWidget(controls_);
    layout->addWidget(queue_, 1);
    setCentralWidget(central);
    createDocks();
    createMenus();
    connectController();

    settings_->setOptions(appSettings_.options());
    controller_->setOptions(settings_->options());
    connect(settings_, &SettingsPanel::changed, this, [this] {
        const Options options = settings_->options();
        appSettings_.setOptions(options);
        controller_->setOptions(options);
        if (controller_->state() != RunController::State::Idle) {
            statusBar()->showMessage(tr("Settings changes apply to the next run."), 5000);
        }
    });

    // Sized from the font, and never beyond the screen, so the first start looks right at any DPI.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    QSize size(110 * em, 48 * fontMetrics().height());
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        size = size.boundedTo(screen->availableGeometry().size() * 0.9);
    }
    resize(size);
    restoreGeometry(appSettings_.windowGeometry());
    restoreState(appSettings_.windowState());
    statusBar()->showMessage(tr("Ready. Drop images or folders to optimize them."));
    updateRunActions();
}

MainWindow::~MainWindow() { saveWindowState(); }

void MainWindow::createActions() {
    const auto icon = [this](QStyle::StandardPixmap p) { return style()->standardIcon(p); };
    addFiles_ = new QAction(icon(QStyle::SP_FileIcon), tr("Add &Files…"), this);
    addFiles_->setObjectName(QStringLiteral("actionAddFiles"));
    addFiles_->setShortcut(QKeySequence::Open);
    addFolder_ = new QAction(icon(QStyle::SP_DirIcon), tr("Add F&older…"), this);
    addFolder_->setObjectName(QStringLiteral("actionAddFolder"));
    addFolder_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    exportReport_ = new QAction(tr("&Export Benchmark Report…"), this);
    exportReport_->setObjectName(QStringLiteral("actionExportReport"));
    exportReport_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    openOutput_ = new QAction(icon(QStyle::SP_DirOpenIcon), tr("Open O&utput Folder"), this);
    openOutput_->setObjectName(QStringLiteral("actionOpenOutputFolder"));
    openOutput_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    quit_ = new QAction(tr("&Quit"), this);
    quit_->setObjectName(QStringLiteral("actionQuit"));
    quit_->setShortcut(QKeySequence::Quit);
    quit_->setMenuRole(QAction::QuitRole);
    preferences_ = new QAction(tr("&Preferences / Presets…"), this);
    preferences_->setObjectName(QStringLiteral("actionPreferences"));
    preferences_->setShortcuts(
        {QKeySequence(QKeySequence::Preferences), QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    preferences_->setMenuRole(QAction::PreferencesRole);
    undoLastRun_ = new QAction(tr("&Undo Last Run"), this);
    undoLastRun_->setObjectName(QStringLiteral("actionUndoLastRun"));
    undoLastRun_->setShortcut(QKeySequence::Undo);
    undoLastRun_->setToolTip(tr("Put back the originals of the last in-place run, from the Trash"));
    start_ = new QAction(icon(QStyle::SP_MediaPlay), tr("&Start"), this);
    start_->setObjectName(QStringLiteral("actionStart"));
    start_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    pause_ = new QAction(icon(QStyle::SP_MediaPause), tr("&Pause"), this);
    pause_->setObjectName(QStringLiteral("actionPause"));
    pause_->setCheckable(true);
    pause_->setShortcut(QKeySequence(Qt::Key_F6));
    cancel_ = new QAction(icon(QStyle::SP_MediaStop), tr("&Cancel"), this);
    cancel_->setObjectName(QStringLiteral("actionCancel"));
    cancel_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    about_ = new QAction(tr("&About ImgOpt"), this);
    about_->setObjectName(QStringLiteral("actionAbout"));
    about_->setMenuRole(QAction::AboutRole);
    aboutQt_ = new QAction(tr("About &Qt"), this);
    aboutQt_->setMenuRole(QAction::AboutQtRole);
    for (QAction* a : {start_, pause_, cancel_})
        a->setToolTip(a->text().remove(QLatin1Char('&')) + QStringLiteral(" (") +
                      a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));

    connect(addFiles_, &QAction::triggered, this, &MainWindow::addFilesDialog);
    connect(addFolder_, &QAction::triggered, this, &MainWindow::addFolderDialog);
    connect(exportReport_, &QAction::triggered, this,
            [this] { exporter_->exportWithDialog(this, appSettings_.lastFolder()); });
    connect(openOutput_, &QAction::triggered, this, &MainWindow::openOutputFolder);
    connect(quit_, &QAction::triggered, this, &QWidget::close);
    connect(preferences_, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(undoLastRun_, &QAction::triggered, this, &MainWindow::undoLastRun);
    connect(undo_, &UndoRunner::finished, this, &MainWindow::onUndoFinished);
    connect(start_, &QAction::triggered, controller_, &RunController::start);
    connect(pause_, &QAction::triggered, this, [this](bool paused) {
        if (paused)
            controller_->pause();
        else
            controller_->resume();
    });
    connect(cancel_, &QAction::triggered, controller_, &RunController::cancel);
    connect(about_, &QAction::triggered, this, [this] {
        auto* dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(aboutQt_, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(exporter_, &ReportExporter::exported, this, [this](const QString& path) {
        appSettings_.setLastFolder(QFileInfo(path).absolutePath());
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)), 8000);
    });
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(addFiles_);
    file->addAction(addFolder_);
    file->addSeparator();
    file->addAction(exportReport_);
    file->addAction(openOutput_);
    file->addSeparator();
    file->addAction(quit_);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(undoLastRun_);
    edit->addSeparator();
    edit->addAction(preferences_);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(start_);
    run->addAction(pause_);
    run->addAction(cancel_);
    run->addSeparator();
    run->addAction(queue_->processNextAction());
    run->addAction(queue_->processAgainAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(queue_->compareAction());
    view->addSeparator();
    for (QDockWidget* dock : {settingsDock_, static_cast<QDockWidget*>(metricsDock_), summaryDock_}) {
        view->addAction(dock->toggleViewAction());
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(about_);
    help->addAction(aboutQt_);
}

void MainWindow::createDocks() {
    settings_ = new SettingsPanel(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(settings_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(settings_->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    settingsDock_ = new QDockWidget(tr("Settings"), this);
    settingsDock_->setObjectName(QStringLiteral("settingsDock"));
    settingsDock_->setWidget(scroll);
    settingsDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    addDockWidget(Qt::LeftDockWidgetArea, settingsDock_);

    // The settings column runs the full height of the window; the metrics dock sits under the queue only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    metrics_ = new MetricsPanel(this);
    metrics_->setSource([this] { return controller_->metrics(); });
    metrics_->setNameLookup([this](TaskId id) {
        const int row = model_->rowOf(controller_->currentRun(), id);
        return row >= 0 ? model_->row(row).fileName : QString();
    });
    metricsDock_ = new MetricsDock(metrics_, this);
    metricsDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    addDockWidget(Qt::BottomDockWidgetArea, metricsDock_);

    summary_ = new SummaryPanel(this);
    summaryDock_ = new QDockWidget(tr("Summary"), this);
    summaryDock_->setObjectName(QStringLiteral("summaryDock"));
    summaryDock_->setWidget(summary_);
    summaryDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    addDockWidget(Qt::RightDockWidgetArea, summaryDock_);
    summaryDock_->hide();
    connect(summary_, &SummaryPanel::showFailedRequested, this,
            [this] { queue_->showStatusFilter(RowState::Failed); });
}

void MainWindow::connectController() {
    connect(controller_, &RunController::scanned, model_, &QueueModel::addScannedBatch);
    connect(controller_, &RunController::planned, model_, &QueueModel::applyPlannedBatch);
    connect(controller_, &RunController::resultsReady, model_, &QueueModel::applyResultBatch);
    connect(controller_, &RunController::scanDone, this, [this](int run, const ScanSummary& summary) {
        if (run == controller_->currentRun()) onScanDone(summary);
    });
    connect(controller_, &RunController::runCreated, this, [this] {
        queue_->showNotice({});
        metrics_->setPolling(true);
        metricsDock_->expand();
    });
    connect(queue_->dropZone(), &DropZone::addFilesRequested, this, &MainWindow::addFilesDialog);
    connect(queue_->dropZone(), &DropZone::addFolderRequested, this, &MainWindow::addFolderDialog);
    connect(controller_, &RunController::runFinished, this, &MainWindow::onRunFinished);
    connect(controller_, &RunController::reportReady, this, &MainWindow::onReportReady);
    connect(controller_, &RunController::stateChanged, this, &MainWindow::updateRunActions);
    connect(controller_, &RunController::progressChanged, this, &MainWindow::updateProgress);
    connect(queue_, &QueuePanel::processNextRequested, this, &MainWindow::processNextRows);
    connect(queue_, &QueuePanel::removeRequested, this, &MainWindow::removeRows);
    connect(queue_, &QueuePanel::compareRequested, this, &MainWindow::showCompare);
    connect(queue_, &QueuePanel::processAgainRequested, this, &MainWindow::processAgainRows);
    // The ETA ticks even when no result arrives for a while (one huge image).
    auto* tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, [this] {
        if (controller_->state() == RunController::State::Running) updateProgress();
    });
    tick->start();
}

void MainWindow::addPaths(const QStringList& paths) {
    if (paths.isEmpty()) return;
    const Options options = settings_->options();
    if (const auto valid = options.validate(); !valid) {
        queue_->showNotice(tr("Cannot start: %1").arg(QString::fromStdString(valid.error().message)));
        settingsDock_->show();
        return;
    }
    controller_->setOptions(options);
    controller_->addPaths(paths, autoStart_);
    statusBar()->showMessage(tr("Scanning %n item(s)…", nullptr, int(paths.size())), 4000);
}

void MainWindow::setAutoStart(bool on) {
    autoStart_ = on;
    appSettings_.setAutoStart(on);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    // Taken even when it carries no files, so the drop zone can show "no" until the drag leaves; the move
    // events below decide what the cursor says.
    const bool files = !localPaths(event->mimeData()).isEmpty();
    queue_->dropZone()->setDragState(files ? DropZone::DragState::Accept : DropZone::DragState::Reject);
    if (files)
        event->acceptProposedAction();
    else
        event->accept();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void MainWindow::dragLeaveEvent(QDragLeaveEvent* event) {
    queue_->dropZone()->setDragState(DropZone::DragState::None);
    QMainWindow::dragLeaveEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
    queue_->dropZone()->setDragState(DropZone::DragState::None);
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty()) return;
    event->acceptProposedAction();
    addPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveWindowState() {
    appSettings_.setWindowGeometry(saveGeometry());
    appSettings_.setWindowState(saveState());
    appSettings_.setOptions(settings_->options());
    appSettings_.setAutoStart(autoStart_);
    appSettings_.sync();
}

void MainWindow::updateRunActions() {
    const auto state = controller_->state();
    start_->setEnabled(state == RunController::State::Waiting);
    pause_->setEnabled(state == RunController::State::Running || state == RunController::State::Paused);
    pause_->setChecked(state == RunController::State::Paused);
    pause_->setText(state == RunController::State::Paused ? tr("&Resume") : tr("&Pause"));
    pause_->setIcon(style()->standardIcon(state == RunController::State::Paused ? QStyle::SP_MediaPlay
                                                                                : QStyle::SP_MediaPause));
    cancel_->setEnabled(state != RunController::State::Idle && state != RunController::State::Cancelling);
    exportReport_->setEnabled(controller_->hasRun());
    // Undo moves files the run may be writing: only between runs.
    undoLastRun_->setEnabled(state == RunController::State::Idle && !undo_->busy());
    openOutput_->setEnabled(controller_->hasRun());
    updateProgress();
}

void MainWindow::updateProgress() { controls_->showProgress(controller_->progress(), controller_->state()); }

void MainWindow::onScanDone(const ScanSummary& summary) {
    QStringList parts;
    if (summary.notImages > 0) {
        parts << tr("%n file(s) were not images and were left alone.", nullptr, int(summary.notImages));
    }
    if (!summary.errors.empty()) {
        parts << tr("%n path(s) could not be read: %1", nullptr, int(summary.errors.size()))
                     .arg(QString::fromStdString(summary.errors.front()));
    }
    if (summary.hiddenSkipped > 0) {
        parts << tr(
            "%n hidden file(s) or folder(s) were left out (Settings, Advanced: Include hidden files).",
            nullptr, int(summary.hiddenSkipped));
    }
    if (summary.duplicates > 0) {
        parts << tr("%n file(s) were reached twice and are optimized once.", nullptr,
                    int(summary.duplicates));
    }
    if (summary.files == 0 && summary.errors.empty()) parts << tr("No images were found.");
    if (!parts.isEmpty()) queue_->showNotice(parts.join(QLatin1Char(' ')));
}

// The window's runFinished comes with the report, so that what it announces (the summary) is there.
void MainWindow::onReportReady(int run, const RunReport& report, const std::vector<TaskResult>& failed) {
    // A report that arrives after a newer run started describes a run the window no longer shows.
    if (run != controller_->currentRun()) {
        emit runFinished(run);
        return;
    }
    summary_->showReport(report, failed);
    if (!report.notices.empty()) {
        QStringList notices;
        for (const auto& n : report.notices) notices << QString::fromStdString(n);
        queue_->showNotice(notices.join(QLatin1Char(' ')));
    }
    statusBar()->showMessage(SummaryPanel::summaryLine(report.summary));
    summaryDock_->show();
    emit runFinished(run);
}

void MainWindow::onRunFinished(int) {
    model_->flush();
    metrics_->setPolling(false);
    updateRunActions();
}

void MainWindow::addFilesDialog() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add Files"), appSettings_.lastFolder(),
        tr("Images (%1);;All files (*)").arg(QString::fromStdString(extensionGlobs())));
    if (files.isEmpty()) return;
    appSettings_.setLastFolder(QFileInfo(files.first()).absolutePath());
    addPaths(files);
}

void MainWindow::addFolderDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Folder"), appSettings_.lastFolder());
    if (dir.isEmpty()) return;
    appSettings_.setLastFolder(dir);
    addPaths({dir});
}

void MainWindow::openOutputFolder() {
    const Options& options = controller_->options();
    QString folder;
    if (options.outputMode == OutputMode::OutputDir && !options.outputDir.empty()) {
        folder = QString::fromStdString(options.outputDir.string());
    } else {
        // The newest row with an output: its dropped folder's "optimized" folder, or the output's own folder.
        for (int i = model_->totalRows() - 1; i >= 0 && folder.isEmpty(); --i) {
            const QueueRow& row = model_->row(i);
            if (row.output.isEmpty() || row.state == RowState::Queued) continue;
            if (options.outputMode == OutputMode::OptimizedSubfolder && !row.root.isEmpty()) {
                folder = row.root + QLatin1Char('/') + latin1(kOptimizedFolderName);
            }
            if (folder.isEmpty() || !QFileInfo(folder).isDir()) folder = QFileInfo(row.output).absolutePath();
        }
    }
    if (folder.isEmpty()) {
        statusBar()->showMessage(tr("No output has been written yet."), 5000);
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

void MainWindow::showPreferences() {
    auto* dialog = new PreferencesDialog(
        PresetStore(), [this] { return settings_->options(); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAutoStart(autoStart_);
    connect(dialog, &PreferencesDialog::autoStartChanged, this, &MainWindow::setAutoStart);
    connect(dialog, &PreferencesDialog::presetApplied, this, [this](const Options& options) {
        settings_->setOptions(options);
        appSettings_.setOptions(options);
        controller_->setOptions(options);
        statusBar()->showMessage(tr("Preset applied."), 4000);
    });
    dialog->open();
}

CompareView* MainWindow::compareView() const { return compareView_.data(); }

void MainWindow::showCompare(int sourceRow) {
    // Every finished file with an output, in the order the table shows them, so Next follows the table.
    QList<CompareEntry> entries;
    int current = 0;
    const auto* proxy = queue_->proxy();
    for (int i = 0; i < proxy->rowCount(); ++i) {
        const int r = proxy->mapToSource(proxy->index(i, 0)).row();
        const QueueRow& row = model_->row(r);
        if (row.output.isEmpty() || (row.state != RowState::Optimized && row.state != RowState::KeptOriginal))
            continue;
        if (r == sourceRow) current = int(entries.size());
        entries.append(CompareEntry{row.fileName, row.path, row.output, row.bytesBefore, row.bytesAfter,
                                    row.score, row.quality, row.encoding});
    }
    if (entries.isEmpty()) return;
    if (!compareView_) {
        compareView_ = new CompareView(this);
        compareView_->setAttribute(Qt::WA_DeleteOnClose);
    }
    compareView_->setEntries(std::move(entries), current);
    compareView_->show();
    compareView_->raise();
    compareView_->activateWindow();
}

void MainWindow::processNextRows(const QList<int>& rows) {
    int moved = 0;
    // Reverse, so the first selected row ends up first: later raises go above earlier ones.
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        const QueueRow& row = model_->row(*it);
        if (row.state == RowState::Queued && controller_->processNext(row.run, row.id)) ++moved;
    }
    statusBar()->showMessage(moved > 0 ? tr("%n file(s) moved to the front of the queue.", nullptr, moved)
                                       : tr("These files have already started."),
                             4000);
}

void MainWindow::processAgainRows(const QList<int>& rows) {
    QStringList paths;
    for (int r : rows) {
        const QueueRow& row = model_->row(r);
        if (row.state == RowState::UpToDate && row.canProcessAgain) paths << row.path;
    }
    if (paths.isEmpty()) return;
    controller_->setOptions(settings_->options());
    controller_->processAgain(paths);
    statusBar()->showMessage(tr("Processing %n file(s) again.", nullptr, int(paths.size())), 4000);
}

void MainWindow::undoLastRun() {
    if (controller_->state() != RunController::State::Idle || !undo_->start()) return;
    undoLastRun_->setEnabled(false);
    statusBar()->showMessage(tr("Putting the originals back…"));
}

void MainWindow::onUndoFinished(bool ok, const QString& summary, const QString& details) {
    updateRunActions();
    statusBar()->showMessage(summary, 10000);
    auto* box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Undo Last Run"),
                                summary, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("undoResultBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty()) box->setDetailedText(details);
    box->open();
}

void MainWindow::removeRows(const QList<int>& rows) {
    QList<int> removable;
    int running = 0;
    for (int r : rows) {
        const QueueRow& row = model_->row(r);
        // A queued file of the active run is taken out of the engine first; one that has started stays.
        if (row.state == RowState::Queued && row.run == controller_->currentRun() &&
            controller_->state() != RunController::State::Idle && !controller_->remove(row.run, row.id)) {
            ++running;
            continue;
        }
        removable << r;
    }
    model_->removeRowList(removable);
    if (running > 0) {
        statusBar()->showMessage(tr("%n file(s) had already started and stay in the list.", nullptr, running),
                                 6000);
    }
}

}  // namespace imgopt::gui

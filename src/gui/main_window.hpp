#pragma once
// MainWindow: assembles the panels, menus and actions, and routes between them. The work lives in the
// panels and controllers; this class only connects them.

#include <QMainWindow>
#include <QPointer>

#include "gui/app_settings.hpp"
#include "gui/run_controller.hpp"

class QDockWidget;

namespace imgopt::gui {

class CompareView;
class ControlBar;
class MetricsDock;
class MetricsPanel;
class QueueModel;
class QueuePanel;
class ReportExporter;
class SettingsPanel;
class SummaryPanel;
class UndoRunner;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Queues files and folders, as a drop or the command line does. Starts at once when auto-start is on.
    void addPaths(const QStringList& paths);

    bool autoStart() const { return autoStart_; }
    void setAutoStart(bool on);

    QueueModel* queueModel() const { return model_; }
    QueuePanel* queuePanel() const { return queue_; }
    RunController* runController() const { return controller_; }
    SettingsPanel* settingsPanel() const { return settings_; }
    MetricsPanel* metricsPanel() const { return metrics_; }
    SummaryPanel* summaryPanel() const { return summary_; }
    ReportExporter* reportExporter() const { return exporter_; }
    UndoRunner* undoRunner() const { return undo_; }
    MetricsDock* metricsDock() const { return metricsDock_; }
    // The compare view, once opened (it stays open across files; closing it deletes it).
    CompareView* compareView() const;
    // Opens the compare view on a finished row (source-model number), with every finished row in view order.
    void showCompare(int sourceRow);

signals:
    void runFinished(int run);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void connectController();
    void updateRunActions();
    void updateProgress();
    void onRunFinished(int run);
    void onReportReady(int run, const RunReport& report, const std::vector<TaskResult>& failed);
    void onScanDone(const ScanSummary& summary);
    void addFilesDialog();
    void addFolderDialog();
    void openOutputFolder();
    void showPreferences();
    void processNextRows(const QList<int>& rows);
    void processAgainRows(const QList<int>& rows);
    void undoLastRun();
    void onUndoFinished(bool ok, const QString& summary, const QString& details);
    void removeRows(const QList<int>& rows);
    void saveWindowState();

    AppSettings appSettings_;
    bool autoStart_ = true;
    QueueModel* model_;
    RunController* controller_;
    QueuePanel* queue_;
    ControlBar* controls_ = nullptr;
    SettingsPanel* settings_ = nullptr;
    MetricsPanel* metrics_ = nullptr;
    SummaryPanel* summary_ = nullptr;
    ReportExporter* exporter_;
    UndoRunner* undo_;
    QDockWidget* settingsDock_ = nullptr;
    MetricsDock* metricsDock_ = nullptr;
    QDockWidget* summaryDock_ = nullptr;
    QPointer<CompareView> compareView_;

    QAction* addFiles_ = nullptr;
    QAction* addFolder_ = nullptr;
    QAction* exportReport_ = nullptr;
    QAction* openOutput_ = nullptr;
    QAction* quit_ = nullptr;
    QAction* preferences_ = nullptr;
    QAction* undoLastRun_ = nullptr;
    QAction* start_ = nullptr;
    QAction* pause_ = nullptr;
    QAction* cancel_ = nullptr;
    QAction* about_ = nullptr;
    QAction* aboutQt_ = nullptr;
};

}  // namespace imgopt::gui

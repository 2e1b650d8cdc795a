// imgopt-gui-scale: the desktop app on a big set. Starts the real MainWindow (offscreen unless a platform is
// given), queues a folder the way a drop does, runs it to the end and prints one JSON line: the files, the
// wall time from the drop to "finished", the longest stall of the GUI event loop and the peak RSS.
//
// The stall probe is a QTimer ticking every --probe-ms; a tick that comes late by more than its interval
// means the event loop was busy for that long, whatever kept it busy (inserts, sorting, painting, a
// summary). Run by benchmarks/gui-scale.sh next to the CLI; never by ctest. Results: docs/benchmarks.md.

#include <sys/resource.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

#include "gui/application.hpp"
#include "gui/main_window.hpp"
#include "gui/metrics_dock.hpp"
#include "gui/metrics_panel.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui/settings_panel.hpp"
#include "gui/summary_panel.hpp"

namespace {

using imgopt::gui::MainWindow;
using imgopt::gui::QueueModel;

struct Args {
    QString path;
    QString outputDir;
    int sortColumn = -1;  // scan order, as the app starts
    int probeMs = 5;
    int timeoutSeconds = 3600;
    bool metrics = true;  // false: the metrics panel neither polls nor shows, to see the queue's share alone
};

// What the probe saw; gaps are measured between consecutive ticks.
struct Probe {
    QElapsedTimer clock;
    qint64 lastTick = 0;
    qint64 longestGapMs = 0;
    int over50Ms = 0;
    int ticks = 0;
    // (when, how long) of the stalls over 50 ms, in ms since the drop; where to look when the longest is
    // long.
    QList<std::pair<qint64, qint64>> stalls;
    qint64 dropAt = 0;
};

long peakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // kilobytes on Linux
}

int sortColumnNamed(const QString& name) {
    if (name == QLatin1String("file")) return QueueModel::FileColumn;
    if (name == QLatin1String("folder")) return QueueModel::FolderColumn;
    if (name == QLatin1String("status")) return QueueModel::StatusColumn;
    if (name == QLatin1String("saving")) return QueueModel::SavingColumn;
    return -1;
}

Args parseArgs(const QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The desktop app on a big set: stall, time, peak RSS"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("The set to optimize"));
    parser.addOption(
        {QStringLiteral("output-dir"), QStringLiteral("Write into DIR (mirrored)"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("sort"),
                      QStringLiteral("Sort the queue before the drop: none, file, folder, status, saving"),
                      QStringLiteral("COLUMN"), QStringLiteral("none")});
    parser.addOption({QStringLiteral("probe-ms"), QStringLiteral("The probe timer's interval"),
                      QStringLiteral("MS"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Give up after S seconds"),
                      QStringLiteral("S"), QStringLiteral("3600")});
    parser.addOption(
        {QStringLiteral("no-metrics"), QStringLiteral("Keep the metrics panel hidden and idle")});
    parser.process(app);
    if (parser.positionalArguments().size() != 1) parser.showHelp(2);
    Args args;
    args.path = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    args.outputDir = parser.value(QStringLiteral("output-dir"));
    args.sortColumn = sortColumnNamed(parser.value(QStringLiteral("sort")));
    args.probeMs = std::max(1, parser.value(QStringLiteral("probe-ms")).toInt());
    args.timeoutSeconds = std::max(1, parser.value(QStringLiteral("timeout")).toInt());
    args.metrics = !parser.isSet(QStringLiteral("no-metrics"));
    return args;
}

// The options a fresh install starts with (what the CLI uses without flags), into --output-dir if given.
void setUpOptions(MainWindow& window, const Args& args) {
    imgopt::Options options = window.settingsPanel()->options();
    if (!args.outputDir.isEmpty()) {
        options.outputMode = imgopt::OutputMode::OutputDir;
        options.outputDir = QFileInfo(args.outputDir).absoluteFilePath().toStdString();
    }
    window.settingsPanel()->setOptions(options);
}

QTimer* startProbe(Probe& probe, int intervalMs, QObject* parent) {
    auto* timer = new QTimer(parent);
    timer->setTimerType(Qt::PreciseTimer);
    timer->setInterval(intervalMs);
    probe.clock.start();
    QObject::connect(timer, &QTimer::timeout, parent, [&probe, intervalMs] {
        const qint64 now = probe.clock.elapsed();
        const qint64 late = now - probe.lastTick - intervalMs;
        probe.lastTick = now;
        ++probe.ticks;
        probe.longestGapMs = std::max(probe.longestGapMs, late);
        if (late > 50) {
            ++probe.over50Ms;
            if (probe.stalls.size() < 10000) probe.stalls.append({now - late - probe.dropAt, late});
        }
    });
    timer->start();
    return timer;
}

// How long a click on a column header or a status filter keeps the finished queue busy, repaint included, and
// how long the finished run's report takes to copy and to show.
QJsonObject timeViewChanges(MainWindow& window) {
    auto* panel = window.queuePanel();
    const auto timed = [](const auto& change) {
        QElapsedTimer clock;
        clock.start();
        change();
        QCoreApplication::processEvents();
        return clock.elapsed();
    };
    QJsonObject ms;
    ms[QStringLiteral("sort_file_ms")] =
        timed([&] { panel->view()->sortByColumn(QueueModel::FileColumn, Qt::AscendingOrder); });
    ms[QStringLiteral("sort_file_descending_ms")] =
        timed([&] { panel->view()->sortByColumn(QueueModel::FileColumn, Qt::DescendingOrder); });
    ms[QStringLiteral("sort_folder_ms")] =
        timed([&] { panel->view()->sortByColumn(QueueModel::FolderColumn, Qt::AscendingOrder); });
    ms[QStringLiteral("sort_saving_ms")] =
        timed([&] { panel->view()->sortByColumn(QueueModel::SavingColumn, Qt::AscendingOrder); });
    ms[QStringLiteral("filter_optimized_ms")] =
        timed([&] { panel->showStatusFilter(imgopt::gui::RowState::Optimized); });
    ms[QStringLiteral("filter_all_ms")] = timed([&] { panel->showStatusFilter(std::nullopt); });
    // The two halves of what the window does when a run finishes: copy the engine's report, show it.
    std::optional<imgopt::RunReport> report;
    ms[QStringLiteral("report_copy_ms")] = timed([&] { report = window.runController()->report(); });
    if (report)
        ms[QStringLiteral("summary_show_ms")] =
            timed([&] { window.summaryPanel()->showReport(*report, {}); });
    return ms;
}

void printResult(const MainWindow& window, const Probe& probe, double seconds, bool finished,
                 const QJsonObject& viewChanges) {
    QJsonArray stalls;
    for (const auto& [at, ms] : probe.stalls) stalls.append(QJsonArray{at, ms});
    const QJsonObject result{
        {QStringLiteral("files"), window.queueModel()->totalRows()},
        {QStringLiteral("finished"), finished},
        {QStringLiteral("gui_seconds"), seconds},
        {QStringLiteral("longest_stall_ms"), qint64(probe.longestGapMs)},
        {QStringLiteral("stalls_over_50ms"), probe.over50Ms},
        {QStringLiteral("probe_ticks"), probe.ticks},
        {QStringLiteral("peak_rss_mb"), double(peakRssKb()) / 1024.0},
        {QStringLiteral("view_changes"), viewChanges},
        {QStringLiteral("stalls"), stalls},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

int run(QApplication& app, const Args& args) {
    MainWindow window;
    window.setAutoStart(true);
    setUpOptions(window, args);
    window.show();
    if (!args.metrics) {
        // After MainWindow's own handler, which starts the polling and opens the dock.
        QObject::connect(window.runController(), &imgopt::gui::RunController::runCreated, &window, [&window] {
            window.metricsPanel()->setPolling(false);
            window.metricsDock()->hide();
        });
    }
    if (args.sortColumn >= 0) window.queuePanel()->view()->sortByColumn(args.sortColumn, Qt::AscendingOrder);

    Probe probe;
    QTimer* ticker = startProbe(probe, args.probeMs, &app);
    QElapsedTimer wall;
    double seconds = 0;
    bool finished = false;
    QObject::connect(&window, &MainWindow::runFinished, &app, [&] {
        seconds = double(wall.nsecsElapsed()) / 1e9;
        finished = true;
        // A little longer, so the probe also sees the stall of showing the finished run.
        QTimer::singleShot(250, &app, &QApplication::quit);
    });
    QTimer::singleShot(args.timeoutSeconds * 1000, &app, &QApplication::quit);
    // After the first ticks, so the window is laid out and painted before the clock starts.
    QTimer::singleShot(100, &window, [&] {
        wall.start();
        probe.dropAt = probe.clock.elapsed();
        window.addPaths({args.path});
    });
    app.exec();
    // The run's stalls end here: the clicks timed below are the user's, after the run, and timed on their
    // own.
    ticker->stop();
    const QJsonObject viewChanges = finished ? timeViewChanges(window) : QJsonObject();
    printResult(window, probe, finished ? seconds : double(wall.nsecsElapsed()) / 1e9, finished, viewChanges);
    return finished ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    // Never the user's settings: a fresh configuration, as on a first start.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_STATE_HOME", QFile::encodeName(home.filePath(QStringLiteral("state"))));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QString error;
    if (!imgopt::gui::initApplication(app, argv[0], &error)) {
        std::fprintf(stderr, "libvips: %s\n", qPrintable(error));
        return 1;
    }
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       home.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.filePath(QStringLiteral("settings")));
    QLoggingCategory::setFilterRules(QStringLiteral("imgopt.gui.debug=false"));
    return run(app, parseArgs(app));
}

// The metrics panel's worker timeline: one lane per worker, one bar per file on the worker that ran it,
// tooltips that name the file and its measured times, and runs of sub-pixel bars drawn as one.

#include <QHelpEvent>
#include <QToolTip>

#include "gui/worker_timeline.hpp"
#include "gui_test_support.hpp"

using namespace imgopt;
using namespace imgopt::gui;

class WorkerTimelineTest : public QObject {
    Q_OBJECT
private slots:
    void oneBarPerFileOnItsWorker();
    void tooltipNamesTheFileAndItsTimes();
    void manyTinyFilesAreMerged();
};

namespace {

TaskSample sample(TaskId id, int worker, double start, double end, ImageFormat format = ImageFormat::Jpeg) {
    TaskSample t;
    t.id = id;
    t.worker = worker;
    t.startSeconds = start;
    t.endSeconds = end;
    t.inputFormat = format;
    t.status = TaskStatus::Optimized;
    t.validateWorker = worker;
    t.validateStart = start > 0.1 ? start - 0.1 : 0;
    t.validateEnd = t.validateStart + 0.05;
    return t;
}

MetricsSnapshot snapshot(std::vector<TaskSample> finished, double elapsed) {
    MetricsSnapshot s;
    s.workers = 2;
    s.elapsedSeconds = elapsed;
    s.workerBusySeconds = {elapsed / 2, elapsed / 4};
    s.workerValidateSeconds = {0.1, 0.1};
    s.finished = std::move(finished);
    return s;
}

}  // namespace

void WorkerTimelineTest::oneBarPerFileOnItsWorker() {
    WorkerTimeline timeline;
    timeline.resize(800, 200);
    timeline.showSnapshot(snapshot({sample(1, 0, 0.5, 3.0), sample(2, 1, 0.5, 1.5, ImageFormat::Png),
                                    sample(3, 1, 2.0, 4.0, ImageFormat::Webp), sample(4, -1, -1, 4.5)},
                                   10));
    QCOMPARE(timeline.barCount(0), 1);
    QCOMPARE(timeline.barCount(1), 2);
    QCOMPARE(timeline.barCount(2), 0);
    const QImage image = timeline.grab().toImage();
    QVERIFY(!image.isNull());
}

void WorkerTimelineTest::tooltipNamesTheFileAndItsTimes() {
    WorkerTimeline timeline;
    timeline.setNameLookup([](TaskId id) { return QStringLiteral("photo-%1.jpg").arg(id); });
    timeline.resize(800, 200);
    timeline.show();
    timeline.showSnapshot(snapshot({sample(7, 0, 0.0, 10.0)}, 10));
    // The middle of worker 1's lane, away from the thin validation bar at its bottom.
    const QPoint inside(timeline.width() / 2, timeline.height() / 3);
    QHelpEvent help(QEvent::ToolTip, inside, timeline.mapToGlobal(inside));
    QCoreApplication::sendEvent(&timeline, &help);
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(QLatin1String("photo-7.jpg")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("0.00 s to 10.00 s")), qPrintable(text));
}

void WorkerTimelineTest::manyTinyFilesAreMerged() {
    WorkerTimeline timeline;
    timeline.resize(600, 200);
    std::vector<TaskSample> tiny;
    for (int i = 0; i < 10000; ++i)
        tiny.push_back(sample(TaskId(i + 1), i % 2, i * 0.001, i * 0.001 + 0.0009));
    timeline.showSnapshot(snapshot(std::move(tiny), 10));
    QVERIFY2(timeline.barCount(0) > 0 && timeline.barCount(0) < 600,
             qPrintable(QString::number(timeline.barCount(0))));
    QVERIFY(timeline.barCount(1) > 0 && timeline.barCount(1) < 600);
}

IMGOPT_GUI_TEST_MAIN(WorkerTimelineTest)
#include "tst_worker_timeline.moc"

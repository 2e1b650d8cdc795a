// The buffer between the engine's threads and the GUI: everything added comes out once, in order per thread,
// grouped by run, a run's "finished" after what came before it, and the GUI is woken once per batch.

#include <QTest>
#include <thread>
#include <vector>

#include "gui/engine_event_buffer.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class EngineEventsTest : public QObject {
    Q_OBJECT
private slots:
    void wakesOncePerBatchAndKeepsOrder();
    void eventsAfterFinishedStayBehindIt();
    void manyThreadsLoseNothing();
};

namespace {
imgopt::ScanItem scan(imgopt::TaskId id) {
    imgopt::ScanItem s;
    s.id = id;
    return s;
}

imgopt::TaskResult result(imgopt::TaskId id) {
    imgopt::TaskResult r;
    r.id = id;
    return r;
}
}  // namespace

void EngineEventsTest::wakesOncePerBatchAndKeepsOrder() {
    EngineEventBuffer buffer;
    QVERIFY(buffer.addScanned(1, scan(1)));
    QVERIFY(!buffer.addScanned(1, scan(2)));
    QVERIFY(!buffer.addResult(1, result(1)));
    QVERIFY(!buffer.addScanDone(1, imgopt::ScanSummary{}));
    const auto batches = buffer.take();
    QCOMPARE(batches.size(), std::size_t(1));
    QCOMPARE(batches[0].run, 1);
    QCOMPARE(batches[0].scanned.size(), std::size_t(2));
    QCOMPARE(batches[0].scanned[0].id, imgopt::TaskId(1));
    QCOMPARE(batches[0].scanned[1].id, imgopt::TaskId(2));
    QCOMPARE(batches[0].results.size(), std::size_t(1));
    QCOMPARE(batches[0].scanDone.size(), std::size_t(1));
    QVERIFY(!batches[0].finished);
    QVERIFY(buffer.take().empty());
    // Empty again: the next event wakes the GUI again.
    QVERIFY(buffer.addResult(1, result(2)));
}

void EngineEventsTest::eventsAfterFinishedStayBehindIt() {
    EngineEventBuffer buffer;
    buffer.addResult(1, result(1));
    buffer.addFinished(1);
    // A file that joined after the engine said "finished", then the next run.
    buffer.addScanned(1, scan(2));
    buffer.addResult(2, result(1));
    const auto batches = buffer.take();
    QCOMPARE(batches.size(), std::size_t(3));
    QVERIFY(batches[0].finished);
    QCOMPARE(batches[0].results.size(), std::size_t(1));
    QCOMPARE(batches[1].run, 1);
    QCOMPARE(batches[1].scanned.size(), std::size_t(1));
    QVERIFY(!batches[1].finished);
    QCOMPARE(batches[2].run, 2);
}

void EngineEventsTest::manyThreadsLoseNothing() {
    EngineEventBuffer buffer;
    constexpr int kThreads = 4;
    constexpr int kEach = 20'000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&buffer, t] {
            for (int i = 0; i < kEach; ++i) buffer.addScanned(1, scan(imgopt::TaskId(t * kEach + i)));
        });
    }
    std::vector<imgopt::TaskId> seen;
    // The GUI side takes while the threads still add.
    while (seen.size() < std::size_t(kThreads * kEach)) {
        for (const auto& batch : buffer.take())
            for (const auto& item : batch.scanned) seen.push_back(item.id);
        std::this_thread::yield();
    }
    for (auto& thread : threads) thread.join();
    QVERIFY(buffer.take().empty());
    // Each thread's items in the order it added them.
    std::vector<imgopt::TaskId> last(kThreads, 0);
    std::vector<bool> any(kThreads, false);
    for (imgopt::TaskId id : seen) {
        const int t = int(id / kEach);
        QVERIFY(!any[std::size_t(t)] || id > last[std::size_t(t)]);
        any[std::size_t(t)] = true;
        last[std::size_t(t)] = id;
    }
}

IMGOPT_GUI_TEST_MAIN(EngineEventsTest)
#include "tst_engine_events.moc"

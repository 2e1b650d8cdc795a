// "Process next" raises a queued task through the engine: with the run held at the start, the last file of
// the queue is raised, and it finishes ahead of files queued before it.

#include <QAction>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>

#include "gui/main_window.hpp"
#include "gui/queue_filter_model.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui/settings_panel.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class ProcessNextTest : public QObject {
    Q_OBJECT
private slots:
    void raisedTaskRunsAhead();
};

void ProcessNextTest::raisedTaskRunsAhead() {
    constexpr int kFiles = 24;
    QTemporaryDir tmp;
    test::makeImages(tmp.filePath(QStringLiteral("in")), kFiles, 400, 300, QStringLiteral("png"));

    MainWindow window;
    imgopt::Options o = window.settingsPanel()->options();
    o.jobs = 1;  // one worker makes the finishing order the execution order
    window.settingsPanel()->setOptions(o);
    window.setAutoStart(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {tmp.filePath(QStringLiteral("in"))});
    QTRY_COMPARE_WITH_TIMEOUT(window.queueModel()->rowCount(), kFiles, 20000);
    QCOMPARE(window.runController()->state(), RunController::State::Waiting);

    // Select the last row in the view and use the context-menu action, as a user would.
    QueuePanel* panel = window.queuePanel();
    const QModelIndex last = panel->proxy()->index(kFiles - 1, 0);
    panel->view()->selectionModel()->select(last,
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(panel->processNextAction()->isEnabled());
    const imgopt::TaskId raisedId = window.queueModel()->row(panel->proxy()->mapToSource(last).row()).id;
    panel->processNextAction()->trigger();

    window.findChild<QAction*>(QStringLiteral("actionStart"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);

    QueueModel* model = window.queueModel();
    std::uint64_t raisedOrder = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->row(i).id == raisedId) raisedOrder = model->row(i).finishOrder;
    }
    QVERIFY(raisedOrder > 0);
    // The first batch may already hold a few earlier files when the raised one is planned; everything
    // after that batch must come after it.
    QVERIFY2(raisedOrder <= kFiles / 2,
             qPrintable(QStringLiteral("raised file finished #%1 of %2").arg(raisedOrder).arg(kFiles)));
    int laterEarlierFiles = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->row(i).id != raisedId && model->row(i).finishOrder > raisedOrder) ++laterEarlierFiles;
    }
    QVERIFY(laterEarlierFiles >= kFiles / 2);
}

IMGOPT_GUI_TEST_MAIN(ProcessNextTest)
#include "tst_process_next.moc"

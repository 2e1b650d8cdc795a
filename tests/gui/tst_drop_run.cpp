// Dropping a folder on the main window: rows stream in, the run completes, outputs exist, and broken files
// are marked failed with a message.

#include <QDir>
#include <QFileInfo>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>

#include "gui/main_window.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui/summary_panel.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class DropRunTest : public QObject {
    Q_OBJECT
private slots:
    void dropGeneratedFolder();
    void dropCorpusFolder();
    void dropDuringRunJoinsIt();
};

void DropRunTest::dropGeneratedFolder() {
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("pictures"));
    const QStringList images = test::makeImages(folder, 6, 96, 64, QStringLiteral("png"));
    test::makeImages(folder + QStringLiteral("/sub"), 2, 80, 80, QStringLiteral("jpg"));
    QFile notImage(folder + QStringLiteral("/notes.txt"));
    QVERIFY(notImage.open(QIODevice::WriteOnly));
    notImage.write("not an image");
    notImage.close();
    QFile broken(folder + QStringLiteral("/broken.jpg"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("\xff\xd8\xff\xe0 truncated");
    broken.close();

    MainWindow window;
    window.setAutoStart(true);
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {folder});
    if (QTest::currentTestFailed()) return;

    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QueueModel* model = window.queueModel();
    QCOMPARE(model->rowCount(), 9);
    int failed = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QueueRow& row = model->row(i);
        QVERIFY2(row.state != RowState::Queued, qPrintable(row.path));
        if (row.fileName == QLatin1String("broken.jpg")) {
            QVERIFY(row.state == RowState::Failed);
            QVERIFY(!row.message.isEmpty());
            ++failed;
            continue;
        }
        QVERIFY2(row.state == RowState::Optimized || row.state == RowState::KeptOriginal,
                 qPrintable(row.message));
        QVERIFY2(QFileInfo::exists(row.output), qPrintable(row.output));
        QVERIFY(row.output.contains(QLatin1String("/optimized/")));
    }
    QCOMPARE(failed, 1);
    // The one non-image is reported, not dropped silently.
    QVERIFY2(window.queuePanel()->notice().contains(QLatin1Char('1')),
             qPrintable(window.queuePanel()->notice()));
    QVERIFY(window.summaryPanel()->failureList()->count() >= 1);
}

void DropRunTest::dropCorpusFolder() {
    if (!test::corpusPresent()) {
        QSKIP("../shared/corpus is absent; the generated-image variant covers the drop");
    }
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const QString corpus = tmp.filePath(QStringLiteral("corpus"));
    // The corpus is there, so a copy that fails is a broken test set-up, not a reason to skip.
    const QString copyError = test::copyCorpus(corpus);
    QVERIFY2(copyError.isEmpty(), qPrintable(copyError));

    MainWindow window;
    window.setAutoStart(true);
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {corpus});
    if (QTest::currentTestFailed()) return;
    // Rows appear while the scan streams, before the run ends.
    QTRY_VERIFY_WITH_TIMEOUT(window.queueModel()->rowCount() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 110000);

    QueueModel* model = window.queueModel();
    QVERIFY(model->rowCount() >= 25);
    int bad = 0, written = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QueueRow& row = model->row(i);
        if (row.path.contains(QLatin1String("/bad/"))) {
            QVERIFY2(row.state == RowState::Failed, qPrintable(row.path));
            QVERIFY2(!row.message.isEmpty(), qPrintable(row.path));
            QVERIFY(model->data(model->index(i, QueueModel::StatusColumn), Qt::ToolTipRole).toString() ==
                    row.message);
            ++bad;
        } else if (row.state == RowState::Optimized || row.state == RowState::KeptOriginal) {
            QVERIFY2(QFileInfo::exists(row.output), qPrintable(row.output));
            ++written;
        }
    }
    QCOMPARE(bad, 5);
    QVERIFY(written >= 18);
    QVERIFY(QFileInfo::exists(corpus + QStringLiteral("/photos/nested/deeper/optimized/autumn.jpg")));
}

void DropRunTest::dropDuringRunJoinsIt() {
    QTemporaryDir tmp;
    const QString first = tmp.filePath(QStringLiteral("first"));
    const QString second = tmp.filePath(QStringLiteral("second"));
    test::makeImages(first, 6, 600, 400, QStringLiteral("png"));
    test::makeImages(second, 3, 64, 64, QStringLiteral("png"));

    MainWindow window;
    window.setAutoStart(true);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {first});
    test::dropPaths(&window, {second});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(window.runController()->state() == RunController::State::Idle, 60000);
    QCOMPARE(window.queueModel()->rowCount(), 9);
    for (int i = 0; i < 9; ++i) QVERIFY(window.queueModel()->row(i).state != RowState::Queued);
}

IMGOPT_GUI_TEST_MAIN(DropRunTest)
#include "tst_drop_run.moc"

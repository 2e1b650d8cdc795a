// Runs that leave state behind: dropping a folder a second time shows its files as up to date (and writes
// nothing), "Process Again" redoes them in place of their earlier outputs, and Edit > Undo Last Run puts
// back the originals of an in-place run.

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>

#include "gui/main_window.hpp"
#include "gui/queue_filter_model.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui/settings_panel.hpp"
#include "gui/undo_runner.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

namespace {

QStringList filesIn(const QString& dir) {
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

QByteArray contents(const QString& file) {
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class RerunUndoTest : public QObject {
    Q_OBJECT
private slots:
    void secondDropIsUpToDateAndProcessAgainRedoesIt();
    void undoLastRunRestoresTheOriginals();
};

void RerunUndoTest::secondDropIsUpToDateAndProcessAgainRedoesIt() {
    QTemporaryDir tmp;
    const QString in = tmp.filePath(QStringLiteral("in"));
    test::makeImages(in, 4, 300, 200, QStringLiteral("jpg"));
    MainWindow window;
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {in});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    const QStringList afterFirst = filesIn(in);

    test::dropPaths(&window, {in});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
    QueueModel* model = window.queueModel();
    QCOMPARE(model->rowCount(), 8);
    QList<int> upToDate;
    for (int i = 4; i < 8; ++i) {
        QVERIFY2(model->row(i).state == RowState::UpToDate, qPrintable(model->row(i).message));
        QVERIFY(model->row(i).canProcessAgain);
        QVERIFY(model->row(i).bytesAfter > 0);  // the earlier run's result is shown
        upToDate << i;
    }
    const QModelIndex status = model->index(4, QueueModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Up to date"));
    QCOMPARE(filesIn(in), afterFirst);

    // Select the up-to-date rows and use the row menu's action, as a user would.
    QueuePanel* panel = window.queuePanel();
    panel->showStatusFilter(RowState::UpToDate);
    QCOMPARE(panel->proxy()->rowCount(), 4);
    panel->view()->selectAll();
    QVERIFY(panel->processAgainAction()->isEnabled());
    panel->processAgainAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 3, 60000);
    for (int i = 8; i < 12; ++i)
        QVERIFY2(model->row(i).state == RowState::Optimized || model->row(i).state == RowState::KeptOriginal,
                 qPrintable(model->row(i).message));
    QCOMPARE(filesIn(in), afterFirst);  // earlier outputs replaced, never numbered copies beside them
}

void RerunUndoTest::undoLastRunRestoresTheOriginals() {
    QTemporaryDir tmp;
    const QString in = tmp.filePath(QStringLiteral("in"));
    const QStringList files = test::makeImages(in, 3, 400, 300, QStringLiteral("png"));
    QList<QByteArray> originals;
    for (const QString& f : files) originals << contents(f);

    MainWindow window;
    imgopt::Options o = window.settingsPanel()->options();
    o.outputMode = imgopt::OutputMode::InPlace;
    o.quality = 60;
    window.settingsPanel()->setOptions(o);
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {in});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    int replaced = 0;
    for (int i = 0; i < files.size(); ++i) replaced += contents(files[i]) != originals[i];
    QVERIFY(replaced > 0);

    auto* undo = window.findChild<QAction*>(QStringLiteral("actionUndoLastRun"));
    QVERIFY(undo && undo->isEnabled());
    QSignalSpy undone(window.undoRunner(), &UndoRunner::finished);
    undo->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(undone.count() == 1, 30000);
    QVERIFY2(undone.at(0).at(0).toBool(), qPrintable(undone.at(0).at(1).toString()));
    QVERIFY2(undone.at(0).at(1).toString().contains(QStringLiteral("restored")),
             qPrintable(undone.at(0).at(1).toString()));
    for (int i = 0; i < files.size(); ++i) QCOMPARE(contents(files[i]), originals[i]);
    QTRY_VERIFY(window.findChild<QMessageBox*>(QStringLiteral("undoResultBox")));
    window.findChild<QMessageBox*>(QStringLiteral("undoResultBox"))->close();
}

IMGOPT_GUI_TEST_MAIN(RerunUndoTest)
#include "tst_rerun_undo.moc"

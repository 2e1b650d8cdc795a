// Cancel mid-run: queued files come back skipped, running encodes are killed, and nothing partial is left:
// no ".imgopt-" temporaries and every output that exists decodes completely.

#include <QAction>
#include <QSignalSpy>

#include "gui/main_window.hpp"
#include "gui/queue_model.hpp"
#include "gui/settings_panel.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class CancelTest : public QObject {
    Q_OBJECT
private slots:
    void cancelLeavesNoPartialFiles();
};

void CancelTest::cancelLeavesNoPartialFiles() {
    constexpr int kFiles = 16;
    QTemporaryDir tmp;
    const QString in = tmp.filePath(QStringLiteral("in"));
    test::makeImages(in, kFiles, 1200, 900, QStringLiteral("png"));

    MainWindow window;
    imgopt::Options o = window.settingsPanel()->options();
    o.convertTo = imgopt::ImageFormat::Webp;  // slow enough that a cancel lands mid-encode
    window.settingsPanel()->setOptions(o);
    window.setAutoStart(true);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {in});
    // Cancel once the first results are in, so some files are done, some running and the rest queued.
    QTRY_VERIFY_WITH_TIMEOUT(window.runController()->progress().done >= 1, 60000);
    window.findChild<QAction*>(QStringLiteral("actionCancel"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);

    QueueModel* model = window.queueModel();
    int skipped = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QueueRow& row = model->row(i);
        QVERIFY2(row.state != RowState::Queued, qPrintable(row.path));
        if (row.state == RowState::Skipped) ++skipped;
    }
    QVERIFY2(skipped > 0, "the cancel came too late to drop anything");
    QVERIFY2(
        test::filesStartingWith(tmp.path(), QStringLiteral(".imgopt-")).isEmpty(),
        qPrintable(test::filesStartingWith(tmp.path(), QStringLiteral(".imgopt-")).join(QLatin1Char(' '))));
    const QStringList outputs = test::filesStartingWith(in + QStringLiteral("/optimized"), QString());
    for (const QString& file : outputs) {
        QString error;
        QVERIFY2(test::decodes(file, &error), qPrintable(file + QStringLiteral(": ") + error));
    }
    // Only files reported as written may exist.
    int written = 0;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QueueRow& row = model->row(i);
        if (row.state == RowState::Optimized || row.state == RowState::KeptOriginal) ++written;
    }
    QVERIFY(outputs.size() <= written);
}

IMGOPT_GUI_TEST_MAIN(CancelTest)
#include "tst_cancel.moc"

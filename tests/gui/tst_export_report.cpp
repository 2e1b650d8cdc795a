// File > Export Benchmark Report writes the engine's report: a JSON that parses and an HTML page with charts.

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include "gui/main_window.hpp"
#include "gui/report_exporter.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class ExportReportTest : public QObject {
    Q_OBJECT
private slots:
    void exportsJsonAndHtml();
    void refusesUnknownExtension();
};

void ExportReportTest::exportsJsonAndHtml() {
    QTemporaryDir tmp;
    test::makeImages(tmp.filePath(QStringLiteral("in")), 4, 120, 80, QStringLiteral("png"));

    MainWindow window;
    window.setAutoStart(true);
    auto* action = window.findChild<QAction*>(QStringLiteral("actionExportReport"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled());  // nothing to report before a run
    QSignalSpy finished(&window, &MainWindow::runFinished);
    test::dropPaths(&window, {tmp.filePath(QStringLiteral("in"))});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY(action->isEnabled());

    QSignalSpy exported(window.reportExporter(), &ReportExporter::exported);
    const QString json = tmp.filePath(QStringLiteral("report.json"));
    window.reportExporter()->setNextPath(json);
    action->trigger();
    QTRY_COMPARE(exported.count(), 1);  // written on a pool thread
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(jsonFile.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc.object().value(QStringLiteral("summary")).toObject().value(QStringLiteral("files")).toInt(),
             4);
    QCOMPARE(doc.object().value(QStringLiteral("files")).toArray().size(), 4);

    const QString html = tmp.filePath(QStringLiteral("report.html"));
    window.reportExporter()->setNextPath(html);
    action->trigger();
    QTRY_COMPARE(exported.count(), 2);
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(htmlFile.readAll());
    QVERIFY(page.contains(QLatin1String("<svg")));
    QVERIFY(page.contains(QLatin1String("</html>")));

    for (const QString& ext : {QStringLiteral("csv"), QStringLiteral("md")}) {
        const QString path = tmp.filePath(QStringLiteral("report.") + ext);
        QCOMPARE(window.reportExporter()->exportTo(path), QString());
        QVERIFY(QFileInfo(path).size() > 0);
    }
}

void ExportReportTest::refusesUnknownExtension() {
    ReportExporter exporter([] { return std::optional<imgopt::RunReport>(imgopt::RunReport{}); });
    QTemporaryDir tmp;
    QVERIFY(!exporter.exportTo(tmp.filePath(QStringLiteral("report.xyz"))).isEmpty());
    ReportExporter empty([] { return std::optional<imgopt::RunReport>(); });
    QVERIFY(!empty.exportTo(tmp.filePath(QStringLiteral("report.json"))).isEmpty());
}

IMGOPT_GUI_TEST_MAIN(ExportReportTest)
#include "tst_export_report.moc"

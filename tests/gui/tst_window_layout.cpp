// The window's layout at the sizes people have: the settings fit without a scroll bar at 1280x800, the
// metrics dock starts compact and grows when a run starts, and geometry and docks come back after a restart.

#include <QDockWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>

#include "gui/collapsible_section.hpp"
#include "gui/main_window.hpp"
#include "gui/metrics_dock.hpp"
#include "gui/settings_panel.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class WindowLayoutTest : public QObject {
    Q_OBJECT
private slots:
    void settingsFitAt1280x800();
    void metricsDockStartsCompactAndGrows();
    void geometryAndDocksAreRemembered();
};

namespace {

QScrollArea* settingsScroll(const MainWindow& window) {
    for (QWidget* w = window.settingsPanel(); w; w = w->parentWidget()) {
        if (auto* scroll = qobject_cast<QScrollArea*>(w)) return scroll;
    }
    return nullptr;
}

QDockWidget* dock(const MainWindow& window, const char* name) {
    return window.findChild<QDockWidget*>(QLatin1String(name));
}

}  // namespace

void WindowLayoutTest::settingsFitAt1280x800() {
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(100);  // the docks' posted sizes
    QScrollArea* scroll = settingsScroll(window);
    QVERIFY(scroll);
    QVERIFY2(!scroll->verticalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("settings need %1 px, have %2 px")
                            .arg(window.settingsPanel()->minimumSizeHint().height())
                            .arg(scroll->viewport()->height())));
    // With the advanced settings open as well.
    auto* advanced = window.settingsPanel()->findChild<CollapsibleSection*>();
    QVERIFY(advanced);
    advanced->setExpanded(true);
    QTest::qWait(50);
    QVERIFY2(!scroll->verticalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("advanced settings need %1 px, have %2 px")
                            .arg(window.settingsPanel()->minimumSizeHint().height())
                            .arg(scroll->viewport()->height())));
}

void WindowLayoutTest::metricsDockStartsCompactAndGrows() {
    QTemporaryDir tmp;
    test::makeImages(tmp.path(), 2, 64, 48);
    MainWindow window;
    window.setAutoStart(true);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MetricsDock* metrics = window.metricsDock();
    const int line = metrics->fontMetrics().height();
    QVERIFY(metrics->isCompact());
    QTRY_VERIFY2(metrics->height() < 6 * line, qPrintable(QString::number(metrics->height())));

    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.addPaths({tmp.path()});
    QTRY_VERIFY(!metrics->isCompact());
    QTRY_VERIFY2(metrics->height() >= 16 * line, qPrintable(QString::number(metrics->height())));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    // The charts stay after the run, to be read.
    QVERIFY(!metrics->isCompact());
}

void WindowLayoutTest::geometryAndDocksAreRemembered() {
    QSize left;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1100, 700);
        window.addDockWidget(Qt::RightDockWidgetArea, dock(window, "settingsDock"));
        dock(window, "metricsDock")->hide();
        QTest::qWait(50);
        left = window.size();
        window.close();
    }
    MainWindow reopened;
    reopened.show();
    QVERIFY(QTest::qWaitForWindowExposed(&reopened));
    QCOMPARE(reopened.size(), left);
    QVERIFY(left.width() >= 1100 && left.height() >= 700);  // what the test chose, not the default size
    QCOMPARE(reopened.dockWidgetArea(dock(reopened, "settingsDock")), Qt::RightDockWidgetArea);
    QVERIFY(dock(reopened, "metricsDock")->isHidden());
    // Back to the default layout for the tests after this one.
    reopened.addDockWidget(Qt::LeftDockWidgetArea, dock(reopened, "settingsDock"));
    dock(reopened, "metricsDock")->show();
}

IMGOPT_GUI_TEST_MAIN(WindowLayoutTest)
#include "tst_window_layout.moc"

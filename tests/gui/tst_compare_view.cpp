// The compare view: panes share zoom and pan, two identical images give a black difference, the arrow keys
// step through the files, and a double-click on a finished row opens it.

#include <QSignalSpy>
#include <QTableView>
#include <QWheelEvent>

#include "gui/compare_view.hpp"
#include "gui/compare_viewport.hpp"
#include "gui/main_window.hpp"
#include "gui/queue_filter_model.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

namespace {

CompareEntry entryFor(const QString& before, const QString& after) {
    CompareEntry e;
    e.name = QFileInfo(before).fileName();
    e.before = before;
    e.after = after;
    e.bytesBefore = quint64(QFileInfo(before).size());
    e.bytesAfter = quint64(QFileInfo(after).size());
    e.score = 0.975;
    e.quality = 71;
    e.encoding = QStringLiteral("near-lossless");
    return e;
}

bool allBlack(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y)
        for (int x = 0; x < rgb.width(); ++x)
            if ((rgb.pixel(x, y) & 0xffffff) != 0) return false;
    return true;
}

void wheel(QWidget* target, QPointF at, int notches) {
    QWheelEvent event(at, target->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

}  // namespace

class CompareViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void zoomStaysSynchronised();
    void identicalImagesGiveABlackDifference();
    void previousAndNextFromTheKeyboard();
    void doubleClickOpensAFinishedRow();

private:
    QTemporaryDir tmp_;
    QStringList images_;
};

void CompareViewTest::initTestCase() {
    images_ = test::makeImages(tmp_.filePath(QStringLiteral("img")), 3, 640, 400, QStringLiteral("jpg"));
    QCOMPARE(images_.size(), 3);
}

void CompareViewTest::zoomStaysSynchronised() {
    CompareView view;
    view.resize(1000, 600);
    view.setMode(CompareView::Mode::SideBySide);
    view.show();
    QSignalSpy shown(&view, &CompareView::picturesShown);
    view.setEntries({entryFor(images_[0], images_[1])}, 0);
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 20000);
    CompareCanvas* left = view.primaryCanvas();
    CompareCanvas* right = view.secondaryCanvas();
    QVERIFY(right->isVisible());
    QCOMPARE(left->size(), right->size());

    // The wheel on the left pane zooms around the cursor (enough that the picture overflows the pane both
    // ways; a smaller one is kept centred); the right pane shows the same part.
    const QPointF cursor(left->width() * 0.3, left->height() * 0.6);
    CompareViewport* vp = view.viewport();
    const QPointF under = vp->toFrame(cursor, left->size());
    const double before = vp->scale(left->size());
    wheel(left, cursor, 4);
    QVERIFY(vp->scale(left->size()) > before * 2);
    QVERIFY(!vp->fitting());
    QVERIFY((vp->toFrame(cursor, left->size()) - under).manhattanLength() < 0.01);
    QCOMPARE(vp->visibleFrame(right->size()), vp->visibleFrame(left->size()));
    QCOMPARE(vp->frameRect(right->size()), vp->frameRect(left->size()));

    // Panning on the right moves the left too.
    const QRectF shownBefore = vp->visibleFrame(left->size());
    QTest::mousePress(right, Qt::LeftButton, {}, QPoint(200, 200));
    QTest::mouseMove(right, QPoint(150, 170));
    QTest::mouseRelease(right, Qt::LeftButton, {}, QPoint(150, 170));
    QVERIFY(vp->visibleFrame(left->size()) != shownBefore);
    QCOMPARE(vp->visibleFrame(right->size()), vp->visibleFrame(left->size()));

    // 100 % and 200 %: one and two screen pixels per pixel of the original; Fit shows it whole.
    const double dpr = view.devicePixelRatioF();
    view.zoomTo(1.0);
    QVERIFY(qFuzzyCompare(vp->scale(left->size()) * dpr, 1.0));
    view.zoomTo(2.0);
    QVERIFY(qFuzzyCompare(vp->scale(right->size()) * dpr, 2.0));
    view.zoomToFit();
    QVERIFY(vp->fitting());
    QCOMPARE(vp->visibleFrame(left->size()), QRectF(0, 0, 640, 400));
}

void CompareViewTest::identicalImagesGiveABlackDifference() {
    CompareView view;
    view.resize(900, 600);
    view.setMode(CompareView::Mode::Difference);
    view.show();
    QSignalSpy shown(&view, &CompareView::picturesShown);
    QSignalSpy detailed(&view, &CompareView::detailShown);
    view.setEntries({entryFor(images_[0], images_[0])}, 0);
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 20000);
    QVERIFY(view.overview().has_value());
    QVERIFY(!view.overview()->difference.isNull());
    QVERIFY(allBlack(view.overview()->difference));
    // Zoomed in, the part in view is decoded at full resolution: still black.
    view.zoomTo(2.0);
    QTRY_VERIFY_WITH_TIMEOUT(detailed.count() >= 1, 20000);
    QVERIFY(view.detail().has_value());
    QVERIFY(allBlack(view.detail()->difference));
    // Two different files are not black.
    view.setEntries({entryFor(images_[0], images_[1])}, 0);
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 2, 20000);
    QVERIFY(!allBlack(view.overview()->difference));
}

void CompareViewTest::previousAndNextFromTheKeyboard() {
    CompareView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QList<CompareEntry> entries;
    for (const QString& image : images_) entries << entryFor(image, image);
    view.setEntries(entries, 0);
    QCOMPARE(view.currentIndex(), 0);
    QVERIFY(view.windowTitle().contains(entries[0].name));
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentIndex(), 1);
    QVERIFY(view.windowTitle().contains(entries[1].name));
    QVERIFY(view.infoText().contains(entries[1].name));
    QTest::keyClick(&view, Qt::Key_PageDown);
    QCOMPARE(view.currentIndex(), 2);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentIndex(), 2);  // the last stays the last
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.currentIndex(), 1);
    QTest::keyClick(&view, Qt::Key_PageUp);
    QCOMPARE(view.currentIndex(), 0);
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.currentIndex(), 0);
    // What the info line says about a file: both sizes, the saving and the score.
    QVERIFY(view.infoText().contains(QStringLiteral("0.9750")) ||
            view.infoText().contains(QStringLiteral("0,9750")));
    QVERIFY(view.infoText().contains(QStringLiteral("71")));
    QVERIFY2(view.infoText().contains(QStringLiteral("near-lossless truecolour")),
             qPrintable(view.infoText()));
}

void CompareViewTest::doubleClickOpensAFinishedRow() {
    QTemporaryDir run;
    test::makeImages(run.filePath(QStringLiteral("in")), 2, 300, 200, QStringLiteral("png"));
    MainWindow window;
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.addPaths({run.filePath(QStringLiteral("in"))});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QueuePanel* panel = window.queuePanel();
    QTRY_COMPARE(panel->proxy()->rowCount(), 2);
    const QModelIndex second = panel->proxy()->index(1, 0);
    QTableView* table = panel->view();
    const QPoint at = table->visualRect(second).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY(window.compareView() != nullptr);
    CompareView* view = window.compareView();
    QCOMPARE(view->count(), 2);
    QCOMPARE(view->currentIndex(), 1);
    const QueueRow& row = window.queueModel()->row(panel->proxy()->mapToSource(second).row());
    QCOMPARE(view->entry(1).before, row.path);
    QCOMPARE(view->entry(1).after, row.output);
    view->close();
}

IMGOPT_GUI_TEST_MAIN(CompareViewTest)
#include "tst_compare_view.moc"

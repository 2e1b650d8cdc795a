// The empty window: a drop zone stands in for the queue table until rows arrive, shows whether a drag would
// be taken, offers Add Files… and Add Folder…, follows the palette and speaks German.

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTranslator>
#include <QUrl>

#include "gui/application.hpp"
#include "gui/drop_zone.hpp"
#include "gui/main_window.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class EmptyStateTest : public QObject {
    Q_OBJECT
private slots:
    void emptyWindowShowsTheDropZone();
    void dragShowsAcceptAndReject();
    void givesWayToRowsAndComesBack();
    void buttonsAskForFilesAndFolders();
    void followsLightAndDarkPalettes();
    void speaksGerman();
};

namespace {

QMimeData* filesMime(const QStringList& paths) {
    auto* mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
    mime->setUrls(urls);
    return mime;
}

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    return p;
}

QPalette lightPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return p;
}

// Pixels of `image` within a small distance of `color`: how much of the widget was painted in it.
int pixelsNear(const QImage& image, const QColor& color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                24) {
                ++n;
            }
        }
    }
    return n;
}

}  // namespace

void EmptyStateTest::emptyWindowShowsTheDropZone() {
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DropZone* zone = window.queuePanel()->dropZone();
    QVERIFY(window.queuePanel()->showsDropZone());
    QVERIFY(zone->isVisible());
    QVERIFY(!window.queuePanel()->view()->isVisible());
    QCOMPARE(zone->title(), QStringLiteral("Drop images or folders here"));
    QVERIFY(zone->hint().contains(QLatin1String("JPEG")));
    QVERIFY(zone->addFilesButton()->isVisible() && zone->addFilesButton()->isEnabled());
    QVERIFY(zone->addFolderButton()->isVisible() && zone->addFolderButton()->isEnabled());
    // "Large": most of the queue area.
    QVERIFY(zone->height() > window.height() / 2);
    QVERIFY(zone->width() > window.queuePanel()->width() * 9 / 10);
}

void EmptyStateTest::dragShowsAcceptAndReject() {
    QTemporaryDir tmp;
    const QStringList images = test::makeImages(tmp.path(), 1, 32, 32);
    MainWindow window;
    window.setAutoStart(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DropZone* zone = window.queuePanel()->dropZone();
    const QPoint at = window.rect().center();
    QCOMPARE(zone->dragState(), DropZone::DragState::None);
    const QString idleHint = zone->hint();

    std::unique_ptr<QMimeData> files(filesMime(images));
    QDragEnterEvent enterFiles(at, Qt::CopyAction, files.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enterFiles);
    QVERIFY(enterFiles.isAccepted());
    QCOMPARE(zone->dragState(), DropZone::DragState::Accept);
    QVERIFY(zone->hint() != idleHint);
    QCOMPARE(zone->frameColor(), zone->palette().color(QPalette::Highlight));
    QDragLeaveEvent leave;
    QCoreApplication::sendEvent(&window, &leave);
    QCOMPARE(zone->dragState(), DropZone::DragState::None);
    QCOMPARE(zone->hint(), idleHint);

    // Text is not a file: the zone says no, and so does the cursor (the move is not accepted).
    QMimeData text;
    text.setText(QStringLiteral("just some words"));
    QDragEnterEvent enterText(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enterText);
    QCOMPARE(zone->dragState(), DropZone::DragState::Reject);
    QDragMoveEvent moveText(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &moveText);
    QVERIFY(!moveText.isAccepted());
    QVERIFY(zone->frameColor() != zone->palette().color(QPalette::Highlight));
    QDropEvent dropText(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &dropText);
    QCOMPARE(zone->dragState(), DropZone::DragState::None);
    QCOMPARE(window.queueModel()->totalRows(), 0);

    // A real drop ends the highlight and queues the file.
    QDragEnterEvent enterAgain(at, Qt::CopyAction, files.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enterAgain);
    QDropEvent drop(at, Qt::CopyAction, files.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QCOMPARE(zone->dragState(), DropZone::DragState::None);
    QTRY_COMPARE(window.queueModel()->rowCount(), 1);
}

void EmptyStateTest::givesWayToRowsAndComesBack() {
    QueueModel model;
    QueuePanel panel(&model);
    panel.resize(800, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.showsDropZone());
    imgopt::ScanItem item;
    item.id = 1;
    item.path = "/photos/a.jpg";
    model.addScanned(1, item);
    // A scanned row not yet committed to views keeps the zone; the first committed row replaces it.
    QVERIFY(panel.showsDropZone());
    QTRY_VERIFY(!panel.showsDropZone());
    QVERIFY(panel.view()->isVisible());
    QVERIFY(!panel.dropZone()->isVisible());
    model.removeRowList({0});
    QVERIFY(panel.showsDropZone());
    QVERIFY(panel.dropZone()->isVisible());
}

void EmptyStateTest::buttonsAskForFilesAndFolders() {
    DropZone zone;
    QSignalSpy files(&zone, &DropZone::addFilesRequested);
    QSignalSpy folders(&zone, &DropZone::addFolderRequested);
    zone.show();
    QTest::mouseClick(zone.addFilesButton(), Qt::LeftButton);
    QCOMPARE(files.count(), 1);
    QCOMPARE(folders.count(), 0);
    QTest::mouseClick(zone.addFolderButton(), Qt::LeftButton);
    QCOMPARE(folders.count(), 1);
}

void EmptyStateTest::followsLightAndDarkPalettes() {
    DropZone zone;
    zone.resize(600, 400);
    zone.setAutoFillBackground(true);
    for (const QPalette& palette : {lightPalette(), darkPalette()}) {
        zone.setPalette(palette);
        zone.setDragState(DropZone::DragState::None);
        const QColor back = palette.color(QPalette::Window);
        const QColor frame = zone.frameColor();
        // Visible against the background, quieter than the text.
        QVERIFY2(std::abs(frame.lightness() - back.lightness()) > 60, qPrintable(frame.name() + back.name()));
        QVERIFY(std::abs(frame.lightness() - palette.color(QPalette::WindowText).lightness()) > 40);
        const QImage idle = zone.grab().toImage();
        QVERIFY2(pixelsNear(idle, frame) > 400, "the frame and glyph are painted in the frame colour");

        zone.setDragState(DropZone::DragState::Reject);
        const QColor reject = zone.frameColor();
        QVERIFY(reject.hslHue() <= 15 || reject.hslHue() >= 345);  // red
        QVERIFY(std::abs(reject.lightness() - back.lightness()) > 60);
        QVERIFY(pixelsNear(zone.grab().toImage(), reject) > 400);

        zone.setDragState(DropZone::DragState::Accept);
        QCOMPARE(zone.frameColor(), palette.color(QPalette::Highlight));
        QVERIFY(pixelsNear(zone.grab().toImage(), palette.color(QPalette::Highlight)) > 400);
    }
}

void EmptyStateTest::speaksGerman() {
    QTranslator german;
    bool loaded = false;
    for (const QString& folder : translationFolders()) {
        if (!loaded) loaded = german.load(QStringLiteral("imgopt_de"), folder);
    }
    QVERIFY(loaded);
    QCoreApplication::installTranslator(&german);
    DropZone zone;
    const QString title = zone.title();
    const QString files = zone.addFilesButton()->text();
    zone.setDragState(DropZone::DragState::Reject);
    const QString reject = zone.hint();
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(title, QStringLiteral("Bilder oder Ordner hier ablegen"));
    QCOMPARE(files, QStringLiteral("Dateien hin&zufügen …"));
    QVERIFY2(reject.contains(QLatin1String("Dateien und Ordner")), qPrintable(reject));
}

IMGOPT_GUI_TEST_MAIN(EmptyStateTest)
#include "tst_empty_state.moc"

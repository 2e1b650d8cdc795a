// Queue previews: made off the GUI thread for the rows on screen only, dropped for rows that scrolled away
// before their turn, kept in a bounded cache, and showing the output once a run has written one.

#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>

#include "gui/main_window.hpp"
#include "gui/queue_model.hpp"
#include "gui/queue_panel.hpp"
#include "gui/queue_thumbnails.hpp"
#include "gui/settings_panel.hpp"
#include "gui/thumbnail_loader.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class ThumbnailsTest : public QObject {
    Q_OBJECT
private slots:
    void visibleRowsOnly();
    void scrolledAwayRowsAreDropped();
    void cacheIsBounded();
    void finishedRowShowsItsOutput();
};

namespace {

constexpr int kRows = 10'000;

// Holds every preview job until open() (or the end of the test): lets a test look at the loader while work
// is in flight. Shared with the jobs, which may outlive the test's stack frame by a moment.
class Gate {
public:
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        cv_.notify_all();
    }
    void wait() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool open_ = false;  // guarded by mutex_
};

// A stand-in for imgopt::makeThumbnail: a grey square of `edge` pixels, made once the gate is open.
ThumbnailLoader::Maker fakeMaker(std::shared_ptr<Gate> gate, int edge = 40) {
    return [gate, edge](const std::filesystem::path&, int) -> imgopt::Expected<imgopt::Thumbnail> {
        gate->wait();
        imgopt::Thumbnail t;
        t.width = t.height = edge;
        t.channels = 4;
        t.pixels.assign(std::size_t(edge * edge * 4), 128);
        return t;
    };
}

// `count` rows; row i previews `pathOf(i)`.
void fill(QueueModel& model, int count, const std::function<QString(int)>& pathOf) {
    for (int i = 0; i < count; ++i) {
        imgopt::ScanItem item;
        item.id = imgopt::TaskId(i + 1);
        item.path = pathOf(i).toStdString();
        item.bytes = 1000;
        model.addScanned(1, item);
    }
    model.flush();
}

QString keyOf(const QueueModel& model, int row) { return previewKey(model.row(row)); }

QSet<QString> keysOf(const QueueModel& model, const QList<int>& rows) {
    QSet<QString> keys;
    for (int r : rows) keys.insert(keyOf(model, r));
    return keys;
}

bool allCached(const ThumbnailLoader* loader, const QueueModel& model, const QList<int>& rows) {
    for (int r : rows) {
        if (!loader->find(keyOf(model, r))) return false;
    }
    return !rows.isEmpty();
}

// Opens the gate when the test leaves, pass or fail, so the loader's destructor never waits on a closed gate.
struct OpenOnExit {
    std::shared_ptr<Gate> gate;
    ~OpenOnExit() { gate->open(); }
};

}  // namespace

void ThumbnailsTest::visibleRowsOnly() {
    QTemporaryDir tmp;
    const QStringList images = test::makeImages(tmp.path(), 60, 48, 32);
    QueueModel model;
    // The first 60 rows are real images; the rest name files that do not exist.
    fill(model, kRows, [&](int i) {
        return i < images.size() ? images[i] : tmp.filePath(QStringLiteral("missing-%1.png").arg(i));
    });
    QueuePanel panel(&model);
    ThumbnailLoader* loader = panel.thumbnails()->loader();
    QSignalSpy started(loader, &ThumbnailLoader::started);
    panel.resize(900, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(!panel.showsDropZone());

    const QList<int> visible = panel.thumbnails()->visibleSourceRows();
    QVERIFY2(visible.size() >= 5 && visible.size() < 40, qPrintable(QString::number(visible.size())));
    QCOMPARE(visible.first(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(allCached(loader, model, visible), 20000);
    QTest::qWait(200);  // a late request would show up now

    // Exactly the rows on screen, each once, out of 10,000.
    QSet<QString> startedKeys;
    for (const auto& args : started) startedKeys.insert(args.at(0).toString());
    QCOMPARE(started.count(), visible.size());
    QCOMPARE(startedKeys, keysOf(model, visible));
    // 48 x 32 images: shrunk to the preview's long edge when they are larger, never enlarged.
    const int edge = loader->maxEdge();
    const int longEdge = std::min(48, edge);
    for (int r : visible) {
        const QImage* image = loader->find(keyOf(model, r));
        QVERIFY(image && !image->isNull());
        QCOMPARE(image->width(), longEdge);
        QVERIFY2(std::abs(image->height() - longEdge * 2 / 3) <= 1,
                 qPrintable(QString::number(image->height())));
    }
}

void ThumbnailsTest::scrolledAwayRowsAreDropped() {
    auto gate = std::make_shared<Gate>();
    const OpenOnExit release{gate};
    QueueModel model;
    fill(model, kRows, [](int i) { return QStringLiteral("/nowhere/photo-%1.jpg").arg(i); });
    QueuePanel panel(&model);
    ThumbnailLoader* loader = panel.thumbnails()->loader();
    loader->setMaker(fakeMaker(gate));
    loader->setMaxThreads(2);
    QSignalSpy started(loader, &ThumbnailLoader::started);
    panel.resize(900, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // The top page is wanted; two previews are being made, the rest wait their turn.
    const QList<int> top = panel.thumbnails()->visibleSourceRows();
    QTRY_COMPARE(loader->runningCount(), 2);
    QCOMPARE(loader->pendingCount(), top.size() - 2);

    // A fast scroll through the whole list that comes to rest in the middle.
    QScrollBar* bar = panel.view()->verticalScrollBar();
    for (int v = 0; v <= bar->maximum(); v += bar->pageStep()) bar->setValue(v);
    bar->setValue(bar->maximum() / 2);
    QTRY_VERIFY(panel.thumbnails()->visibleSourceRows().first() > 1000);
    const QList<int> middle = panel.thumbnails()->visibleSourceRows();
    // The top page's waiting requests are gone; only the middle page waits now.
    QTRY_COMPARE(loader->pendingCount(), middle.size());

    gate->open();
    QTRY_VERIFY_WITH_TIMEOUT(allCached(loader, model, middle), 20000);
    QTest::qWait(200);
    QSet<QString> startedKeys;
    for (const auto& args : started) startedKeys.insert(args.at(0).toString());
    // Two previews of the top page (already running when the scroll began) and the middle page: none of the
    // thousands of rows the scroll went past.
    QCOMPARE(started.count(), 2 + middle.size());
    QCOMPARE(startedKeys, keysOf(model, top.mid(0, 2)) + keysOf(model, middle));
}

void ThumbnailsTest::cacheIsBounded() {
    auto gate = std::make_shared<Gate>();
    gate->open();
    QueueModel model;
    fill(model, kRows, [](int i) { return QStringLiteral("/nowhere/scan-%1.png").arg(i); });
    QueuePanel panel(&model);
    ThumbnailLoader* loader = panel.thumbnails()->loader();
    loader->setMaker(fakeMaker(gate, 40));
    // A 40 x 40 preview costs 7 KiB (6,400 bytes of ARGB32, rounded up): room for 10.
    loader->setCacheLimitKiB(70);
    panel.resize(700, 320);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QList<int> firstPage = panel.thumbnails()->visibleSourceRows();
    QVERIFY2(firstPage.size() <= 10, "the test needs a page that fits the cache");

    QScrollBar* bar = panel.view()->verticalScrollBar();
    for (int page = 0; page < 8; ++page) {
        bar->setValue(page * bar->pageStep() * 3);
        QTest::qWait(60);
        const QList<int> visible = panel.thumbnails()->visibleSourceRows();
        QTRY_VERIFY_WITH_TIMEOUT(allCached(loader, model, visible), 20000);
        QVERIFY2(loader->cachedCount() <= 10, qPrintable(QString::number(loader->cachedCount())));
        QVERIFY(loader->cacheCostKiB() <= 70);
    }
    // The first page was evicted long ago; going back makes its previews again.
    QSignalSpy started(loader, &ThumbnailLoader::started);
    bar->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(allCached(loader, model, firstPage), 20000);
    QCOMPARE(started.count(), firstPage.size());
}

void ThumbnailsTest::finishedRowShowsItsOutput() {
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("photos"));
    test::makeImages(folder, 3, 300, 200);
    MainWindow window;
    window.setAutoStart(true);
    imgopt::Options options = window.settingsPanel()->options();
    // Outputs 16 pixels wide, smaller than any preview box, where a source's preview fills the box: the
    // preview's width tells which file it shows.
    options.resize = {imgopt::ResizeMode::Width, 16};
    options.convertTo = imgopt::ImageFormat::Webp;
    window.settingsPanel()->setOptions(options);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.addPaths({folder});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);

    QueueModel* model = window.queueModel();
    ThumbnailLoader* loader = window.queuePanel()->thumbnails()->loader();
    QCOMPARE(model->rowCount(), 3);
    for (int r = 0; r < model->rowCount(); ++r) {
        const QueueRow& row = model->row(r);
        QVERIFY2(row.state == RowState::Optimized, qPrintable(row.path));
        QCOMPARE(previewPath(row), row.output);
        QVERIFY(row.output.endsWith(QLatin1String(".webp")));
        const QString key =
            model->index(r, QueueModel::ThumbnailColumn).data(QueueModel::ThumbnailKeyRole).toString();
        QCOMPARE(key, previewKey(row));
        QTRY_VERIFY_WITH_TIMEOUT(loader->find(key) != nullptr, 20000);
        QVERIFY(loader->maxEdge() > 16);
        QCOMPARE(loader->find(key)->width(), 16);
    }
}

IMGOPT_GUI_TEST_MAIN(ThumbnailsTest)
#include "tst_thumbnails.moc"

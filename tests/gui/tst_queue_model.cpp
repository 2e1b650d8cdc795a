// The queue model at scale: 100,000 scanned files arrive as coalesced inserts, results update rows in place,
// sorting is numeric, names sort in natural order (img2 before img10), and the status filter works.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableView>

#include "gui/queue_filter_model.hpp"
#include "gui/queue_model.hpp"
#include "gui_test_support.hpp"

using namespace imgopt::gui;

class QueueModelTest : public QObject {
    Q_OBJECT
private slots:
    void hundredThousandRowsStayResponsive();
    void resultsUpdateRowsAndFilter();
    void namesSortInNaturalOrder();
    void foldersSortInNaturalOrderThenByName();
    void batchesCommitAsOneInsert();
};

namespace {
imgopt::ScanItem named(imgopt::TaskId id, const std::string& path) {
    imgopt::ScanItem s;
    s.id = id;
    s.path = path;
    s.root = "/photos";
    s.bytes = 100;
    return s;
}

QStringList column(const QAbstractItemModel& model, int column) {
    QStringList values;
    for (int r = 0; r < model.rowCount(); ++r) values << model.index(r, column).data().toString();
    return values;
}

imgopt::ScanItem item(imgopt::TaskId id, std::uint64_t bytes) {
    imgopt::ScanItem s;
    s.id = id;
    s.path = "/photos/set/img-" + std::to_string(id) + ".jpg";
    s.root = "/photos";
    s.bytes = bytes;
    return s;
}
}  // namespace

void QueueModelTest::hundredThousandRowsStayResponsive() {
    QueueModel model;
    QueueFilterModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.resize(800, 600);
    view.show();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QElapsedTimer timer;
    timer.start();
    for (imgopt::TaskId id = 1; id <= 100'000; ++id) model.addScanned(1, item(id, id * 10));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 100'000, 10000);
    QVERIFY2(inserted.count() <= 5, qPrintable(QString::number(inserted.count())));
    view.sortByColumn(QueueModel::BeforeColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, QueueModel::FileColumn).data().toString(), QStringLiteral("img-100000.jpg"));
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void QueueModelTest::resultsUpdateRowsAndFilter() {
    QueueModel model;
    QueueFilterModel proxy;
    proxy.setSourceModel(&model);
    for (imgopt::TaskId id = 1; id <= 3; ++id) model.addScanned(7, item(id, 1000));
    imgopt::TaskResult ok;
    ok.id = 2;
    ok.status = imgopt::TaskStatus::Optimized;
    ok.inputBytes = 1000;
    ok.outputBytes = 250;
    ok.output = "/photos/set/optimized/img-2.jpg";
    model.applyResult(7, ok);
    imgopt::TaskResult bad;
    bad.id = 3;
    bad.status = imgopt::TaskStatus::Failed;
    bad.error = "cannot decode";
    model.applyResult(7, bad);
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.row(1).state == RowState::Optimized);
    QVERIFY(model.index(1, QueueModel::SavingColumn).data().toString().startsWith(QStringLiteral("75")));
    QCOMPARE(model.index(2, QueueModel::StatusColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("cannot decode"));
    QVERIFY(model.index(2, QueueModel::FileColumn).data(Qt::ForegroundRole).isValid());
    proxy.setStateFilter(RowState::Failed);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setStateFilter(std::nullopt);
    model.removeRowList({0, 2});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(7, 2), 0);
    QCOMPARE(model.rowOf(7, 1), -1);
}

void QueueModelTest::namesSortInNaturalOrder() {
    QueueModel model;
    QueueFilterModel proxy;
    proxy.setSourceModel(&model);
    const char* names[] = {"img10.png", "Banana.jpg", "img2.png", "apple.jpg",
                           "img1.png",  "cherry.jpg", "IMG3.png"};
    imgopt::TaskId id = 0;
    for (const char* name : names) model.addScanned(1, named(++id, std::string("/photos/") + name));
    model.flush();
    proxy.sort(QueueModel::FileColumn, Qt::AscendingOrder);
    // Numbers by value, and letters by the alphabet whatever their case (code points would put "B" and "I"
    // before "a").
    const QStringList expected = {QStringLiteral("apple.jpg"),  QStringLiteral("Banana.jpg"),
                                  QStringLiteral("cherry.jpg"), QStringLiteral("img1.png"),
                                  QStringLiteral("img2.png"),   QStringLiteral("IMG3.png"),
                                  QStringLiteral("img10.png")};
    QCOMPARE(column(proxy, QueueModel::FileColumn), expected);
    proxy.sort(QueueModel::FileColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, QueueModel::FileColumn).data().toString(), QStringLiteral("img10.png"));

    // Rows added while sorted land in their place.
    model.addScanned(1, named(++id, "/photos/img9.png"));
    model.flush();
    proxy.sort(QueueModel::FileColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(6, QueueModel::FileColumn).data().toString(), QStringLiteral("img9.png"));
    QCOMPARE(proxy.index(7, QueueModel::FileColumn).data().toString(), QStringLiteral("img10.png"));
}

void QueueModelTest::foldersSortInNaturalOrderThenByName() {
    QueueModel model;
    QueueFilterModel proxy;
    proxy.setSourceModel(&model);
    model.addScanned(1, named(1, "/photos/day10/b.jpg"));
    model.addScanned(1, named(2, "/photos/day2/z.jpg"));
    model.addScanned(1, named(3, "/photos/day10/a.jpg"));
    model.addScanned(1, named(4, "/photos/day2/a.jpg"));
    model.flush();
    proxy.sort(QueueModel::FolderColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, QueueModel::FolderColumn),
             (QStringList{QStringLiteral("photos/day2"), QStringLiteral("photos/day2"),
                          QStringLiteral("photos/day10"), QStringLiteral("photos/day10")}));
    QCOMPARE(column(proxy, QueueModel::FileColumn),
             (QStringList{QStringLiteral("a.jpg"), QStringLiteral("z.jpg"), QStringLiteral("a.jpg"),
                          QStringLiteral("b.jpg")}));
}

void QueueModelTest::batchesCommitAsOneInsert() {
    QueueModel model;
    QueueFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(QueueModel::FileColumn, Qt::AscendingOrder);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    std::vector<imgopt::ScanItem> batch;
    for (imgopt::TaskId id = 1; id <= 2000; ++id) batch.push_back(item(id, 10));
    model.addScannedBatch(3, batch);
    // Committed before the call returns, in one insert.
    QCOMPARE(model.rowCount(), 2000);
    QCOMPARE(inserted.count(), 1);
    std::vector<imgopt::TaskResult> results;
    for (imgopt::TaskId id = 101; id <= 600; ++id) {
        imgopt::TaskResult r;
        r.id = id;
        r.status = imgopt::TaskStatus::Optimized;
        r.inputBytes = 10;
        r.outputBytes = 5;
        results.push_back(r);
    }
    QSignalSpy relaid(&proxy, &QAbstractItemModel::layoutChanged);
    model.applyResultBatch(3, results);
    // One contiguous range: one signal for the preview column, one for the columns a result fills in. The
    // name column is not among them, so the view sorted by name is not re-laid out.
    QCOMPARE(changed.count(), 2);
    QCOMPARE(relaid.count(), 0);
    QVERIFY(model.row(100).state == RowState::Optimized);
    QVERIFY(model.row(99).state == RowState::Queued);
    QCOMPARE(proxy.index(0, QueueModel::FileColumn).data().toString(), QStringLiteral("img-1.jpg"));
    QCOMPARE(proxy.index(1, QueueModel::FileColumn).data().toString(), QStringLiteral("img-2.jpg"));
}

IMGOPT_GUI_TEST_MAIN(QueueModelTest)
#include "tst_queue_model.moc"

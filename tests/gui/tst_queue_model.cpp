// The queue model at scale: 100,000 scanned files arrive as coalesced inserts, results update rows in place,
// sorting is numeric and the status filter works.

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
};

namespace {
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

IMGOPT_GUI_TEST_MAIN(QueueModelTest)
#include "tst_queue_model.moc"

#include "gui/report_exporter.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <memory>

#include "imgopt/report_writer.hpp"

namespace imgopt::gui {

ReportExporter::ReportExporter(Source source, QObject* parent)
    : QObject(parent), source_(std::move(source)) {}

QString ReportExporter::exportTo(const QString& path) const {
    const std::filesystem::path file(path.toStdString());
    if (!reportFormatFromPath(file)) {
        return tr("Unknown report format for %1. Use .json, .csv, .md or .html.")
            .arg(QFileInfo(path).fileName());
    }
    const std::optional<RunReport> report = source_ ? source_() : std::nullopt;
    if (!report) return tr("There is no run to report yet. Optimize some images first.");
    const auto written = writeReport(*report, file);
    return written ? QString() : QString::fromStdString(written.error().message);
}

void ReportExporter::exportWithDialog(QWidget* parent, const QString& startFolder) {
    QString path = std::exchange(nextPath_, {});
    if (path.isEmpty()) {
        const QString json = tr("JSON (*.json)");
        const QString csv = tr("CSV, one row per file (*.csv)");
        const QString md = tr("Markdown (*.md)");
        const QString html = tr("HTML with charts (*.html)");
        QString selected = json;
        path = QFileDialog::getSaveFileName(
            parent, tr("Export Benchmark Report"), startFolder + QStringLiteral("/imgopt-report.json"),
            QStringList{json, csv, md, html}.join(QStringLiteral(";;")), &selected);
        if (path.isEmpty()) return;
        // A name typed without an extension gets the one of the chosen filter.
        if (QFileInfo(path).suffix().isEmpty()) {
            path += selected == csv    ? QStringLiteral(".csv")
                    : selected == md   ? QStringLiteral(".md")
                    : selected == html ? QStringLiteral(".html")
                                       : QStringLiteral(".json");
        }
    }
    writeInBackground(parent, path);
}

// The report is taken here (a copy that shares its rows' spill file) and written on a pool thread: a report
// of 100,000 files takes seconds to write, which the window must not freeze for.
void ReportExporter::writeInBackground(QWidget* parent, const QString& path) {
    const std::filesystem::path file(path.toStdString());
    if (!reportFormatFromPath(file)) return showError(parent, exportTo(path));
    auto report = std::make_shared<std::optional<RunReport>>(source_ ? source_() : std::nullopt);
    if (!*report) return showError(parent, tr("There is no run to report yet. Optimize some images first."));
    QGuiApplication::setOverrideCursor(Qt::BusyCursor);
    QPointer<ReportExporter> self(this);
    QPointer<QWidget> window(parent);
    QThreadPool::globalInstance()->start([self, window, report, file, path] {
        const auto written = writeReport(**report, file);
        const QString error = written ? QString() : QString::fromStdString(written.error().message);
        QMetaObject::invokeMethod(
            qApp,
            [self, window, error, path] {
                QGuiApplication::restoreOverrideCursor();
                if (!self) return;
                if (!error.isEmpty()) return self->showError(window, error);
                self->lastPath_ = path;
                emit self->exported(path);
            },
            Qt::QueuedConnection);
    });
}

void ReportExporter::showError(QWidget* parent, const QString& error) {
    QMessageBox::warning(parent, tr("Export Benchmark Report"),
                         tr("The report could not be written.\n\n%1").arg(error));
}

}  // namespace imgopt::gui

#pragma once
// ReportExporter: File > Export Benchmark Report. The dialog picks a file and a format; the writing is the
// engine's report writer, chosen by extension. exportTo() is the part without a dialog (tests call it).

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

#include "imgopt/report.hpp"

class QWidget;

namespace imgopt::gui {

class ReportExporter : public QObject {
    Q_OBJECT
public:
    using Source = std::function<std::optional<RunReport>()>;

    explicit ReportExporter(Source source, QObject* parent = nullptr);

    // Returns an error text, or an empty string when the file was written.
    QString exportTo(const QString& path) const;
    // Asks for a file (JSON, CSV, Markdown or HTML) and writes it in the background; reports errors in a
    // message box, success with exported().
    void exportWithDialog(QWidget* parent, const QString& startFolder);

    // When set, exportWithDialog() uses this path instead of asking (for tests and scripted runs).
    void setNextPath(const QString& path) { nextPath_ = path; }
    QString lastPath() const { return lastPath_; }

signals:
    void exported(const QString& path);

private:
    void writeInBackground(QWidget* parent, const QString& path);
    void showError(QWidget* parent, const QString& error);

    Source source_;
    QString nextPath_;
    QString lastPath_;
};

}  // namespace imgopt::gui

#pragma once
// SummaryPanel: the end-of-run summary (done, kept original, failed, saved) with the list of failures.
// Non-modal: it sits in a dock and never interrupts the user.

#include <QWidget>

#include "imgopt/report.hpp"

class QLabel;
class QListWidget;
class QPushButton;

namespace imgopt::gui {

class SummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit SummaryPanel(QWidget* parent = nullptr);

    // `failed`: the report's failed files (the first ones, when there are very many), read by the caller off
    // the GUI thread, as reading a large report's rows takes seconds.
    void showReport(const RunReport& report, const std::vector<TaskResult>& failed);
    // One line for the status bar.
    static QString summaryLine(const ReportSummary& summary);

    QListWidget* failureList() const { return failures_; }
    QString text() const;

signals:
    void showFailedRequested();

private:
    QLabel* figures_;
    QListWidget* failures_;
    QPushButton* showFailed_;
};

}  // namespace imgopt::gui

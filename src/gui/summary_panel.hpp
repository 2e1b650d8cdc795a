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

    void showReport(const RunReport& report);
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

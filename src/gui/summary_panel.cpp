#include "gui/summary_panel.hpp"

#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "gui/display_format.hpp"

namespace imgopt::gui {

SummaryPanel::SummaryPanel(QWidget* parent)
    : QWidget(parent),
      figures_(new QLabel(this)),
      failures_(new QListWidget(this)),
      showFailed_(new QPushButton(tr("Show Failed Files in the &Queue"), this)) {
    auto* layout = new QVBoxLayout(this);
    figures_->setObjectName(QStringLiteral("summaryFigures"));
    figures_->setTextFormat(Qt::RichText);
    figures_->setWordWrap(true);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    figures_->setText(tr("No run has finished yet."));
    layout->addWidget(figures_);
    auto* failuresLabel = new QLabel(tr("&Failures:"), this);
    failuresLabel->setBuddy(failures_);
    layout->addWidget(failuresLabel);
    failures_->setObjectName(QStringLiteral("failureList"));
    failures_->setWordWrap(true);
    failures_->setTextElideMode(Qt::ElideMiddle);
    layout->addWidget(failures_, 1);
    layout->addWidget(showFailed_);
    showFailed_->setEnabled(false);
    connect(showFailed_, &QPushButton::clicked, this, &SummaryPanel::showFailedRequested);
}

QString SummaryPanel::summaryLine(const ReportSummary& s) {
    const QLocale locale;
    return tr("Finished: %1 optimized, %2 kept original, %3 skipped, %4 failed · saved %5 (%6 %) in %7")
        .arg(locale.toString(qulonglong(s.optimized)), locale.toString(qulonglong(s.keptOriginal)),
             locale.toString(qulonglong(s.skipped)), locale.toString(qulonglong(s.failed)),
             formatSignedBytes(s.savedBytes))
        .arg(locale.toString(savingPercent(s.inputBytes, s.outputBytes), 'f', 1))
        .arg(formatSeconds(s.wallSeconds));
}

void SummaryPanel::showReport(const RunReport& report, const std::vector<TaskResult>& failed) {
    const ReportSummary& s = report.summary;
    const QLocale locale;
    const double percent = savingPercent(s.inputBytes, s.outputBytes);
    const std::pair<QString, QString> rows[] = {
        {tr("Files"), locale.toString(qulonglong(s.files))},
        {tr("Optimized"), locale.toString(qulonglong(s.optimized))},
        {tr("Kept original"), locale.toString(qulonglong(s.keptOriginal))},
        {tr("Skipped"), locale.toString(qulonglong(s.skipped))},
        {tr("Failed"), locale.toString(qulonglong(s.failed))},
        {tr("Before"), formatBytes(s.inputBytes)},
        {tr("After"), formatBytes(s.outputBytes)},
        {tr("Saved"), tr("%1 (%2 %)").arg(formatSignedBytes(s.savedBytes), locale.toString(percent, 'f', 1))},
        {tr("Time"), formatSeconds(s.wallSeconds)},
        {tr("Not images"), locale.toString(qulonglong(report.scanNotImages))},
        {tr("Hidden, left out"), locale.toString(qulonglong(report.scanHiddenSkipped))},
        {tr("Reached twice"), locale.toString(qulonglong(report.scanDuplicates))},
    };
    figures_->setText(figuresTableHtml(rows));

    failures_->clear();
    const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    for (const TaskResult& r : failed) {
        auto* item = new QListWidgetItem(
            icon, tr("%1: %2").arg(QString::fromStdString(r.input.filename().string()), errorText(r)));
        item->setToolTip(QString::fromStdString(r.input.string()));
        failures_->addItem(item);
    }
    for (const std::string& e : report.scanErrors) {
        failures_->addItem(new QListWidgetItem(icon, QString::fromStdString(e)));
    }
    if (failures_->count() == 0) failures_->addItem(tr("None"));
    showFailed_->setEnabled(s.failed > 0);
}

QString SummaryPanel::text() const { return figures_->text(); }

}  // namespace imgopt::gui

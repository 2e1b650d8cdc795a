#include "gui/control_bar.hpp"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

#include "gui/display_format.hpp"

namespace imgopt::gui {

ControlBar::ControlBar(QAction* start, QAction* pause, QAction* cancel, QWidget* parent)
    : QWidget(parent), bar_(new QProgressBar(this)), text_(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QAction* action : {start, pause, cancel}) addButton(action);
    bar_->setObjectName(QStringLiteral("progressBar"));
    bar_->setRange(0, 1);
    bar_->setValue(0);
    bar_->setTextVisible(true);
    bar_->setFormat(QStringLiteral("%p %"));
    text_->setObjectName(QStringLiteral("progressText"));
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps instead of widening the window: at 1280 pixels the settings, the queue and the summary share it.
    text_->setWordWrap(true);
    layout->addWidget(bar_, 1);
    layout->addWidget(text_, 2);
}

QString ControlBar::progressText() const { return text_->text(); }

void ControlBar::addButton(QAction* action) {
    auto* button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setFocusPolicy(Qt::StrongFocus);
    static_cast<QHBoxLayout*>(layout())->insertWidget(buttons_++, button);
}

void ControlBar::showProgress(const ProgressSnapshot& p, RunController::State state) {
    // Before the first file arrives there is nothing to show ("0 of 0 files"); the drop zone says what to do.
    const bool nothingYet = state == RunController::State::Idle && p.scanned == 0;
    bar_->setVisible(!nothingYet);
    if (nothingYet) {
        text_->clear();
        return;
    }
    const auto total = std::max<std::uint64_t>(p.scanned, 1);
    // QProgressBar holds ints; scale big runs instead of overflowing.
    const int scale = total > 1'000'000'000ull ? 1000 : 1;
    bar_->setRange(0, int(total / std::uint64_t(scale)));
    bar_->setValue(int(std::min(p.done, total) / std::uint64_t(scale)));

    const QString savedText = tr("saved %1 (%2 %)")
                                  .arg(formatSignedBytes(p.savedBytes()))
                                  .arg(QLocale().toString(p.savedPercent(), 'f', 1));
    QString eta;
    if (const auto left = p.etaSeconds(); state == RunController::State::Running && left) {
        eta = tr("%1 left").arg(formatDuration(*left));
    } else if (state == RunController::State::Paused) {
        eta = tr("paused");
    } else if (state == RunController::State::Waiting) {
        eta = tr("waiting for Start");
    } else if (state == RunController::State::Cancelling) {
        eta = tr("cancelling…");
    } else if (state == RunController::State::Idle && p.scanned > 0) {
        eta = tr("finished in %1").arg(formatDuration(p.activeSeconds));
    }
    QStringList parts;
    parts << tr("%1 of %2 files")
                 .arg(QLocale().toString(qulonglong(p.done)), QLocale().toString(qulonglong(p.scanned)));
    if (!eta.isEmpty()) parts << eta;
    parts << savedText;
    if (p.failed > 0) parts << tr("%n failed", nullptr, int(std::min<std::uint64_t>(p.failed, INT32_MAX)));
    text_->setText(parts.join(QStringLiteral(" · ")));
}

}  // namespace imgopt::gui

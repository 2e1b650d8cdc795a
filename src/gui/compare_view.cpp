#include "gui/compare_view.hpp"

#include <QAction>
#include <QActionGroup>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScreen>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <cmath>

#include "gui/compare_viewport.hpp"
#include "gui/display_format.hpp"
#include "imgopt/progress.hpp"

namespace imgopt::gui {

namespace {

// Overviews are decoded at most this large: sharp at fit on any screen, quick from shrink-on-load.
constexpr int kOverviewEdge = 2560;
// A detail larger than this (a huge window at high zoom) is not worth its memory.
constexpr int kMaxDetailEdge = 4096;
// Zoom and pan settle for this long before the sharper part in view is decoded.
constexpr int kDetailDelayMs = 120;

}  // namespace

CompareView::CompareView(QWidget* parent)
    : QDialog(parent),
      viewport_(new CompareViewport(this)),
      loader_(new CompareLoader(this)),
      primary_(new CompareCanvas(viewport_, this)),
      secondary_(new CompareCanvas(viewport_, this)),
      info_(new QLabel(this)),
      detailTimer_(new QTimer(this)) {
    setObjectName(QStringLiteral("compareView"));
    setWindowTitle(tr("Compare"));
    setSizeGripEnabled(true);
    primary_->setObjectName(QStringLiteral("comparePrimary"));
    secondary_->setObjectName(QStringLiteral("compareSecondary"));
    info_->setObjectName(QStringLiteral("compareInfo"));
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailTimer_->setSingleShot(true);
    detailTimer_->setInterval(kDetailDelayMs);
    createActions();
    buildLayout();
    connect(loader_, &CompareLoader::ready, this, &CompareView::onPictures);
    connect(loader_, &CompareLoader::failed, this, [this](const QString& message) {
        status_ = message;
        refreshInfo();
    });
    connect(viewport_, &CompareViewport::changed, detailTimer_, qOverload<>(&QTimer::start));
    connect(detailTimer_, &QTimer::timeout, this, &CompareView::requestDetail);
    setMode(Mode::Split);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    resize(90 * em, 40 * fontMetrics().height());
}

void CompareView::createActions() {
    const auto action = [this](const QString& text, QKeySequence key) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
        return a;
    };
    splitAction_ = action(tr("&Split"), QKeySequence(Qt::Key_S));
    sideAction_ = action(tr("Side &by Side"), QKeySequence(Qt::Key_B));
    differenceAction_ = action(tr("&Difference"), QKeySequence(Qt::Key_D));
    auto* modes = new QActionGroup(this);
    for (QAction* a : {splitAction_, sideAction_, differenceAction_}) {
        a->setCheckable(true);
        modes->addAction(a);
    }
    fitAction_ = action(tr("&Fit"), QKeySequence(Qt::Key_F));
    actualAction_ = action(tr("&100 %"), QKeySequence(Qt::Key_1));
    doubleAction_ = action(tr("&200 %"), QKeySequence(Qt::Key_2));
    previousAction_ = action(tr("&Previous"), QKeySequence(Qt::Key_Left));
    previousAction_->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    previousAction_->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    nextAction_ = action(tr("&Next"), QKeySequence(Qt::Key_Right));
    nextAction_->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    nextAction_->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    connect(splitAction_, &QAction::triggered, this, [this] { setMode(Mode::Split); });
    connect(sideAction_, &QAction::triggered, this, [this] { setMode(Mode::SideBySide); });
    connect(differenceAction_, &QAction::triggered, this, [this] { setMode(Mode::Difference); });
    connect(fitAction_, &QAction::triggered, this, &CompareView::zoomToFit);
    connect(actualAction_, &QAction::triggered, this, [this] { zoomTo(1.0); });
    connect(doubleAction_, &QAction::triggered, this, [this] { zoomTo(2.0); });
    connect(previousAction_, &QAction::triggered, this, &CompareView::showPrevious);
    connect(nextAction_, &QAction::triggered, this, &CompareView::showNext);
}

void CompareView::buildLayout() {
    auto* bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({splitAction_, sideAction_, differenceAction_});
    bar->addSeparator();
    bar->addActions({fitAction_, actualAction_, doubleAction_});
    bar->addSeparator();
    bar->addActions({previousAction_, nextAction_});
    for (QAction* a : bar->actions())
        if (!a->shortcut().isEmpty())
            a->setToolTip(a->text().remove(QLatin1Char('&')) + QStringLiteral(" (") +
                          a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));
    auto* panes = new QHBoxLayout;
    panes->setSpacing(2);
    panes->addWidget(primary_, 1);
    panes->addWidget(secondary_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(bar);
    layout->addLayout(panes, 1);
    layout->addWidget(info_);
}

void CompareView::setEntries(QList<CompareEntry> entries, int current) {
    entries_ = std::move(entries);
    showEntry(current);
}

void CompareView::showEntry(int index) {
    if (entries_.isEmpty()) return;
    current_ = std::clamp(index, 0, int(entries_.size()) - 1);
    const CompareEntry& e = entries_[current_];
    loader_->cancelPending();
    overview_.reset();
    detail_.reset();
    status_ = tr("Loading…");
    updateCanvases();
    viewport_->fit();
    const double dpr = devicePixelRatioF();
    const int edge = std::max(kOverviewEdge, int(std::ceil(std::max(width(), height()) * dpr)));
    loader_->requestOverview(e.before, e.after, QSize(), QSize(edge, edge));
    previousAction_->setEnabled(current_ > 0);
    nextAction_->setEnabled(current_ + 1 < entries_.size());
    setWindowTitle(tr("Compare: %1 (%2 of %3)").arg(e.name).arg(current_ + 1).arg(entries_.size()));
    refreshInfo();
}

void CompareView::showNext() {
    if (current_ + 1 < entries_.size()) showEntry(current_ + 1);
}

void CompareView::showPrevious() {
    if (current_ > 0) showEntry(current_ - 1);
}

void CompareView::setMode(Mode mode) {
    mode_ = mode;
    splitAction_->setChecked(mode == Mode::Split);
    sideAction_->setChecked(mode == Mode::SideBySide);
    differenceAction_->setChecked(mode == Mode::Difference);
    secondary_->setVisible(mode == Mode::SideBySide);
    switch (mode) {
        case Mode::Split:
            primary_->showSplit();
            break;
        case Mode::SideBySide:
            primary_->showLayer(CompareCanvas::Layer::Before);
            secondary_->showLayer(CompareCanvas::Layer::After);
            break;
        case Mode::Difference:
            primary_->showLayer(CompareCanvas::Layer::Difference);
            break;
    }
    // The panes changed size: what is in view changed too.
    detailTimer_->start();
}

void CompareView::zoomToFit() { viewport_->fit(); }

void CompareView::zoomTo(double factor) {
    // 100 % is one pixel of the original per pixel of the screen.
    viewport_->setZoom(factor / devicePixelRatioF(), primary_->size());
}

void CompareView::onPictures(const ComparePictures& pictures) {
    if (pictures.overview) {
        const bool newFrame = !overview_ || overview_->frame != pictures.frame;
        overview_ = pictures;
        if (newFrame && viewport_->frame() != pictures.frame) viewport_->setFrame(pictures.frame);
        status_.clear();
        updateCanvases();
        refreshInfo();
        detailTimer_->start();
        emit picturesShown();
    } else {
        detail_ = pictures;
        updateCanvases();
        emit detailShown();
    }
}

// Once zoomed past what the overview holds, the part in view is decoded at the screen's resolution.
void CompareView::requestDetail() {
    if (!overview_ || current_ < 0) return;
    const QSizeF pane = primary_->size();
    const double dpr = devicePixelRatioF();
    const double screenScale = viewport_->scale(pane) * dpr;
    const double overviewScale = double(overview_->before.width()) / overview_->frame.width();
    if (screenScale <= overviewScale * 1.05) {
        if (detail_) {
            detail_.reset();
            updateCanvases();
        }
        return;
    }
    const QRectF region = viewport_->visibleFrame(pane);
    if (region.isEmpty()) return;
    QSize output(int(std::ceil(region.width() * screenScale)), int(std::ceil(region.height() * screenScale)));
    output = output.boundedTo(QSize(kMaxDetailEdge, kMaxDetailEdge));
    if (detail_ && detail_->region == region && detail_->before.size() == output) return;
    const CompareEntry& e = entries_[current_];
    loader_->requestDetail(e.before, e.after, overview_->frame, region, output);
}

void CompareView::updateCanvases() {
    const ComparePictures* overview = overview_ ? &*overview_ : nullptr;
    const ComparePictures* detail = detail_ ? &*detail_ : nullptr;
    primary_->setPictures(overview, detail);
    secondary_->setPictures(overview, detail);
}

QString CompareView::infoText() const { return info_->text(); }

void CompareView::refreshInfo() {
    if (current_ < 0) return;
    const CompareEntry& e = entries_[current_];
    QStringList parts;
    parts << tr("Original %1 → optimized %2").arg(formatBytes(e.bytesBefore), formatBytes(e.bytesAfter));
    parts << tr("saved %1 %").arg(QLocale().toString(savingPercent(e.bytesBefore, e.bytesAfter), 'f', 1));
    if (e.score) parts << tr("score %1 (SSIM)").arg(QLocale().toString(*e.score, 'f', 4));
    if (e.quality && !e.encoding.isEmpty())
        parts << tr("quality %1, %2").arg(*e.quality).arg(encodingText(e.encoding));
    else if (e.quality)
        parts << tr("quality %1").arg(*e.quality);
    if (overview_) parts << tr("%1 × %2 px").arg(overview_->frame.width()).arg(overview_->frame.height());
    QString text = e.name + QStringLiteral("  ·  ") + parts.join(QStringLiteral("  ·  "));
    if (!status_.isEmpty()) text += QStringLiteral("  ·  ") + status_;
    info_->setText(text);
}

}  // namespace imgopt::gui

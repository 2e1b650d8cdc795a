#include "gui/drop_zone.hpp"

#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>

#include "gui/display_format.hpp"
#include "ui_drop_zone.h"

namespace imgopt::gui {

namespace {
constexpr int kMargin = 16;  // between the frame and the widget's edge
constexpr int kRadius = 12;
constexpr int kGlyphEms = 5;  // the glyph's size in font heights

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

// The failure red of the queue table, lightened on dark backgrounds so it keeps its contrast.
QColor rejectColor(const QPalette& palette) {
    return isDark(palette) ? QColor(0xf6, 0x61, 0x51) : QColor(0xc0, 0x1c, 0x28);
}

// A mix of text and background: a frame that is visible but quieter than text, in light and dark themes.
QColor quietColor(const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor back = palette.color(QPalette::Window);
    return QColor::fromRgbF(0.45f * text.redF() + 0.55f * back.redF(),
                            0.45f * text.greenF() + 0.55f * back.greenF(),
                            0.45f * text.blueF() + 0.55f * back.blueF());
}

// An arrow dropping into a tray, drawn in `color` so it follows the palette (an icon file would not).
QPixmap dropGlyph(int size, qreal dpr, const QColor& color) {
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size / 24.0;  // drawn on a 24-unit grid
    p.scale(s, s);
    p.setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    QPainterPath tray;
    tray.moveTo(3, 14);
    tray.lineTo(3, 20);
    tray.lineTo(21, 20);
    tray.lineTo(21, 14);
    p.drawPath(tray);
    QPainterPath arrow;
    arrow.moveTo(12, 3);
    arrow.lineTo(12, 15);
    arrow.moveTo(7.5, 10.5);
    arrow.lineTo(12, 15);
    arrow.lineTo(16.5, 10.5);
    p.drawPath(arrow);
    return pixmap;
}

// "JPEG, PNG, WebP, … and GIF": the formats the registry reads, so the list cannot drift from the engine.
QString readableFormats() {
    QStringList names;
    for (const FormatInfo& f : allFormats()) {
        if (f.format != ImageFormat::Unknown) names << latin1(f.displayName);
    }
    return QLocale().createSeparatedList(names);
}
}  // namespace

DropZone::DropZone(QWidget* parent) : QWidget(parent), ui_(std::make_unique<Ui::DropZone>()) {
    ui_->setupUi(this);
    setObjectName(QStringLiteral("dropZone"));
    ui_->zoneLayout->setContentsMargins(2 * kMargin, 2 * kMargin, 2 * kMargin, 2 * kMargin);
    QFont titleFont = ui_->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    ui_->titleLabel->setFont(titleFont);
    connect(ui_->addFilesButton, &QPushButton::clicked, this, &DropZone::addFilesRequested);
    connect(ui_->addFolderButton, &QPushButton::clicked, this, &DropZone::addFolderRequested);
    updateLook();
}

DropZone::~DropZone() = default;

QPushButton* DropZone::addFilesButton() const { return ui_->addFilesButton; }
QPushButton* DropZone::addFolderButton() const { return ui_->addFolderButton; }
QString DropZone::title() const { return ui_->titleLabel->text(); }
QString DropZone::hint() const { return ui_->hintLabel->text(); }

void DropZone::setDragState(DragState state) {
    if (state == state_) return;
    state_ = state;
    updateLook();
}

QColor DropZone::frameColor() const {
    switch (state_) {
        case DragState::Accept:
            return palette().color(QPalette::Highlight);
        case DragState::Reject:
            return rejectColor(palette());
        case DragState::None:
            break;
    }
    return quietColor(palette());
}

void DropZone::updateLook() {
    switch (state_) {
        case DragState::None:
            ui_->hintLabel->setText(tr("%1 files, one by one or whole folders").arg(readableFormats()));
            break;
        case DragState::Accept:
            ui_->hintLabel->setText(tr("Release to add them to the queue"));
            break;
        case DragState::Reject:
            ui_->hintLabel->setText(tr("Only files and folders on this computer can be added"));
            break;
    }
    const int glyph = kGlyphEms * fontMetrics().height();
    ui_->glyphLabel->setPixmap(dropGlyph(glyph, devicePixelRatioF(), frameColor()));
    update();
}

void DropZone::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    QColor fill = frameColor();
    fill.setAlphaF(state_ == DragState::None ? 0.0f : 0.10f);
    p.setBrush(fill);
    // Dashed while waiting, solid while a drag says "yes" or "no".
    p.setPen(QPen(frameColor(), state_ == DragState::None ? 2 : 3,
                  state_ == DragState::None ? Qt::DashLine : Qt::SolidLine));
    p.drawRoundedRect(frame, kRadius, kRadius);
}

void DropZone::changeEvent(QEvent* event) {
    // A theme switch (light/dark) or a new language: recolour the glyph, re-translate the hint.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) updateLook();
    if (event->type() == QEvent::LanguageChange) {
        ui_->retranslateUi(this);
        updateLook();
    }
    QWidget::changeEvent(event);
}

}  // namespace imgopt::gui

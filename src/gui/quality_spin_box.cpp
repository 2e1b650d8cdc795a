#include "gui/quality_spin_box.hpp"

namespace imgopt::gui {

namespace {
// The spin box's own values for the two words: below every quality, so the arrows step from 1 to Auto to
// Same as global.
constexpr int kSameAsGlobal = -1;
constexpr int kAuto = 0;
}  // namespace

QualitySpinBox::QualitySpinBox(QWidget* parent) : QSpinBox(parent) {
    setRange(kSameAsGlobal, 100);
    setSpecialValueText(tr("Same as global"));
    setValue(kSameAsGlobal);
}

std::optional<Quality> QualitySpinBox::quality() const {
    if (value() == kSameAsGlobal) return std::nullopt;
    if (value() == kAuto) return Quality::automatic();
    return Quality(value());
}

void QualitySpinBox::setQuality(const std::optional<Quality>& quality) {
    if (!quality)
        setValue(kSameAsGlobal);
    else
        setValue(quality->isAuto() ? kAuto : quality->value());
}

QString QualitySpinBox::textFromValue(int value) const {
    return value == kAuto ? tr("Auto") : QSpinBox::textFromValue(value);
}

int QualitySpinBox::valueFromText(const QString& text) const {
    if (text.compare(tr("Auto"), Qt::CaseInsensitive) == 0) return kAuto;
    return QSpinBox::valueFromText(text);
}

QValidator::State QualitySpinBox::validate(QString& text, int& pos) const {
    const QString automatic = tr("Auto");
    if (automatic.startsWith(text, Qt::CaseInsensitive))
        return text.size() == automatic.size() ? QValidator::Acceptable : QValidator::Intermediate;
    return QSpinBox::validate(text, pos);
}

}  // namespace imgopt::gui

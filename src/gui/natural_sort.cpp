#include "gui/natural_sort.hpp"

namespace imgopt::gui {

QCollator naturalCollator(const QLocale& locale) {
    QCollator collator(locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates)
                                                       : locale);
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    return collator;
}

}  // namespace imgopt::gui

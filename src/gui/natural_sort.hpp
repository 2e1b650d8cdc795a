#pragma once
// Natural order for file and folder names: "img2" before "img10", case and accents ordered the way the
// user's language does. Thread rules: a QCollator is not shared between threads; each user makes its own.

#include <QCollator>
#include <QLocale>

namespace imgopt::gui {

// A collator in numeric mode for `locale`. Qt compares code points in the C locale and ignores the numeric
// mode there, so the C locale (a bare container or a test run) collates as English instead.
QCollator naturalCollator(const QLocale& locale = QLocale());

}  // namespace imgopt::gui

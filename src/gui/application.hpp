#pragma once
// Process-wide set-up shared by the app and the GUI tests: libvips, application names, icon, translations.

#include <QString>
#include <QStringList>

class QApplication;

namespace imgopt::gui {

// Returns false (with a message) when libvips cannot start.
bool initApplication(QApplication& app, const char* argv0, QString* error);
// Where ImgOpt's .qm files are looked for, in order: the installed folder, then the embedded resources.
QStringList translationFolders();
// Installs the Qt and ImgOpt translations for `locale` (e.g. "de"); the system locale when empty.
void installTranslations(QApplication& app, const QString& locale = {});

}  // namespace imgopt::gui

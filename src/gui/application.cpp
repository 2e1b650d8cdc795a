#include "gui/application.hpp"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "gui/gui_log.hpp"
#include "imgopt/runtime.hpp"
#include "imgopt/version.hpp"

namespace imgopt::gui {

bool initApplication(QApplication& app, const char* argv0, QString* error) {
    QApplication::setOrganizationName(QStringLiteral("ImgOpt"));
    QApplication::setApplicationName(QStringLiteral("imgopt-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("ImgOpt"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setDesktopFileName(QStringLiteral("imgopt"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("imgopt"), QIcon(QStringLiteral(":/icons/imgopt.svg"))));
    (void)app;
    if (auto started = initialize(argv0); !started) {
        if (error) *error = QString::fromStdString(started.error().message);
        return false;
    }
    return true;
}

QStringList translationFolders() {
    // Installed files first (share/imgopt/translations beside bin/), so a language can be added or updated
    // without rebuilding; then the copies embedded at build time, which a build tree or a moved binary has.
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/imgopt/translations"),
            QStringLiteral(":/i18n")};
}

void installTranslations(QApplication& app, const QString& localeName) {
    const QLocale locale = localeName.isEmpty() ? QLocale() : QLocale(localeName);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qt);
    }
    auto* ours = new QTranslator(&app);
    // Without a translation for the locale (including "C" under Xvfb or CI), the English one still supplies
    // plural forms, so "1 file" never reads "1 file(s)".
    bool loaded = false;
    for (const QString& folder : translationFolders()) {
        loaded = ours->load(locale, QStringLiteral("imgopt"), QStringLiteral("_"), folder);
        if (loaded) break;
    }
    for (const QString& folder : translationFolders()) {
        if (loaded) break;
        loaded = ours->load(QStringLiteral("imgopt_en"), folder);
    }
    if (loaded) {
        QApplication::installTranslator(ours);
        qCDebug(lcGui) << "translation loaded:" << ours->filePath();
    }
}

}  // namespace imgopt::gui

#include "gui/application.hpp"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "gui/gui_log.hpp"
#include "imgopt/version.hpp"
#include "imgopt/runtime.hpp"

namespace imgopt::gui {

bool initApplication(QApplication& app, const char* argv0, QString* error) {
    QApplication::setOrganizationName(QStringLiteral("ImgOpt"));
    QApplication::setApplicationName(QStringLiteral("imgopt-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("ImgOpt"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QApplication::setDesktopFileName(QStringLiteral("imgopt"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("imgopt"), QIcon(QStringLiteral(":/icons/imgopt.svg"))));
    (void)app;
    if (auto started = initialize(argv0); !started) {
        if (error) *error = QString::fromStdString(started.error().message);
        return false;
    }
    return true;
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
    if (ours->load(locale, QStringLiteral("imgopt"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        ours->load(QStringLiteral("imgopt_en"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(ours);
        qCDebug(lcGui) << "translation loaded:" << ours->filePath();
    }
}

}  // namespace imgopt::gui

// imgopt-gui: the desktop app. `imgopt-gui PATH...` queues the paths, so "Open with" from a file manager
// works.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

#include "gui/application.hpp"
#include "gui/main_window.hpp"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QString error;
    if (!imgopt::gui::initApplication(app, argv[0], &error)) {
        QMessageBox::critical(nullptr, QStringLiteral("ImgOpt"), QStringLiteral("libvips: %1").arg(error));
        return 1;
    }
    imgopt::gui::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Batch image optimizer"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QApplication::translate("main", "Images or folders to optimize."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    imgopt::gui::MainWindow window;
    window.show();
    QStringList paths;
    for (const QString& p : parser.positionalArguments()) paths << QFileInfo(p).absoluteFilePath();
    window.addPaths(paths);
    return QApplication::exec();
}

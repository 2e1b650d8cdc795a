// imgopt-gui-screenshot: the desktop app with the ScreenshotHook attached, for scripts/screenshot.sh. It is a
// separate tool so the shipped imgopt-gui carries no screenshot code. `imgopt-gui-screenshot PATH...` queues
// the paths like imgopt-gui; IMGOPT_SCREENSHOT and friends (screenshot_hook.hpp) say where the grabs go.

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>

#include "gui/application.hpp"
#include "gui/main_window.hpp"
#include "screenshot_hook.hpp"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QString error;
    if (!imgopt::gui::initApplication(app, argv[0], &error)) {
        QMessageBox::critical(nullptr, QStringLiteral("ImgOpt"), QStringLiteral("libvips: %1").arg(error));
        return 1;
    }
    imgopt::gui::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Grabs the empty window, then runs ImgOpt on PATH... and grabs the window once the run has "
        "finished.\n"
        "IMGOPT_SCREENSHOT_EMPTY=FILE.png and/or IMGOPT_SCREENSHOT=FILE.png, "
        "IMGOPT_SCREENSHOT_METRICS=FILE.png, "
        "IMGOPT_SCREENSHOT_SIZE=WIDTHxHEIGHT, IMGOPT_SCREENSHOT_QUIT=0 keeps the window open."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("Images or folders to optimize."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    imgopt::gui::MainWindow window;
    imgopt::gui::ScreenshotHook screenshots(&window);
    // Without a target file the hook is inert and this would just be imgopt-gui, waiting forever under Xvfb.
    if (!screenshots.active()) {
        qCritical(
            "imgopt-gui-screenshot: set IMGOPT_SCREENSHOT or IMGOPT_SCREENSHOT_EMPTY to the PNG file to "
            "write");
        return 2;
    }
    QStringList paths;
    for (const QString& p : parser.positionalArguments()) paths << QFileInfo(p).absoluteFilePath();
    screenshots.start(paths);
    return QApplication::exec();
}

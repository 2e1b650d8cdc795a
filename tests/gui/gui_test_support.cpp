// libvips (through glib) must come before Qt: glib headers use "signals" as an identifier, a Qt macro.
// clang-format off
#include <vips/vips8>
// clang-format on

#include "gui_test_support.hpp"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>
#include <QWidget>

#include "gui/application.hpp"

namespace imgopt::gui::test {

int runGuiTest(int argc, char** argv, QObject* test) {
    // Before QApplication: a test must never read or write the user's real settings.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_STATE_HOME", QFile::encodeName(home.filePath(QStringLiteral("state"))));
    qputenv("VIPS_WARNING", "0");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QString error;
    if (!initApplication(app, argv[0], &error)) {
        qCritical("libvips: %s", qPrintable(error));
        return 1;
    }
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       home.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.filePath(QStringLiteral("settings")));
    // The tests wait for runs; a warning from our own category means something went wrong.
    QLoggingCategory::setFilterRules(QStringLiteral("imgopt.gui.debug=false"));
    return QTest::qExec(test, argc, argv);
}

QStringList makeImages(const QString& dir, int count, int width, int height, const QString& ext) {
    QDir().mkpath(dir);
    QStringList files;
    for (int i = 0; i < count; ++i) {
        // Noise compresses like a photo, so encodes take real time (cancel and priority tests need that).
        vips::VImage noise = vips::VImage::gaussnoise(
            width, height, vips::VImage::option()->set("sigma", 40.0 + i)->set("mean", 128.0));
        vips::VImage rgb = noise.bandjoin({noise.rot180(), noise.flip(VIPS_DIRECTION_HORIZONTAL)})
                               .cast(VIPS_FORMAT_UCHAR)
                               .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
        const QString file = QStringLiteral("%1/img-%2.%3").arg(dir).arg(i, 3, 10, QLatin1Char('0')).arg(ext);
        rgb.write_to_file(QFile::encodeName(file).constData());
        files << file;
    }
    return files;
}

QString corpusDir() { return QStringLiteral(IMGOPT_CORPUS_DIR); }

bool corpusPresent() { return QFileInfo(corpusDir()).isDir(); }

QString copyCorpus(const QString& dest) {
    const QDir source(corpusDir());
    if (!source.exists()) return QStringLiteral("no corpus folder at %1").arg(source.path());
    int copied = 0;
    QDirIterator it(source.path(), QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = dest + QLatin1Char('/') + source.relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            return QStringLiteral("cannot create %1").arg(QFileInfo(target).absolutePath());
        }
        QFile in(file);
        if (!in.copy(target)) {
            return QStringLiteral("cannot copy %1 to %2: %3").arg(file, target, in.errorString());
        }
        // The corpus is read-only; the copy must not be, or the default output mode cannot write beside it.
        if (!QFile::setPermissions(target, QFile::permissions(target) | QFile::WriteOwner)) {
            return QStringLiteral("cannot make %1 writable").arg(target);
        }
        ++copied;
    }
    if (copied == 0) return QStringLiteral("the corpus folder %1 holds no files").arg(source.path());
    return {};
}

void dropPaths(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, &mime, Qt::LeftButton,
                          Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY2(enter.isAccepted(), "the window refused the drag");
    QDragMoveEvent move(pos, Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, &mime, Qt::LeftButton,
                        Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, &mime, Qt::LeftButton,
                    Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY2(drop.isAccepted(), "the window refused the drop");
}

QStringList filesStartingWith(const QString& dir, const QString& prefix) {
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (QFileInfo(file).fileName().startsWith(prefix)) found << file;
    }
    return found;
}

bool decodes(const QString& file, QString* error) {
    try {
        vips::VImage image = vips::VImage::new_from_file(
            QFile::encodeName(file).constData(), vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
        (void)image.avg();  // forces a decode of every pixel
        return true;
    } catch (const vips::VError& e) {
        if (error) *error = QString::fromUtf8(e.what());
        vips_error_clear();
        return false;
    }
}

}  // namespace imgopt::gui::test

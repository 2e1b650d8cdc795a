#pragma once
// Helpers for the GUI tests: an isolated settings location, generated images, a writable copy of the corpus,
// drops as a file manager sends them, and checks on written files.

#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

class QWidget;

namespace imgopt::gui::test {

// QApplication set-up for a test executable: offscreen-safe, libvips started, settings and standard paths
// redirected into a temporary folder so no test touches the user's configuration.
int runGuiTest(int argc, char** argv, QObject* test);

// Writes `count` noisy RGB images (`width` x `height`) named img-000.<ext>... into `dir`.
QStringList makeImages(const QString& dir, int count, int width, int height,
                       const QString& ext = QStringLiteral("png"));
// The shared test corpus, ../shared/corpus. It is optional: a user's clone has none.
QString corpusDir();
bool corpusPresent();
// Copies the corpus into `dest` (made writable). Returns "" or what went wrong; an absent corpus is an error
// here too, so a test skips on corpusPresent() first and fails on anything this returns.
QString copyCorpus(const QString& dest);

// Sends drag enter, drag move and drop events carrying file:// URLs, as a file manager does.
void dropPaths(QWidget* target, const QStringList& paths);

// Every file under `dir` (recursive) whose name starts with `prefix`.
QStringList filesStartingWith(const QString& dir, const QString& prefix);
// True when libvips decodes every pixel of `file`.
bool decodes(const QString& file, QString* error = nullptr);

}  // namespace imgopt::gui::test

#define IMGOPT_GUI_TEST_MAIN(TestClass)                          \
    int main(int argc, char** argv) {                            \
        TestClass test;                                          \
        return imgopt::gui::test::runGuiTest(argc, argv, &test); \
    }

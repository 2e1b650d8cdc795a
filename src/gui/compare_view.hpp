#pragma once
// CompareView: the original and its optimized output, to see what the saving cost. Three modes: a split
// with a divider to drag, side by side, and a difference heat map; zoom (fit, 100 %, 200 %, the wheel around
// the cursor) and pan are shared by every pane. It shows both sizes, the saving and the visual score, and
// steps through the finished files with the arrow keys (or Page Up / Page Down).
// Thread rules: GUI thread only; pictures are decoded by CompareLoader on worker threads.

#include <QDialog>
#include <QList>
#include <optional>

#include "gui/compare_canvas.hpp"
#include "gui/compare_loader.hpp"

class QAction;
class QLabel;
class QTimer;

namespace imgopt::gui {

class CompareViewport;

// One finished file: what the view compares and what it says about it.
struct CompareEntry {
    QString name;
    QString before;  // the original
    QString after;   // the output (the original itself when it was kept)
    std::uint64_t bytesBefore = 0;
    std::uint64_t bytesAfter = 0;
    std::optional<double> score;  // SSIM, with quality auto
    std::optional<int> quality;   // chosen by quality auto
    QString encoding;             // and how (TaskResult::chosenEncoding)
};

class CompareView : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Split, SideBySide, Difference };

    explicit CompareView(QWidget* parent = nullptr);

    void setEntries(QList<CompareEntry> entries, int current);
    int currentIndex() const { return current_; }
    int count() const { return int(entries_.size()); }
    const CompareEntry& entry(int index) const { return entries_[index]; }

    void setMode(Mode mode);
    Mode mode() const { return mode_; }

    CompareViewport* viewport() const { return viewport_; }
    // The left (or only) pane and the right pane of side by side.
    CompareCanvas* primaryCanvas() const { return primary_; }
    CompareCanvas* secondaryCanvas() const { return secondary_; }
    // The pictures on show; empty until the loader has answered.
    const std::optional<ComparePictures>& overview() const { return overview_; }
    const std::optional<ComparePictures>& detail() const { return detail_; }
    QString infoText() const;

public slots:
    void showEntry(int index);
    void showNext();
    void showPrevious();
    void zoomToFit();
    void zoomTo(double factor);

signals:
    // The current file's overview arrived (tests and the screenshot tool wait for it).
    void picturesShown();
    // Details for the part in view arrived.
    void detailShown();

private:
    void createActions();
    void buildLayout();
    void onPictures(const ComparePictures& pictures);
    void requestDetail();
    void refreshInfo();
    void updateCanvases();

    QList<CompareEntry> entries_;
    int current_ = -1;
    Mode mode_ = Mode::Split;
    CompareViewport* viewport_;
    CompareLoader* loader_;
    CompareCanvas* primary_;
    CompareCanvas* secondary_;
    QLabel* info_;
    QTimer* detailTimer_;
    std::optional<ComparePictures> overview_;
    std::optional<ComparePictures> detail_;
    QString status_;
    QAction* splitAction_ = nullptr;
    QAction* sideAction_ = nullptr;
    QAction* differenceAction_ = nullptr;
    QAction* previousAction_ = nullptr;
    QAction* nextAction_ = nullptr;
    QAction* fitAction_ = nullptr;
    QAction* actualAction_ = nullptr;
    QAction* doubleAction_ = nullptr;
};

}  // namespace imgopt::gui

#pragma once
// DropZone: what the queue area shows while the queue is empty: one large, bordered target with a drop glyph,
// "Drop images or folders here" and Add Files… / Add Folder… buttons (ui/drop_zone.ui). While a drag hovers
// over the window it shows whether the drop would be taken (accept) or not (reject). Colours come from the
// palette, so it reads right in light and dark themes. It does not handle drops itself: the window does, and
// tells it the drag state.
//
// Thread rules: GUI thread only.

#include <QWidget>
#include <memory>

class QPushButton;

namespace imgopt::gui {

namespace Ui {
class DropZone;
}

class DropZone : public QWidget {
    Q_OBJECT
public:
    enum class DragState { None, Accept, Reject };
    Q_ENUM(DragState)

    explicit DropZone(QWidget* parent = nullptr);
    ~DropZone() override;

    void setDragState(DragState state);
    DragState dragState() const { return state_; }
    QString title() const;
    QString hint() const;
    QPushButton* addFilesButton() const;
    QPushButton* addFolderButton() const;
    // The colour of the frame and the glyph in the current state and palette.
    QColor frameColor() const;

signals:
    void addFilesRequested();
    void addFolderRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateLook();

    std::unique_ptr<Ui::DropZone> ui_;
    DragState state_ = DragState::None;
};

}  // namespace imgopt::gui

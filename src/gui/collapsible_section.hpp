#pragma once
// A titled section that folds away, for settings most people never touch ("Advanced").

#include <QWidget>

class QToolButton;

namespace imgopt::gui {

class CollapsibleSection : public QWidget {
    Q_OBJECT
public:
    CollapsibleSection(const QString& title, QWidget* content, QWidget* parent = nullptr);
    bool isExpanded() const;
    void setExpanded(bool expanded);
    QToolButton* toggleButton() const { return toggle_; }

private:
    QToolButton* toggle_;
    QWidget* content_;
};

}  // namespace imgopt::gui

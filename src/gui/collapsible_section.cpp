#include "gui/collapsible_section.hpp"

#include <QToolButton>
#include <QVBoxLayout>

namespace imgopt::gui {

CollapsibleSection::CollapsibleSection(const QString& title, QWidget* content, QWidget* parent)
    : QWidget(parent), toggle_(new QToolButton(this)), content_(content) {
    toggle_->setText(title);
    toggle_->setCheckable(true);
    toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle_->setAutoRaise(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toggle_);
    layout->addWidget(content_);
    connect(toggle_, &QToolButton::toggled, this, &CollapsibleSection::setExpanded);
    setExpanded(false);
}

bool CollapsibleSection::isExpanded() const { return toggle_->isChecked(); }

void CollapsibleSection::setExpanded(bool expanded) {
    toggle_->setChecked(expanded);
    toggle_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    content_->setVisible(expanded);
}

}  // namespace imgopt::gui

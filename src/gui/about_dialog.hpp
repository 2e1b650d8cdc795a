#pragma once
// AboutDialog: Help > About, with the versions of ImgOpt, Qt and libvips.

#include <QDialog>

namespace imgopt::gui {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    static QString versionText();
};

}  // namespace imgopt::gui

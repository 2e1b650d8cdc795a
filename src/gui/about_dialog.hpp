#pragma once
// AboutDialog: Help > About (ui/about_dialog.ui), with the versions of ImgOpt, Qt and libvips.

#include <QDialog>
#include <memory>

namespace imgopt::gui {

namespace Ui {
class AboutDialog;
}

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    ~AboutDialog() override;
    static QString versionText();

private:
    std::unique_ptr<Ui::AboutDialog> ui_;
};

}  // namespace imgopt::gui

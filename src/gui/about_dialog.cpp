#include "gui/about_dialog.hpp"

#include <QApplication>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QStyle>

#include "imgopt/runtime.hpp"
#include "imgopt/version.hpp"
#include "ui_about_dialog.h"

namespace imgopt::gui {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent), ui_(std::make_unique<Ui::AboutDialog>()) {
    ui_->setupUi(this);
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize) * 2;
    ui_->iconLabel->setPixmap(QApplication::windowIcon().pixmap(size, size));
    // The text carries run-time versions, so it is set here rather than in the form.
    ui_->aboutText->setText(
        tr("<h2>ImgOpt %1</h2><p>Batch image optimizer: drop folders, watch them get smaller.</p>%2")
            .arg(QString::fromLatin1(kVersion),
                 versionText().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    connect(ui_->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::versionText() {
    return tr("ImgOpt %1\nQt %2 (built with %3)\nlibvips %4")
        .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QString::fromStdString(libvipsVersion()));
}

}  // namespace imgopt::gui

#include "gui/about_dialog.hpp"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

#include "imgopt/version.hpp"
#include "imgopt/vips_runtime.hpp"

namespace imgopt::gui {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About ImgOpt"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize) * 2;
    icon->setPixmap(QApplication::windowIcon().pixmap(size, size));
    top->addWidget(icon, 0, Qt::AlignTop);
    auto* text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setOpenExternalLinks(true);
    text->setText(tr("<h2>ImgOpt %1</h2><p>Batch image optimizer: drop folders, watch them get smaller.</p>%2")
                      .arg(QString::fromLatin1(kVersion), versionText().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    top->addWidget(text, 1);
    layout->addLayout(top);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::versionText() {
    return tr("ImgOpt %1\nQt %2 (built with %3)\nlibvips %4")
        .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QString::fromStdString(vipsVersion()));
}

}  // namespace imgopt::gui

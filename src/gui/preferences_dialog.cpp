#include "gui/preferences_dialog.hpp"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace imgopt::gui {

PreferencesDialog::PreferencesDialog(PresetStore store, std::function<Options()> currentOptions, QWidget* parent)
    : QDialog(parent), store_(std::move(store)), currentOptions_(std::move(currentOptions)),
      autoStart_(new QCheckBox(tr("&Start optimizing as soon as files are dropped"), this)),
      list_(new QListWidget(this)), save_(new QPushButton(tr("Save &Current Settings As…"), this)),
      apply_(new QPushButton(tr("&Apply"), this)), delete_(new QPushButton(tr("&Delete"), this)) {
    setWindowTitle(tr("Preferences"));
    auto* layout = new QVBoxLayout(this);

    auto* general = new QGroupBox(tr("General"), this);
    auto* generalLayout = new QVBoxLayout(general);
    autoStart_->setObjectName(QStringLiteral("autoStartCheck"));
    generalLayout->addWidget(autoStart_);
    layout->addWidget(general);

    auto* presets = new QGroupBox(tr("Presets"), this);
    auto* presetLayout = new QVBoxLayout(presets);
    auto* hint = new QLabel(tr("Presets are JSON files; the command line reads them with <tt>imgopt --preset FILE</tt>."),
                            presets);
    hint->setWordWrap(true);
    presetLayout->addWidget(hint);
    auto* row = new QHBoxLayout;
    list_->setObjectName(QStringLiteral("presetList"));
    row->addWidget(list_, 1);
    auto* buttons = new QVBoxLayout;
    auto* openFolder = new QPushButton(tr("Open &Folder"), presets);
    for (QPushButton* b : {save_, apply_, delete_, openFolder}) buttons->addWidget(b);
    buttons->addStretch(1);
    row->addLayout(buttons);
    presetLayout->addLayout(row);
    layout->addWidget(presets, 1);

    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(box);

    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(autoStart_, &QCheckBox::toggled, this, &PreferencesDialog::autoStartChanged);
    connect(list_, &QListWidget::currentRowChanged, this, &PreferencesDialog::updateButtons);
    connect(list_, &QListWidget::itemDoubleClicked, this, [this] { report(applyPreset(selectedName())); });
    connect(save_, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Preset"), tr("Preset &name:"), QLineEdit::Normal,
                                                   selectedName(), &ok);
        if (!ok) return;
        if (store_.names().contains(name.trimmed()) &&
            QMessageBox::question(this, tr("Save Preset"), tr("Replace the preset “%1”?").arg(name.trimmed())) !=
                QMessageBox::Yes) {
            return;
        }
        report(savePreset(name));
    });
    connect(apply_, &QPushButton::clicked, this, [this] { report(applyPreset(selectedName())); });
    connect(delete_, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        if (QMessageBox::question(this, tr("Delete Preset"), tr("Delete the preset “%1”?").arg(name)) ==
            QMessageBox::Yes) {
            report(deletePreset(name));
        }
    });
    connect(openFolder, &QPushButton::clicked, this, [this] {
        QDir().mkpath(store_.directory());
        QDesktopServices::openUrl(QUrl::fromLocalFile(store_.directory()));
    });
    reload();
}

void PreferencesDialog::setAutoStart(bool on) { autoStart_->setChecked(on); }
bool PreferencesDialog::autoStart() const { return autoStart_->isChecked(); }

QString PreferencesDialog::savePreset(const QString& name) {
    const QString error = store_.save(name, currentOptions_());
    if (error.isEmpty()) reload(name.trimmed());
    return error;
}

QString PreferencesDialog::applyPreset(const QString& name) {
    if (name.isEmpty()) return {};
    Options options;
    const QString error = store_.load(name, options);
    if (error.isEmpty()) emit presetApplied(options);
    return error;
}

QString PreferencesDialog::deletePreset(const QString& name) {
    const QString error = store_.remove(name);
    reload();
    return error;
}

void PreferencesDialog::reload(const QString& select) {
    list_->clear();
    list_->addItems(store_.names());
    const auto found = list_->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty()) list_->setCurrentItem(found.first());
    updateButtons();
}

QString PreferencesDialog::selectedName() const {
    return list_->currentItem() ? list_->currentItem()->text() : QString();
}

void PreferencesDialog::updateButtons() {
    const bool selected = list_->currentItem() != nullptr;
    apply_->setEnabled(selected);
    delete_->setEnabled(selected);
}

void PreferencesDialog::report(const QString& error) {
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Presets"), error);
}

}  // namespace imgopt::gui

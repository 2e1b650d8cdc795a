#include "gui/preferences_dialog.hpp"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

#include "ui_preferences_dialog.h"

namespace imgopt::gui {

PreferencesDialog::PreferencesDialog(PresetStore store, std::function<Options()> currentOptions,
                                     QWidget* parent)
    : QDialog(parent),
      store_(std::move(store)),
      currentOptions_(std::move(currentOptions)),
      ui_(std::make_unique<Ui::PreferencesDialog>()) {
    ui_->setupUi(this);
    connect(ui_->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(ui_->autoStartCheck, &QCheckBox::toggled, this, &PreferencesDialog::autoStartChanged);
    connect(ui_->presetList, &QListWidget::currentRowChanged, this, &PreferencesDialog::updateButtons);
    connect(ui_->presetList, &QListWidget::itemDoubleClicked, this,
            [this] { report(applyPreset(selectedName())); });
    connect(ui_->saveButton, &QPushButton::clicked, this, &PreferencesDialog::askAndSave);
    connect(ui_->applyButton, &QPushButton::clicked, this, [this] { report(applyPreset(selectedName())); });
    connect(ui_->deleteButton, &QPushButton::clicked, this, &PreferencesDialog::askAndDelete);
    connect(ui_->openFolderButton, &QPushButton::clicked, this, &PreferencesDialog::openFolder);
    reload();
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::setAutoStart(bool on) { ui_->autoStartCheck->setChecked(on); }
bool PreferencesDialog::autoStart() const { return ui_->autoStartCheck->isChecked(); }

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

void PreferencesDialog::askAndSave() {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Preset"), tr("Preset &name:"),
                                               QLineEdit::Normal, selectedName(), &ok);
    if (!ok) return;
    if (store_.names().contains(name.trimmed()) &&
        QMessageBox::question(this, tr("Save Preset"), tr("Replace the preset “%1”?").arg(name.trimmed())) !=
            QMessageBox::Yes) {
        return;
    }
    report(savePreset(name));
}

void PreferencesDialog::askAndDelete() {
    const QString name = selectedName();
    if (QMessageBox::question(this, tr("Delete Preset"), tr("Delete the preset “%1”?").arg(name)) ==
        QMessageBox::Yes) {
        report(deletePreset(name));
    }
}

void PreferencesDialog::openFolder() {
    QDir().mkpath(store_.directory());
    QDesktopServices::openUrl(QUrl::fromLocalFile(store_.directory()));
}

void PreferencesDialog::reload(const QString& select) {
    ui_->presetList->clear();
    ui_->presetList->addItems(store_.names());
    const auto found = ui_->presetList->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty()) ui_->presetList->setCurrentItem(found.first());
    updateButtons();
}

QString PreferencesDialog::selectedName() const {
    return ui_->presetList->currentItem() ? ui_->presetList->currentItem()->text() : QString();
}

void PreferencesDialog::updateButtons() {
    const bool selected = ui_->presetList->currentItem() != nullptr;
    ui_->applyButton->setEnabled(selected);
    ui_->deleteButton->setEnabled(selected);
}

void PreferencesDialog::report(const QString& error) {
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Presets"), error);
}

}  // namespace imgopt::gui

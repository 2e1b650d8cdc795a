#pragma once
// PreferencesDialog: Edit > Preferences / Presets (ui/preferences_dialog.ui). General behaviour (auto-start)
// and the named presets: save the current settings under a name, apply one, delete one.

#include <QDialog>
#include <functional>
#include <memory>

#include "gui/preset_store.hpp"

namespace imgopt::gui {

namespace Ui {
class PreferencesDialog;
}

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(PresetStore store, std::function<Options()> currentOptions, QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    void setAutoStart(bool on);
    bool autoStart() const;

    // Without dialogs, for the buttons and for tests. Each returns an error text or "".
    QString savePreset(const QString& name);
    QString applyPreset(const QString& name);
    QString deletePreset(const QString& name);
    QStringList presetNames() const { return store_.names(); }

signals:
    void autoStartChanged(bool on);
    void presetApplied(const imgopt::Options& options);

private:
    void askAndSave();
    void askAndDelete();
    void openFolder();
    void reload(const QString& select = {});
    QString selectedName() const;
    void updateButtons();
    void report(const QString& error);

    PresetStore store_;
    std::function<Options()> currentOptions_;
    std::unique_ptr<Ui::PreferencesDialog> ui_;
};

}  // namespace imgopt::gui

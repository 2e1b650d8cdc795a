#pragma once
// PreferencesDialog: Edit > Preferences / Presets. General behaviour (auto-start) and the named presets:
// save the current settings under a name, apply one, delete one.

#include <QDialog>
#include <functional>

#include "gui/preset_store.hpp"

class QCheckBox;
class QListWidget;
class QPushButton;

namespace imgopt::gui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(PresetStore store, std::function<Options()> currentOptions, QWidget* parent = nullptr);

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
    void reload(const QString& select = {});
    QString selectedName() const;
    void updateButtons();
    void report(const QString& error);

    PresetStore store_;
    std::function<Options()> currentOptions_;
    QCheckBox* autoStart_;
    QListWidget* list_;
    QPushButton* save_;
    QPushButton* apply_;
    QPushButton* delete_;
};

}  // namespace imgopt::gui

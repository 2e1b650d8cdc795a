#pragma once
// SettingsPanel: the run options as a form (ui/settings_panel.ui). It edits an Options value and emits
// changed(); it knows nothing about runs, QSettings or presets (MainWindow wires those).

#include <QWidget>
#include <array>
#include <memory>
#include <utility>

#include "imgopt/options.hpp"

class QCheckBox;
class QComboBox;
class QSlider;

namespace imgopt::gui {

namespace Ui {
class SettingsPanel;
}

class CollapsibleSection;
class QualitySpinBox;

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);
    ~SettingsPanel() override;

    Options options() const;
    // Shows `options` without asking for confirmations and without emitting changed().
    void setOptions(const Options& options);

    QComboBox* formatCombo() const;
    QSlider* qualitySlider() const;
    QCheckBox* autoQualityCheck() const;
    QComboBox* visualTargetCombo() const;
    QComboBox* outputModeCombo() const;

signals:
    void changed();

private:
    void wrapAdvancedSection();
    void fillCombos();
    void connectFields();
    void updateEnabled();
    std::array<std::pair<ImageFormat, QualitySpinBox*>, 4> perFormatSpins() const;
    void updateQualityLabel();
    void onOutputModeActivated(int index);
    void chooseOutputFolder();
    void emitChanged();

    std::unique_ptr<Ui::SettingsPanel> ui_;
    CollapsibleSection* advanced_ = nullptr;
    std::uint64_t loadedMaxPixels_ = 0;
    int lastOutputMode_ = 0;
    bool loading_ = false;
};

}  // namespace imgopt::gui

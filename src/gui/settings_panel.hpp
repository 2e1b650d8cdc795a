#pragma once
// SettingsPanel: the run options as a form. It edits an Options value and emits changed(); it knows nothing
// about runs, QSettings or presets (MainWindow wires those).

#include <QWidget>

#include "imgopt/options.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace imgopt::gui {

class CollapsibleSection;

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    Options options() const;
    // Shows `options` without asking for confirmations and without emitting changed().
    void setOptions(const Options& options);

    QComboBox* formatCombo() const { return format_; }
    QSlider* qualitySlider() const { return quality_; }
    QComboBox* outputModeCombo() const { return outputMode_; }

signals:
    void changed();

private:
    void buildForm();
    void updateEnabled();
    void updateQualityLabel();
    void onOutputModeActivated(int index);
    void chooseOutputFolder();
    void emitChanged();

    QComboBox* format_ = nullptr;
    QSlider* quality_ = nullptr;
    QLabel* qualityLabel_ = nullptr;
    CollapsibleSection* advanced_ = nullptr;
    QSpinBox* jpegQuality_ = nullptr;
    QSpinBox* pngQuality_ = nullptr;
    QSpinBox* webpQuality_ = nullptr;
    QSpinBox* avifQuality_ = nullptr;
    QSpinBox* maxMegapixels_ = nullptr;
    QCheckBox* includeHidden_ = nullptr;
    QComboBox* resizeMode_ = nullptr;
    QSpinBox* resizeSize_ = nullptr;
    QComboBox* metadata_ = nullptr;
    QCheckBox* keepDates_ = nullptr;
    QComboBox* outputMode_ = nullptr;
    QLineEdit* outputDir_ = nullptr;
    QPushButton* browse_ = nullptr;
    QWidget* outputDirRow_ = nullptr;
    QLineEdit* suffix_ = nullptr;
    QComboBox* conflict_ = nullptr;
    QCheckBox* neverBigger_ = nullptr;
    QSpinBox* jobs_ = nullptr;
    std::uint64_t loadedMaxPixels_ = 0;
    int lastOutputMode_ = 0;
    bool loading_ = false;
};

}  // namespace imgopt::gui

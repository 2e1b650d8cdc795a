#include "gui/settings_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <utility>

#include "gui/collapsible_section.hpp"
#include "gui/display_format.hpp"
#include "gui/quality_spin_box.hpp"
#include "ui_settings_panel.h"

namespace imgopt::gui {

namespace {
template <typename Enum>
void selectData(QComboBox* combo, Enum value) {
    const int i = combo->findData(int(value));
    combo->setCurrentIndex(i < 0 ? 0 : i);
}

template <typename Enum>
Enum currentEnum(const QComboBox* combo) {
    return Enum(combo->currentData().toInt());
}

template <typename Enum>
void addItems(QComboBox* combo, std::initializer_list<std::pair<QString, Enum>> items) {
    for (const auto& [text, value] : items) combo->addItem(text, int(value));
}

int megapixels(std::uint64_t pixels) { return int((pixels + 999'999ull) / 1'000'000ull); }
}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent), ui_(std::make_unique<Ui::SettingsPanel>()) {
    ui_->setupUi(this);
    wrapAdvancedSection();
    fillCombos();
    // The thread count is only known at run time, so this text cannot live in the form.
    ui_->jobsSpin->setSpecialValueText(tr("Automatic (%1)").arg(QThread::idealThreadCount()));
    connectFields();
    setOptions(Options{});
}

SettingsPanel::~SettingsPanel() = default;

QComboBox* SettingsPanel::formatCombo() const { return ui_->formatCombo; }
QSlider* SettingsPanel::qualitySlider() const { return ui_->qualitySlider; }
QCheckBox* SettingsPanel::autoQualityCheck() const { return ui_->autoQualityCheck; }
QComboBox* SettingsPanel::visualTargetCombo() const { return ui_->visualTargetCombo; }
QComboBox* SettingsPanel::outputModeCombo() const { return ui_->outputModeCombo; }

void SettingsPanel::wrapAdvancedSection() {
    // The form holds the Advanced settings as a plain page, so Designer shows and edits them like the rest.
    // CollapsibleSection takes its content in the constructor, which a promoted widget built by uic cannot
    // do, so the page is wrapped here and the section takes the page's place in the layout.
    const int at = ui_->outerLayout->indexOf(ui_->advancedContent);
    ui_->outerLayout->removeWidget(ui_->advancedContent);
    advanced_ = new CollapsibleSection(tr("Ad&vanced"), ui_->advancedContent, this);
    ui_->outerLayout->insertWidget(at, advanced_);
    // uic gives a layout on a plain child widget zero margins; the style's margins indent the fields under
    // the toggle.
    ui_->advancedForm->unsetContentsMargins();
    // The toggle is made after the form, so it would come last; it belongs before the fields it reveals.
    QWidget::setTabOrder(ui_->conflictCombo, advanced_->toggleButton());
    QWidget::setTabOrder(advanced_->toggleButton(), ui_->jpegQualitySpin);
}

void SettingsPanel::fillCombos() {
    // Each item carries its enum value as user data, which uic cannot set. So even the fixed lists are filled
    // here rather than being <item>s in the form: text and value sit side by side and cannot drift apart.
    // The format list comes from the registry; each item's data is the name presets and the CLI use.
    ui_->formatCombo->addItem(outputFormatText(std::nullopt), QStringLiteral("original"));
    for (ImageFormat f : conversionTargets())
        ui_->formatCombo->addItem(outputFormatText(f), latin1(formatInfo(f).name));
    addItems<ResizeMode>(ui_->resizeModeCombo, {{tr("Keep size"), ResizeMode::None},
                                                {tr("Width"), ResizeMode::Width},
                                                {tr("Height"), ResizeMode::Height},
                                                {tr("Long edge"), ResizeMode::LongEdge},
                                                {tr("Short edge"), ResizeMode::ShortEdge}});
    addItems<MetadataMode>(ui_->metadataCombo, {{tr("Strip all"), MetadataMode::None},
                                                {tr("Keep colour profile"), MetadataMode::Icc},
                                                {tr("Keep all"), MetadataMode::All}});
    addItems<OutputMode>(ui_->outputModeCombo,
                         {{tr("“optimized” subfolder"), OutputMode::OptimizedSubfolder},
                          {tr("Chosen folder (mirrors the tree)"), OutputMode::OutputDir},
                          {tr("Beside the original, with a suffix"), OutputMode::Suffix},
                          {tr("Replace the originals (in place)"), OutputMode::InPlace}});
    addItems<VisualTarget>(ui_->visualTargetCombo, {{tr("High: looks the same"), VisualTarget::High},
                                                    {tr("Balanced"), VisualTarget::Balanced},
                                                    {tr("Small"), VisualTarget::Small}});
    addItems<ConflictPolicy>(ui_->conflictCombo, {{tr("Add a number"), ConflictPolicy::Rename},
                                                  {tr("Overwrite"), ConflictPolicy::Overwrite},
                                                  {tr("Skip the file"), ConflictPolicy::Skip}});
}

void SettingsPanel::connectFields() {
    connect(ui_->qualitySlider, &QSlider::valueChanged, this, [this] {
        updateQualityLabel();
        emitChanged();
    });
    for (QSpinBox* spin : std::initializer_list<QSpinBox*>{
             ui_->jpegQualitySpin, ui_->pngQualitySpin, ui_->webpQualitySpin, ui_->avifQualitySpin,
             ui_->resizeSizeSpin, ui_->jobsSpin, ui_->maxMegapixelsSpin}) {
        connect(spin, &QSpinBox::valueChanged, this, &SettingsPanel::emitChanged);
    }
    for (QComboBox* combo : {ui_->formatCombo, ui_->resizeModeCombo, ui_->metadataCombo, ui_->conflictCombo,
                             ui_->outputModeCombo, ui_->visualTargetCombo}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsPanel::emitChanged);
    }
    connect(ui_->autoQualityCheck, &QCheckBox::toggled, this, [this] {
        updateQualityLabel();
        emitChanged();
    });
    for (QCheckBox* box : {ui_->keepDatesCheck, ui_->neverBiggerCheck, ui_->includeHiddenCheck}) {
        connect(box, &QCheckBox::toggled, this, &SettingsPanel::emitChanged);
    }
    for (QLineEdit* edit : {ui_->outputDirEdit, ui_->suffixEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &SettingsPanel::emitChanged);
    }
    connect(ui_->outputModeCombo, &QComboBox::activated, this, &SettingsPanel::onOutputModeActivated);
    connect(ui_->browseButton, &QPushButton::clicked, this, &SettingsPanel::chooseOutputFolder);
}

Options SettingsPanel::options() const {
    Options o;
    if (auto convertTo = parseOutputFormat(ui_->formatCombo->currentData().toString().toStdString()))
        o.convertTo = *convertTo;
    o.quality =
        ui_->autoQualityCheck->isChecked() ? Quality::automatic() : Quality(ui_->qualitySlider->value());
    o.visualTarget = currentEnum<VisualTarget>(ui_->visualTargetCombo);
    for (const auto& [format, spin] : perFormatSpins()) {
        // "Same as global" is no override, so the global quality applies.
        if (auto q = spin->quality()) o.formatQuality[format] = *q;
    }
    o.resize.mode = currentEnum<ResizeMode>(ui_->resizeModeCombo);
    o.resize.size = o.resize.mode == ResizeMode::None ? 0 : ui_->resizeSizeSpin->value();
    o.metadata = currentEnum<MetadataMode>(ui_->metadataCombo);
    o.keepDates = ui_->keepDatesCheck->isChecked();
    o.outputMode = currentEnum<OutputMode>(ui_->outputModeCombo);
    o.outputDir = std::filesystem::path(ui_->outputDirEdit->text().trimmed().toStdString());
    o.suffix = ui_->suffixEdit->text().toStdString();
    o.onConflict = currentEnum<ConflictPolicy>(ui_->conflictCombo);
    // In place an original is only ever replaced by a smaller file.
    o.allowLarger = o.outputMode != OutputMode::InPlace && !ui_->neverBiggerCheck->isChecked();
    // The spin box shows whole megapixels; an untouched value keeps the exact limit it was loaded with.
    o.maxPixels = ui_->maxMegapixelsSpin->value() == megapixels(loadedMaxPixels_)
                      ? loadedMaxPixels_
                      : std::uint64_t(ui_->maxMegapixelsSpin->value()) * 1'000'000ull;
    o.includeHidden = ui_->includeHiddenCheck->isChecked();
    o.jobs = ui_->jobsSpin->value();
    return o;
}

void SettingsPanel::setOptions(const Options& o) {
    loading_ = true;
    ui_->formatCombo->setCurrentIndex(
        std::max(0, ui_->formatCombo->findData(latin1(outputFormatName(o.convertTo)))));
    // An automatic setting keeps the slider where it was, so unticking Automatic returns to that number.
    if (!o.quality.isAuto()) ui_->qualitySlider->setValue(o.quality.value());
    ui_->autoQualityCheck->setChecked(o.quality.isAuto());
    selectData(ui_->visualTargetCombo, o.visualTarget);
    for (const auto& [format, spin] : perFormatSpins()) {
        const auto it = o.formatQuality.find(format);
        spin->setQuality(it == o.formatQuality.end() ? std::nullopt : std::optional<Quality>(it->second));
    }
    selectData(ui_->resizeModeCombo, o.resize.mode);
    if (o.resize.size > 0)
        ui_->resizeSizeSpin->setValue(o.resize.size);
    else if (o.resize.mode == ResizeMode::None)
        ui_->resizeSizeSpin->setValue(1920);
    selectData(ui_->metadataCombo, o.metadata);
    ui_->keepDatesCheck->setChecked(o.keepDates);
    selectData(ui_->outputModeCombo, o.outputMode);
    lastOutputMode_ = ui_->outputModeCombo->currentIndex();
    ui_->outputDirEdit->setText(QString::fromStdString(o.outputDir.string()));
    ui_->suffixEdit->setText(QString::fromStdString(o.suffix));
    selectData(ui_->conflictCombo, o.onConflict);
    ui_->neverBiggerCheck->setChecked(!o.allowLarger);
    loadedMaxPixels_ = o.maxPixels;
    ui_->maxMegapixelsSpin->setValue(megapixels(o.maxPixels));
    ui_->includeHiddenCheck->setChecked(o.includeHidden);
    ui_->jobsSpin->setValue(o.jobs);
    updateQualityLabel();
    updateEnabled();
    loading_ = false;
}

std::array<std::pair<ImageFormat, QualitySpinBox*>, 4> SettingsPanel::perFormatSpins() const {
    return {{{ImageFormat::Jpeg, ui_->jpegQualitySpin},
             {ImageFormat::Png, ui_->pngQualitySpin},
             {ImageFormat::Webp, ui_->webpQualitySpin},
             {ImageFormat::Avif, ui_->avifQualitySpin}}};
}

void SettingsPanel::updateEnabled() {
    ui_->resizeSizeSpin->setEnabled(currentEnum<ResizeMode>(ui_->resizeModeCombo) != ResizeMode::None);
    const bool automatic = ui_->autoQualityCheck->isChecked();
    ui_->qualitySlider->setEnabled(!automatic);
    // The target matters wherever a search runs: the global setting or any per-format Auto.
    bool anyAuto = automatic;
    for (const auto& [format, spin] : perFormatSpins())
        anyAuto = anyAuto || (spin->quality() && spin->quality()->isAuto());
    ui_->visualTargetCombo->setEnabled(anyAuto);
    const auto mode = currentEnum<OutputMode>(ui_->outputModeCombo);
    ui_->outputDirRow->setEnabled(mode == OutputMode::OutputDir);
    ui_->suffixEdit->setEnabled(mode == OutputMode::Suffix);
    ui_->neverBiggerCheck->setEnabled(mode != OutputMode::InPlace);
}

void SettingsPanel::updateQualityLabel() {
    ui_->qualityLabel->setText(ui_->autoQualityCheck->isChecked() ? tr("Auto · per image")
                                                                  : qualityText(ui_->qualitySlider->value()));
}

void SettingsPanel::onOutputModeActivated(int index) {
    if (currentEnum<OutputMode>(ui_->outputModeCombo) == OutputMode::InPlace && index != lastOutputMode_) {
        const auto answer =
            QMessageBox::warning(this, tr("Replace the originals?"),
                                 tr("Optimized files will replace the original files, and only when they are "
                                    "smaller. Each original "
                                    "goes to the Trash first; Edit > Undo Last Run puts them back."),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            ui_->outputModeCombo->setCurrentIndex(lastOutputMode_);
            return;
        }
    }
    lastOutputMode_ = index;
    if (currentEnum<OutputMode>(ui_->outputModeCombo) == OutputMode::OutputDir &&
        ui_->outputDirEdit->text().trimmed().isEmpty()) {
        chooseOutputFolder();
    }
}

void SettingsPanel::chooseOutputFolder() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Output Folder"), ui_->outputDirEdit->text());
    if (!dir.isEmpty()) ui_->outputDirEdit->setText(dir);
}

void SettingsPanel::emitChanged() {
    updateEnabled();
    if (!loading_) emit changed();
}

}  // namespace imgopt::gui

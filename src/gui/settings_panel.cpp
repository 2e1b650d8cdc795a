#include "gui/settings_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include "gui/collapsible_section.hpp"
#include "gui/display_format.hpp"

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

int megapixels(std::uint64_t pixels) { return int((pixels + 999'999ull) / 1'000'000ull); }

QSpinBox* formatQualitySpin(QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setRange(0, 100);
    // 0 is "no override": the map entry is left out and the global quality applies.
    spin->setSpecialValueText(SettingsPanel::tr("Same as global"));
    return spin;
}
}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
    buildForm();
    setOptions(Options{});
}

void SettingsPanel::buildForm() {
    auto* outer = new QVBoxLayout(this);

    auto* outputBox = new QGroupBox(tr("Output"), this);
    auto* form = new QFormLayout(outputBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    format_ = new QComboBox(outputBox);
    format_->setObjectName(QStringLiteral("formatCombo"));
    for (auto f : {OutputFormat::Original, OutputFormat::Jpeg, OutputFormat::Png, OutputFormat::Webp,
                   OutputFormat::Avif}) {
        format_->addItem(outputFormatText(f), int(f));
    }
    form->addRow(tr("&Format:"), format_);

    quality_ = new QSlider(Qt::Horizontal, outputBox);
    quality_->setObjectName(QStringLiteral("qualitySlider"));
    quality_->setRange(1, 100);
    quality_->setPageStep(5);
    qualityLabel_ = new QLabel(outputBox);
    qualityLabel_->setObjectName(QStringLiteral("qualityLabel"));
    auto* qualityBox = new QWidget(outputBox);
    auto* qualityLayout = new QVBoxLayout(qualityBox);
    qualityLayout->setContentsMargins(0, 0, 0, 0);
    qualityLayout->addWidget(quality_);
    qualityLayout->addWidget(qualityLabel_);
    form->addRow(tr("&Quality:"), qualityBox);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(qualityBox))) label->setBuddy(quality_);

    resizeMode_ = new QComboBox(outputBox);
    resizeMode_->addItem(tr("Keep size"), int(ResizeMode::None));
    resizeMode_->addItem(tr("Width"), int(ResizeMode::Width));
    resizeMode_->addItem(tr("Height"), int(ResizeMode::Height));
    resizeMode_->addItem(tr("Long edge"), int(ResizeMode::LongEdge));
    resizeMode_->addItem(tr("Short edge"), int(ResizeMode::ShortEdge));
    resizeSize_ = new QSpinBox(outputBox);
    resizeSize_->setRange(1, 65535);
    resizeSize_->setSuffix(tr(" px"));
    auto* resizeRow = new QWidget(outputBox);
    auto* resizeLayout = new QHBoxLayout(resizeRow);
    resizeLayout->setContentsMargins(0, 0, 0, 0);
    resizeLayout->addWidget(resizeMode_, 1);
    resizeLayout->addWidget(resizeSize_);
    form->addRow(tr("&Resize:"), resizeRow);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(resizeRow))) label->setBuddy(resizeMode_);

    metadata_ = new QComboBox(outputBox);
    metadata_->addItem(tr("Strip all"), int(MetadataMode::None));
    metadata_->addItem(tr("Keep colour profile"), int(MetadataMode::Icc));
    metadata_->addItem(tr("Keep all"), int(MetadataMode::All));
    form->addRow(tr("&Metadata:"), metadata_);

    keepDates_ = new QCheckBox(tr("Keep file &dates"), outputBox);
    form->addRow(keepDates_);
    neverBigger_ = new QCheckBox(tr("&Never make a file bigger"), outputBox);
    neverBigger_->setToolTip(tr("When the optimized file would be larger, keep the original instead."));
    form->addRow(neverBigger_);
    outer->addWidget(outputBox);

    auto* whereBox = new QGroupBox(tr("Destination"), this);
    auto* where = new QFormLayout(whereBox);
    where->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    outputMode_ = new QComboBox(whereBox);
    outputMode_->setObjectName(QStringLiteral("outputModeCombo"));
    outputMode_->addItem(tr("“optimized” subfolder"), int(OutputMode::OptimizedSubfolder));
    outputMode_->addItem(tr("Chosen folder (mirrors the tree)"), int(OutputMode::OutputDir));
    outputMode_->addItem(tr("Beside the original, with a suffix"), int(OutputMode::Suffix));
    outputMode_->addItem(tr("Replace the originals (in place)"), int(OutputMode::InPlace));
    where->addRow(tr("&Save to:"), outputMode_);

    outputDirRow_ = new QWidget(whereBox);
    auto* dirLayout = new QHBoxLayout(outputDirRow_);
    dirLayout->setContentsMargins(0, 0, 0, 0);
    outputDir_ = new QLineEdit(outputDirRow_);
    outputDir_->setPlaceholderText(tr("Choose a folder…"));
    browse_ = new QPushButton(tr("&Browse…"), outputDirRow_);
    dirLayout->addWidget(outputDir_, 1);
    dirLayout->addWidget(browse_);
    where->addRow(tr("F&older:"), outputDirRow_);
    if (auto* label = qobject_cast<QLabel*>(where->labelForField(outputDirRow_))) label->setBuddy(outputDir_);

    suffix_ = new QLineEdit(whereBox);
    where->addRow(tr("Su&ffix:"), suffix_);

    conflict_ = new QComboBox(whereBox);
    conflict_->addItem(tr("Add a number"), int(ConflictPolicy::Rename));
    conflict_->addItem(tr("Overwrite"), int(ConflictPolicy::Overwrite));
    conflict_->addItem(tr("Skip the file"), int(ConflictPolicy::Skip));
    where->addRow(tr("If the output e&xists:"), conflict_);
    outer->addWidget(whereBox);

    auto* advancedContent = new QWidget(this);
    auto* adv = new QFormLayout(advancedContent);
    adv->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    jpegQuality_ = formatQualitySpin(advancedContent);
    pngQuality_ = formatQualitySpin(advancedContent);
    webpQuality_ = formatQualitySpin(advancedContent);
    avifQuality_ = formatQualitySpin(advancedContent);
    adv->addRow(tr("&JPEG quality:"), jpegQuality_);
    adv->addRow(tr("&PNG quality:"), pngQuality_);
    adv->addRow(tr("&WebP quality:"), webpQuality_);
    adv->addRow(tr("&AVIF quality:"), avifQuality_);
    jobs_ = new QSpinBox(advancedContent);
    jobs_->setRange(0, 256);
    jobs_->setSpecialValueText(tr("Automatic (%1)").arg(QThread::idealThreadCount()));
    adv->addRow(tr("Parallel &jobs:"), jobs_);
    maxMegapixels_ = new QSpinBox(advancedContent);
    maxMegapixels_->setRange(1, 100000);
    maxMegapixels_->setSuffix(tr(" MP"));
    maxMegapixels_->setToolTip(tr("Larger images are refused before decoding (decompression bombs)."));
    adv->addRow(tr("Pi&xel limit:"), maxMegapixels_);
    includeHidden_ = new QCheckBox(tr("Include &hidden files"), advancedContent);
    adv->addRow(includeHidden_);
    advanced_ = new CollapsibleSection(tr("Ad&vanced"), advancedContent, this);
    outer->addWidget(advanced_);
    outer->addStretch(1);

    connect(format_, &QComboBox::currentIndexChanged, this, &SettingsPanel::emitChanged);
    connect(quality_, &QSlider::valueChanged, this, [this] {
        updateQualityLabel();
        emitChanged();
    });
    for (QSpinBox* spin : {jpegQuality_, pngQuality_, webpQuality_, avifQuality_, resizeSize_, jobs_, maxMegapixels_}) {
        connect(spin, &QSpinBox::valueChanged, this, &SettingsPanel::emitChanged);
    }
    for (QComboBox* combo : {resizeMode_, metadata_, conflict_, outputMode_}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsPanel::emitChanged);
    }
    for (QCheckBox* box : {keepDates_, neverBigger_, includeHidden_}) {
        connect(box, &QCheckBox::toggled, this, &SettingsPanel::emitChanged);
    }
    for (QLineEdit* edit : {outputDir_, suffix_}) {
        connect(edit, &QLineEdit::textChanged, this, &SettingsPanel::emitChanged);
    }
    connect(outputMode_, &QComboBox::activated, this, &SettingsPanel::onOutputModeActivated);
    connect(browse_, &QPushButton::clicked, this, &SettingsPanel::chooseOutputFolder);
}

Options SettingsPanel::options() const {
    Options o;
    o.format = currentEnum<OutputFormat>(format_);
    o.quality = quality_->value();
    const std::pair<ImageFormat, QSpinBox*> perFormat[] = {
        {ImageFormat::Jpeg, jpegQuality_}, {ImageFormat::Png, pngQuality_},
        {ImageFormat::Webp, webpQuality_}, {ImageFormat::Avif, avifQuality_}};
    for (const auto& [format, spin] : perFormat) {
        if (spin->value() > 0) o.formatQuality[format] = spin->value();
    }
    o.resize.mode = currentEnum<ResizeMode>(resizeMode_);
    o.resize.size = o.resize.mode == ResizeMode::None ? 0 : resizeSize_->value();
    o.metadata = currentEnum<MetadataMode>(metadata_);
    o.keepDates = keepDates_->isChecked();
    o.outputMode = currentEnum<OutputMode>(outputMode_);
    o.outputDir = std::filesystem::path(outputDir_->text().trimmed().toStdString());
    o.suffix = suffix_->text().toStdString();
    o.onConflict = currentEnum<ConflictPolicy>(conflict_);
    o.allowLarger = !neverBigger_->isChecked();
    // The spin box shows whole megapixels; an untouched value keeps the exact limit it was loaded with.
    o.maxPixels = maxMegapixels_->value() == megapixels(loadedMaxPixels_)
                      ? loadedMaxPixels_
                      : std::uint64_t(maxMegapixels_->value()) * 1'000'000ull;
    o.includeHidden = includeHidden_->isChecked();
    o.jobs = jobs_->value();
    return o;
}

void SettingsPanel::setOptions(const Options& o) {
    loading_ = true;
    selectData(format_, o.format);
    quality_->setValue(o.quality);
    auto quality = [&](ImageFormat f) {
        const auto it = o.formatQuality.find(f);
        return it == o.formatQuality.end() ? 0 : it->second;
    };
    jpegQuality_->setValue(quality(ImageFormat::Jpeg));
    pngQuality_->setValue(quality(ImageFormat::Png));
    webpQuality_->setValue(quality(ImageFormat::Webp));
    avifQuality_->setValue(quality(ImageFormat::Avif));
    selectData(resizeMode_, o.resize.mode);
    if (o.resize.size > 0) resizeSize_->setValue(o.resize.size);
    else if (o.resize.mode == ResizeMode::None) resizeSize_->setValue(1920);
    selectData(metadata_, o.metadata);
    keepDates_->setChecked(o.keepDates);
    selectData(outputMode_, o.outputMode);
    lastOutputMode_ = outputMode_->currentIndex();
    outputDir_->setText(QString::fromStdString(o.outputDir.string()));
    suffix_->setText(QString::fromStdString(o.suffix));
    selectData(conflict_, o.onConflict);
    neverBigger_->setChecked(!o.allowLarger);
    loadedMaxPixels_ = o.maxPixels;
    maxMegapixels_->setValue(megapixels(o.maxPixels));
    includeHidden_->setChecked(o.includeHidden);
    jobs_->setValue(o.jobs);
    updateQualityLabel();
    updateEnabled();
    loading_ = false;
}

void SettingsPanel::updateEnabled() {
    resizeSize_->setEnabled(currentEnum<ResizeMode>(resizeMode_) != ResizeMode::None);
    const auto mode = currentEnum<OutputMode>(outputMode_);
    outputDirRow_->setEnabled(mode == OutputMode::OutputDir);
    suffix_->setEnabled(mode == OutputMode::Suffix);
}

void SettingsPanel::updateQualityLabel() { qualityLabel_->setText(qualityText(quality_->value())); }

void SettingsPanel::onOutputModeActivated(int index) {
    if (currentEnum<OutputMode>(outputMode_) == OutputMode::InPlace && index != lastOutputMode_) {
        const auto answer = QMessageBox::warning(
            this, tr("Replace the originals?"),
            tr("Optimized files will replace the original files. The originals cannot be recovered.\n\n"
               "Use this mode only on copies or with a backup."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            outputMode_->setCurrentIndex(lastOutputMode_);
            return;
        }
    }
    lastOutputMode_ = index;
    if (currentEnum<OutputMode>(outputMode_) == OutputMode::OutputDir && outputDir_->text().trimmed().isEmpty()) {
        chooseOutputFolder();
    }
}

void SettingsPanel::chooseOutputFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Output Folder"), outputDir_->text());
    if (!dir.isEmpty()) outputDir_->setText(dir);
}

void SettingsPanel::emitChanged() {
    updateEnabled();
    if (!loading_) emit changed();
}

}  // namespace imgopt::gui

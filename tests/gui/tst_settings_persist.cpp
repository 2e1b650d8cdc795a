// Settings survive closing and reopening the main window; presets round-trip through their JSON files.

#include <QCheckBox>
#include <QComboBox>
#include <QSlider>

#include "gui/main_window.hpp"
#include "gui/preferences_dialog.hpp"
#include "gui/preset_store.hpp"
#include "gui/settings_panel.hpp"
#include "gui_test_support.hpp"
#include "imgopt/preset.hpp"

using namespace imgopt::gui;

class SettingsPersistTest : public QObject {
    Q_OBJECT
private slots:
    void settingsSurviveRestart();
    void automaticQualitySurvivesRestart();
    void presetsRoundTrip();
    void presetFileIsReadableByTheCore();
};

void SettingsPersistTest::settingsSurviveRestart() {
    imgopt::Options chosen;
    {
        auto window = std::make_unique<MainWindow>();
        SettingsPanel* panel = window->settingsPanel();
        // Through the widgets, as a user would.
        QComboBox* format = panel->formatCombo();
        format->setCurrentIndex(format->findData(QStringLiteral("webp")));
        QVERIFY(format->currentIndex() > 0);
        panel->qualitySlider()->setValue(55);
        imgopt::Options o = panel->options();
        o.resize = {imgopt::ResizeMode::LongEdge, 1600};
        o.metadata = imgopt::MetadataMode::None;
        o.keepDates = true;
        o.outputMode = imgopt::OutputMode::Suffix;
        o.suffix = "-small";
        o.onConflict = imgopt::ConflictPolicy::Skip;
        o.allowLarger = true;
        o.jobs = 1;
        o.formatQuality[imgopt::ImageFormat::Avif] = 42;
        panel->setOptions(o);
        chosen = panel->options();
        QVERIFY(chosen.convertTo == imgopt::ImageFormat::Webp);
        QVERIFY(chosen.quality == imgopt::Quality(55));
        window->setAutoStart(false);
    }  // destroyed: settings written
    MainWindow reopened;
    const imgopt::Options restored = reopened.settingsPanel()->options();
    QVERIFY(restored.convertTo == imgopt::ImageFormat::Webp);
    QVERIFY(restored.quality == imgopt::Quality(55));
    QVERIFY(restored.resize == (imgopt::Resize{imgopt::ResizeMode::LongEdge, 1600}));
    QVERIFY(restored.metadata == imgopt::MetadataMode::None);
    QVERIFY(restored.keepDates);
    QVERIFY(restored.outputMode == imgopt::OutputMode::Suffix);
    QCOMPARE(restored.suffix, std::string("-small"));
    QVERIFY(restored.onConflict == imgopt::ConflictPolicy::Skip);
    QVERIFY(restored.allowLarger);
    QCOMPARE(restored.jobs, 1);
    QVERIFY(restored.formatQuality.at(imgopt::ImageFormat::Avif) == imgopt::Quality(42));
    QVERIFY(restored == chosen);
    QVERIFY(!reopened.autoStart());
    QCOMPARE(reopened.settingsPanel()->qualitySlider()->value(), 55);
    reopened.setAutoStart(true);
}

void SettingsPersistTest::automaticQualitySurvivesRestart() {
    imgopt::Options chosen;
    {
        MainWindow window;
        SettingsPanel* panel = window.settingsPanel();
        panel->qualitySlider()->setValue(72);
        QVERIFY(!panel->visualTargetCombo()->isEnabled());
        panel->autoQualityCheck()->setChecked(true);
        QVERIFY(!panel->qualitySlider()->isEnabled());
        QVERIFY(panel->visualTargetCombo()->isEnabled());
        QComboBox* target = panel->visualTargetCombo();
        target->setCurrentIndex(target->findData(int(imgopt::VisualTarget::Balanced)));
        imgopt::Options o = panel->options();
        QVERIFY(o.quality.isAuto());
        QVERIFY(o.visualTarget == imgopt::VisualTarget::Balanced);
        o.formatQuality[imgopt::ImageFormat::Png] = imgopt::Quality::automatic();
        o.formatQuality[imgopt::ImageFormat::Webp] = 64;
        panel->setOptions(o);
        chosen = panel->options();
        QVERIFY(chosen == o);
        // Unticking Automatic returns to the number the slider last held, and ticking it again to auto.
        panel->autoQualityCheck()->setChecked(false);
        QVERIFY(panel->options().quality == imgopt::Quality(72));
        panel->autoQualityCheck()->setChecked(true);
    }
    MainWindow reopened;
    SettingsPanel* panel = reopened.settingsPanel();
    QVERIFY(panel->options() == chosen);
    QVERIFY(panel->autoQualityCheck()->isChecked());
}

void SettingsPersistTest::presetsRoundTrip() {
    QTemporaryDir tmp;
    PresetStore store(tmp.filePath(QStringLiteral("presets")));
    imgopt::Options web;
    web.convertTo = imgopt::ImageFormat::Webp;
    web.quality = 70;
    web.resize = {imgopt::ResizeMode::Width, 1200};
    imgopt::Options current = web;
    PreferencesDialog dialog(store, [&] { return current; });
    std::vector<imgopt::Options> applied;
    connect(&dialog, &PreferencesDialog::presetApplied, this,
            [&](const imgopt::Options& o) { applied.push_back(o); });
    QCOMPARE(dialog.savePreset(QStringLiteral("Web")), QString());
    QVERIFY(!dialog.savePreset(QStringLiteral("../escape")).isEmpty());
    QCOMPARE(dialog.presetNames(), QStringList{QStringLiteral("Web")});
    QCOMPARE(dialog.applyPreset(QStringLiteral("Web")), QString());
    QCOMPARE(applied.size(), std::size_t(1));
    QVERIFY(applied.front() == web);
    QCOMPARE(dialog.deletePreset(QStringLiteral("Web")), QString());
    QVERIFY(dialog.presetNames().isEmpty());
}

void SettingsPersistTest::presetFileIsReadableByTheCore() {
    // The CLI's --preset reads the same file with the core's loader.
    QTemporaryDir tmp;
    PresetStore store(tmp.path());
    imgopt::Options o;
    o.convertTo = imgopt::ImageFormat::Avif;
    o.quality = 60;
    QCOMPARE(store.save(QStringLiteral("Small AVIF"), o), QString());
    const auto loaded =
        imgopt::loadPreset(store.filePath(QStringLiteral("Small AVIF")).toStdString(), imgopt::Options{});
    QVERIFY2(loaded.has_value(), loaded ? "" : loaded.error().message.c_str());
    QVERIFY(*loaded == o);
}

IMGOPT_GUI_TEST_MAIN(SettingsPersistTest)
#include "tst_settings_persist.moc"

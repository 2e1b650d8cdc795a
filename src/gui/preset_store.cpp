#include "gui/preset_store.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "imgopt/preset.hpp"

namespace imgopt::gui {

namespace {
struct PresetStoreText {
    Q_DECLARE_TR_FUNCTIONS(imgopt::gui::PresetStore)
};
const QString kSuffix = QStringLiteral(".json");

std::filesystem::path toPath(const QString& s) { return std::filesystem::path(s.toStdString()); }
}  // namespace

PresetStore::PresetStore(QString directory) : directory_(std::move(directory)) {}

QString PresetStore::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/presets");
}

QStringList PresetStore::names() const {
    QStringList result;
    const auto files = QDir(directory_).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& f : files) result << f.left(f.size() - kSuffix.size());
    return result;
}

QString PresetStore::filePath(const QString& name) const {
    return directory_ + QLatin1Char('/') + name + kSuffix;
}

QString PresetStore::validateName(const QString& name) {
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) return PresetStoreText::tr("A preset needs a name.");
    if (trimmed.contains(QLatin1Char('/')) || trimmed.contains(QLatin1Char('\\')) ||
        trimmed.startsWith(QLatin1Char('.'))) {
        return PresetStoreText::tr("A preset name cannot contain slashes or start with a dot.");
    }
    return {};
}

QString PresetStore::save(const QString& name, const Options& options) const {
    if (QString error = validateName(name); !error.isEmpty()) return error;
    if (!QDir().mkpath(directory_))
        return PresetStoreText::tr("Cannot create the folder %1.").arg(directory_);
    const auto saved = savePreset(toPath(filePath(name.trimmed())), options);
    return saved ? QString() : QString::fromStdString(saved.error().message);
}

QString PresetStore::load(const QString& name, Options& options) const {
    // Presets apply on top of the defaults, so a preset written by an older version still means the same.
    auto loaded = loadPreset(toPath(filePath(name)), Options{});
    if (!loaded) return QString::fromStdString(loaded.error().message);
    options = *loaded;
    return {};
}

QString PresetStore::remove(const QString& name) const {
    if (!QFile::remove(filePath(name))) return PresetStoreText::tr("Cannot delete the preset %1.").arg(name);
    return {};
}

}  // namespace imgopt::gui

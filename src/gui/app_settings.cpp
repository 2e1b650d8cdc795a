#include "gui/app_settings.hpp"

#include <QDir>

#include "gui/gui_log.hpp"
#include "imgopt/preset.hpp"

namespace imgopt::gui {

namespace {
const QString kOptions = QStringLiteral("run/options");
const QString kAutoStart = QStringLiteral("general/autoStart");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kMetricsHeight = QStringLiteral("window/metricsHeight");
const QString kLastFolder = QStringLiteral("general/lastFolder");
}  // namespace

AppSettings::AppSettings() = default;

Options AppSettings::options() const {
    Options options;
    const QString json = settings_.value(kOptions).toString();
    if (json.isEmpty()) return options;
    auto parsed = optionsFromJson(json.toStdString(), options);
    if (!parsed) {
        // A settings file from a newer or hand-edited version: fall back to defaults rather than half-apply.
        qCWarning(lcGui) << "ignoring stored options:" << QString::fromStdString(parsed.error().message);
        return options;
    }
    return *parsed;
}

void AppSettings::setOptions(const Options& options) {
    settings_.setValue(kOptions, QString::fromStdString(optionsToJson(options)));
}

bool AppSettings::autoStart() const { return settings_.value(kAutoStart, true).toBool(); }
void AppSettings::setAutoStart(bool on) { settings_.setValue(kAutoStart, on); }

QByteArray AppSettings::windowGeometry() const { return settings_.value(kGeometry).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray& geometry) { settings_.setValue(kGeometry, geometry); }
QByteArray AppSettings::windowState() const { return settings_.value(kState).toByteArray(); }
void AppSettings::setWindowState(const QByteArray& state) { settings_.setValue(kState, state); }

int AppSettings::metricsHeight() const { return settings_.value(kMetricsHeight, 0).toInt(); }
void AppSettings::setMetricsHeight(int height) { settings_.setValue(kMetricsHeight, height); }

QString AppSettings::lastFolder() const { return settings_.value(kLastFolder, QDir::homePath()).toString(); }
void AppSettings::setLastFolder(const QString& folder) { settings_.setValue(kLastFolder, folder); }

}  // namespace imgopt::gui

#pragma once
// AppSettings: what the GUI remembers between sessions, through QSettings. The engine Options are stored as
// the same JSON a preset file holds, so there is one serialisation of Options (the core's), not two.

#include <QByteArray>
#include <QSettings>
#include <QString>

#include "imgopt/options.hpp"

namespace imgopt::gui {

class AppSettings {
public:
    AppSettings();

    Options options() const;
    void setOptions(const Options& options);

    bool autoStart() const;  // start a run as soon as files are dropped
    void setAutoStart(bool on);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    // The metrics dock's height while it shows charts, as the user last left it; 0 before that.
    int metricsHeight() const;
    void setMetricsHeight(int height);

    QString lastFolder() const;  // where the file dialogs open
    void setLastFolder(const QString& folder);

    void sync() { settings_.sync(); }

private:
    QSettings settings_;
};

}  // namespace imgopt::gui

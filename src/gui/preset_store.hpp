#pragma once
// PresetStore: named presets, one JSON file per preset (<name>.json) in a folder, by default
// QStandardPaths::AppConfigLocation/presets. The files are what `imgopt --preset FILE` reads.

#include <QString>
#include <QStringList>

#include "imgopt/options.hpp"

namespace imgopt::gui {

class PresetStore {
public:
    explicit PresetStore(QString directory = defaultDirectory());
    static QString defaultDirectory();

    const QString& directory() const { return directory_; }
    QStringList names() const;  // sorted, without ".json"
    QString filePath(const QString& name) const;
    // Each returns an error text, or an empty string on success.
    QString save(const QString& name, const Options& options) const;
    QString load(const QString& name, Options& options) const;
    QString remove(const QString& name) const;
    static QString validateName(const QString& name);

private:
    QString directory_;
};

}  // namespace imgopt::gui

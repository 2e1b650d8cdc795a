#pragma once
// How numbers, durations, formats and statuses are shown. One place, so the table, the progress line, the
// summary and the metrics panel agree (and translate once).

#include <QString>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "imgopt/format.hpp"
#include "imgopt/options.hpp"
#include "imgopt/progress.hpp"
#include "imgopt/task.hpp"

namespace imgopt::gui {

// A registry name or other ASCII text from the core.
inline QString latin1(std::string_view s) { return QString::fromLatin1(s.data(), qsizetype(s.size())); }
// The core's SI sizes (imgopt::formatBytes) with the locale's decimal separator.
QString formatBytes(std::uint64_t bytes);
QString formatSignedBytes(std::int64_t bytes);
QString formatSeconds(double seconds);   // "0.42 s", "12.3 s"
QString formatDuration(double seconds);  // "1:05", "1:02:03" for an ETA (the core's format)
QString formatName(ImageFormat format);  // the registry's display name: "JPEG", "WebP", ...
QString statusText(TaskStatus status);
// "Same as input" for no conversion, else the registry's display name.
QString outputFormatText(const std::optional<ImageFormat>& convertTo);
QString qualityText(int quality);  // "85 · Excellent"
// The core's TaskResult::chosenEncoding in words: "near-lossless" -> "near-lossless truecolour".
QString encodingText(const QString& encoding);
// A result's error in words, plus where in this app the setting that changes the outcome lives.
QString errorText(const TaskResult& result);
// A two-column name/value table as rich text, for the summary and metrics figures.
QString figuresTableHtml(std::span<const std::pair<QString, QString>> rows);

}  // namespace imgopt::gui

#pragma once
// How numbers, durations, formats and statuses are shown. One place, so the table, the progress line, the
// summary and the metrics panel agree (and translate once).

#include <QString>
#include <cstdint>
#include <span>
#include <utility>

#include "imgopt/format.hpp"
#include "imgopt/options.hpp"
#include "imgopt/task.hpp"

namespace imgopt::gui {

QString formatBytes(std::uint64_t bytes);
QString formatSignedBytes(std::int64_t bytes);
QString formatSeconds(double seconds);   // "0.42 s", "12.3 s"
QString formatDuration(double seconds);  // "1:05", "1:02:03" for an ETA
QString formatName(ImageFormat format);  // "JPEG", "PNG", ...
QString statusText(TaskStatus status);
QString outputFormatText(OutputFormat format);
QString qualityText(int quality);        // "85 · Excellent"
// Percentage saved, from sizes; 0 when nothing was read.
double savingPercent(std::uint64_t before, std::uint64_t after);
// A two-column name/value table as rich text, for the summary and metrics figures.
QString figuresTableHtml(std::span<const std::pair<QString, QString>> rows);

}  // namespace imgopt::gui

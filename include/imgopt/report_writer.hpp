#pragma once
// Report writers: JSON (the reference format, see docs/report-format.md), CSV (one row per file),
// Markdown and a self-contained HTML page with inline SVG charts. Pure functions of a RunReport.

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>

#include "imgopt/report.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

enum class ReportFormat { Json, Csv, Markdown, Html };

// By extension: .json .csv .md/.markdown .html/.htm; an error names the accepted ones.
Expected<ReportFormat> reportFormatFromPath(const std::filesystem::path& path);

// The Markdown and HTML reports list every file up to this many; a larger report lists the files that failed
// (up to this many) and points to the JSON and CSV reports, which always list every file.
inline constexpr std::size_t kListedFiles = 5000;

// JSON and CSV are written one row at a time, so a report of any size is never held whole in memory.
void writeJson(const RunReport& report, std::ostream& out);
void writeCsv(const RunReport& report, std::ostream& out);
void writeReport(const RunReport& report, ReportFormat format, std::ostream& out);

std::string reportToJson(const RunReport& report);
std::string reportToCsv(const RunReport& report);
std::string reportToMarkdown(const RunReport& report);
std::string reportToHtml(const RunReport& report);

// Writes atomically (temporary file + rename), in the format the extension names.
Status writeReport(const RunReport& report, const std::filesystem::path& path);

}  // namespace imgopt

#pragma once
// Report writers: JSON (the reference format, see docs/report-format.md), CSV (one row per file),
// Markdown and a self-contained HTML page with inline SVG charts. Pure functions of a RunReport.

#include <filesystem>
#include <string>

#include "imgopt/report.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

enum class ReportFormat { Json, Csv, Markdown, Html };

// By extension: .json .csv .md/.markdown .html/.htm; an error names the accepted ones.
Expected<ReportFormat> reportFormatFromPath(const std::filesystem::path& path);

std::string reportToJson(const RunReport& report);
std::string reportToCsv(const RunReport& report);
std::string reportToMarkdown(const RunReport& report);
std::string reportToHtml(const RunReport& report);

// Writes atomically (temporary file + rename), in the format the extension names.
Status writeReport(const RunReport& report, const std::filesystem::path& path);

}  // namespace imgopt

#pragma once
// Report writers: JSON (the reference format, see docs/report-format.md), CSV (one row per file),
// Markdown and a self-contained HTML page with inline SVG charts. Pure functions of a RunReport.

#include <filesystem>
#include <string>

#include "imgopt/report.hpp"

namespace imgopt {

enum class ReportFormat { Json, Csv, Markdown, Html };

// By extension: .json .csv .md .html/.htm. Returns false for anything else.
bool reportFormatFromPath(const std::filesystem::path& path, ReportFormat* format);

std::string reportToJson(const RunReport& report);
std::string reportToCsv(const RunReport& report);
std::string reportToMarkdown(const RunReport& report);
std::string reportToHtml(const RunReport& report);

// Writes atomically (temp file + rename). Returns an error text or "".
std::string writeReport(const RunReport& report, const std::filesystem::path& path);

}  // namespace imgopt

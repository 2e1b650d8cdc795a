#include "imgopt/report_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "safe_writer.hpp"

namespace imgopt {

Expected<ReportFormat> reportFormatFromPath(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".json") return ReportFormat::Json;
    if (ext == ".csv") return ReportFormat::Csv;
    if (ext == ".md" || ext == ".markdown") return ReportFormat::Markdown;
    if (ext == ".html" || ext == ".htm") return ReportFormat::Html;
    return fail(
        ErrorCode::InvalidSettings,
        fmt::format("unknown report type \"{}\" (use .json, .csv, .md or .html)", path.filename().string()));
}

Status writeReport(const RunReport& report, const std::filesystem::path& path) {
    const auto format = reportFormatFromPath(path);
    if (!format) return Unexpected(format.error());
    std::string text;
    switch (*format) {
        case ReportFormat::Json:
            text = reportToJson(report);
            break;
        case ReportFormat::Csv:
            text = reportToCsv(report);
            break;
        case ReportFormat::Markdown:
            text = reportToMarkdown(report);
            break;
        case ReportFormat::Html:
            text = reportToHtml(report);
            break;
    }
    const auto absolute = std::filesystem::absolute(path);
    if (auto made = ensureFolder(absolute.parent_path()); !made) return made;
    auto tmp = TempFile::create(absolute.parent_path());
    if (!tmp) return Unexpected(std::move(tmp).error());
    {
        std::ofstream out(tmp->path(), std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return fail(ErrorCode::OutputFailed, "cannot write the report to " + path.string());
    }
    return tmp->commit(absolute, true);
}

}  // namespace imgopt

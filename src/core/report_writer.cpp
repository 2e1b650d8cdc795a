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

void writeReport(const RunReport& report, ReportFormat format, std::ostream& out) {
    switch (format) {
        case ReportFormat::Json:
            writeJson(report, out);
            break;
        case ReportFormat::Csv:
            writeCsv(report, out);
            break;
        case ReportFormat::Markdown:
            out << reportToMarkdown(report);
            break;
        case ReportFormat::Html:
            out << reportToHtml(report);
            break;
    }
}

Status writeReport(const RunReport& report, const std::filesystem::path& path) {
    const auto format = reportFormatFromPath(path);
    if (!format) return Unexpected(format.error());
    const auto absolute = std::filesystem::absolute(path);
    if (auto made = ensureFolder(absolute.parent_path()); !made) return made;
    auto tmp = TempFile::create(absolute.parent_path());
    if (!tmp) return Unexpected(std::move(tmp).error());
    {
        std::ofstream out(tmp->path(), std::ios::binary | std::ios::trunc);
        writeReport(report, *format, out);
        out.flush();
        if (!out) return fail(ErrorCode::OutputFailed, "cannot write the report to " + path.string());
    }
    return tmp->commit(absolute, true);
}

}  // namespace imgopt

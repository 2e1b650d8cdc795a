#include "imgopt/report_writer.hpp"

#include <algorithm>
#include <fstream>

#include "imgopt/safe_writer.hpp"

namespace imgopt {

bool reportFormatFromPath(const std::filesystem::path& path, ReportFormat* format) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".json") *format = ReportFormat::Json;
    else if (ext == ".csv") *format = ReportFormat::Csv;
    else if (ext == ".md" || ext == ".markdown") *format = ReportFormat::Markdown;
    else if (ext == ".html" || ext == ".htm") *format = ReportFormat::Html;
    else return false;
    return true;
}

std::string writeReport(const RunReport& report, const std::filesystem::path& path) {
    ReportFormat format{};
    if (!reportFormatFromPath(path, &format))
        return "unknown report type " + path.extension().string() + " (use .json, .csv, .md or .html)";
    std::string text;
    switch (format) {
        case ReportFormat::Json: text = reportToJson(report); break;
        case ReportFormat::Csv: text = reportToCsv(report); break;
        case ReportFormat::Markdown: text = reportToMarkdown(report); break;
        case ReportFormat::Html: text = reportToHtml(report); break;
    }
    const auto absolute = std::filesystem::absolute(path);
    try {
        if (auto err = ensureFolder(absolute.parent_path()); !err.empty()) return err;
        TempFile tmp(absolute.parent_path());
        {
            std::ofstream out(tmp.path(), std::ios::binary | std::ios::trunc);
            out << text;
            out.flush();
            if (!out) return "cannot write the report to " + path.string();
        }
        return tmp.commit(absolute, true);
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace imgopt

#include <fmt/format.h>

#include "imgopt/progress.hpp"
#include "imgopt/report_writer.hpp"

namespace imgopt {
namespace {

// SI units, as everywhere in ImgOpt.
std::string sized(std::uint64_t b) { return formatBytes(std::int64_t(b)); }

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

// The error, else the warning, else why the original was kept.
std::string message(const TaskResult& f) {
    if (!f.error.empty()) return f.error;
    if (!f.warning.empty()) return f.reason.empty() ? f.warning : f.warning + "; " + f.reason;
    return f.reason;
}

std::string listedNote(const RunReport& r) {
    if (r.files.size() <= kListedFiles) return {};
    return fmt::format(
        "{} files: too many to list here. The files that failed are listed (at most {}); the JSON and CSV "
        "reports list every file.\n\n",
        r.files.size(), kListedFiles);
}

}  // namespace

std::string reportToMarkdown(const RunReport& r) {
    const auto& s = r.summary;
    std::string md =
        fmt::format("# ImgOpt benchmark report\n\n{} {} on {} ({} cores, {}), libvips {}, {}\n\n", r.toolName,
                    r.toolVersion, r.system.cpu, r.system.cores, sized(r.system.memoryBytes),
                    r.system.libvips, r.system.allocator);
    md += "## Summary\n\n| measure | value |\n|---|---|\n";
    md += fmt::format(
        "| files | {} |\n| optimized | {} |\n| kept original | {} |\n| skipped | {} |\n| failed | {} |\n",
        s.files, s.optimized, s.keptOriginal, s.skipped, s.failed);
    md += fmt::format("| input | {} ({} bytes) |\n| output | {} ({} bytes) |\n| saved | {} ({:.1f}%) |\n",
                      sized(s.inputBytes), s.inputBytes, sized(s.outputBytes), s.outputBytes,
                      formatBytes(s.savedBytes), savingPercent(s.inputBytes, s.outputBytes));
    md += fmt::format(
        "| wall time | {:.3f} s (paused {:.3f} s) |\n| throughput | {:.2f} images/s, {:.2f} MB/s |\n| peak "
        "RSS | {} |\n",
        s.wallSeconds, s.pausedSeconds, r.imagesPerSecond, r.inputMegabytesPerSecond, sized(r.peakRssBytes));
    md += fmt::format("| process time p50 / p90 / p99 / max | {:.3f} / {:.3f} / {:.3f} / {:.3f} s |\n",
                      r.processSeconds.p50, r.processSeconds.p90, r.processSeconds.p99, r.processSeconds.max);
    md += fmt::format("| workers | {} x {} libvips threads |\n", r.workers, r.vipsThreadsPerWorker);
    if (s.scored > 0)
        md += fmt::format(
            "| visual score (SSIM) min / mean | {:.4f} / {:.4f} over {} files |\n| quality search | {:.3f} s "
            "|\n",
            *s.minScore, *s.meanScore, s.scored, s.searchSeconds);
    md += "\n";

    md +=
        "## Batches\n\n| # | size | estimate | budget | available at start | seconds "
        "|\n|---|---|---|---|---|---|\n";
    for (const auto& b : r.batches)
        md += fmt::format("| {} | {} | {} | {} | {} | {:.3f} |\n", b.number, b.size, sized(b.estimatedBytes),
                          sized(b.budgetBytes), sized(b.availableBytes), b.seconds);
    md += "\n## Workers\n\n| worker | busy seconds |\n|---|---|\n";
    for (std::size_t i = 0; i < r.workerBusySeconds.size(); ++i)
        md += fmt::format("| {} | {:.3f} |\n", i, r.workerBusySeconds[i]);
    md += "\n## Files\n\n" + listedNote(r);
    md +=
        "| input | status | format | before | after | saved | quality | score | seconds | message |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n";
    const bool all = r.files.size() <= kListedFiles;
    std::size_t listed = 0;
    for (const auto& f : r.files) {
        if (!all && (f.status != TaskStatus::Failed || ++listed > kListedFiles)) continue;
        const bool out = f.output.has_value();
        md += fmt::format(
            "| {} | {} | {} → {} | {} | {} | {} | {} | {} | {:.3f} | {} |\n", cell(f.input.string()),
            toString(f.status), f.inputFormat == ImageFormat::Unknown ? "?" : formatInfo(f.inputFormat).name,
            out ? formatInfo(f.outputFormat).name : "-", f.inputBytes,
            out ? std::to_string(f.outputBytes) : "-",
            out && f.inputBytes ? fmt::format("{:.1f}%", savingPercent(f.inputBytes, f.outputBytes)) : "-",
            f.chosenQuality ? fmt::format("{} {}", *f.chosenQuality, f.chosenEncoding) : "-",
            f.score ? fmt::format("{:.4f}", *f.score) : "-", f.timings.processSeconds, cell(message(f)));
    }
    return md;
}

}  // namespace imgopt

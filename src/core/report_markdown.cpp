#include <fmt/format.h>

#include "imgopt/report_writer.hpp"

namespace imgopt {
namespace {

std::string mib(std::uint64_t b) { return fmt::format("{:.1f} MiB", double(b) / (1024.0 * 1024.0)); }

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

}  // namespace

std::string reportToMarkdown(const RunReport& r) {
    const auto& s = r.summary;
    std::string md = fmt::format("# ImgOpt benchmark report\n\n{} {} on {} ({} cores, {}), libvips {}, {}\n\n",
                                 r.toolName, r.toolVersion, r.system.cpu, r.system.cores, mib(r.system.memoryBytes),
                                 r.system.libvips, r.system.allocator);
    md += "## Summary\n\n| measure | value |\n|---|---|\n";
    md += fmt::format("| files | {} |\n| optimized | {} |\n| kept original | {} |\n| skipped | {} |\n| failed | {} |\n",
                      s.files, s.optimized, s.keptOriginal, s.skipped, s.failed);
    md += fmt::format("| input | {} bytes |\n| output | {} bytes |\n| saved | {} bytes ({:.1f}%) |\n", s.inputBytes,
                      s.outputBytes, s.savedBytes,
                      s.inputBytes ? 100.0 * double(s.savedBytes) / double(s.inputBytes) : 0.0);
    md += fmt::format("| wall time | {:.3f} s |\n| throughput | {:.2f} images/s, {:.2f} MB/s |\n| peak RSS | {} |\n",
                      s.wallSeconds, r.imagesPerSecond, r.inputMegabytesPerSecond, mib(r.peakRssBytes));
    md += fmt::format("| process time p50 / p90 / p99 / max | {:.3f} / {:.3f} / {:.3f} / {:.3f} s |\n",
                      r.processSeconds.p50, r.processSeconds.p90, r.processSeconds.p99, r.processSeconds.max);
    md += fmt::format("| workers | {} x {} libvips threads |\n\n", r.workers, r.vipsThreadsPerWorker);

    md += "## Batches\n\n| # | size | estimate | budget | available at start | seconds |\n|---|---|---|---|---|---|\n";
    for (const auto& b : r.batches)
        md += fmt::format("| {} | {} | {} | {} | {} | {:.3f} |\n", b.number, b.size, mib(b.estimatedBytes),
                          mib(b.budgetBytes), mib(b.availableBytes), b.seconds);
    md += "\n## Workers\n\n| worker | busy seconds |\n|---|---|\n";
    for (std::size_t i = 0; i < r.workerBusySeconds.size(); ++i)
        md += fmt::format("| {} | {:.3f} |\n", i, r.workerBusySeconds[i]);
    md += "\n## Files\n\n| input | status | format | before | after | saved | seconds | message |\n"
          "|---|---|---|---|---|---|---|---|\n";
    for (const auto& f : r.files) {
        const bool out = f.output.has_value();
        md += fmt::format(
            "| {} | {} | {} → {} | {} | {} | {} | {:.3f} | {} |\n", cell(f.input.string()), toString(f.status),
            f.inputFormat == ImageFormat::Unknown ? "?" : formatInfo(f.inputFormat).name,
            out ? formatInfo(f.outputFormat).name : "-", f.inputBytes, out ? std::to_string(f.outputBytes) : "-",
            out && f.inputBytes ? fmt::format("{:.1f}%", 100.0 * (1.0 - double(f.outputBytes) / double(f.inputBytes)))
                                : "-",
            f.timings.processSeconds, cell(f.error.empty() ? f.warning : f.error));
    }
    return md;
}

}  // namespace imgopt

#include <algorithm>
#include <fmt/format.h>

#include "imgopt/progress.hpp"
#include "imgopt/report_writer.hpp"

namespace imgopt {
namespace {

struct Series {
    std::string label;
    std::string colour;
    std::vector<std::pair<double, double>> points;  // (x, y)
};

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// A plain inline SVG line chart: axes with min/max labels, one polyline per series, a legend.
std::string lineChart(const std::string& title, const std::string& yUnit, const std::vector<Series>& series) {
    constexpr double W = 640, H = 240, L = 60, R = 10, T = 30, B = 30;
    double maxX = 0, maxY = 0;
    for (const auto& s : series)
        for (auto [x, y] : s.points) {
            maxX = std::max(maxX, x);
            maxY = std::max(maxY, y);
        }
    if (maxX <= 0) maxX = 1;
    if (maxY <= 0) maxY = 1;
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
        "aria-label=\"{}\">\n<text x=\"{}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
        W, H, W, H, escape(title), L, escape(title));
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888\"/>\n", L, T, H - B);
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888\"/>\n", L, H - B, W - R);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{:.3g} {}</text>\n", L - 4, T + 4,
                       maxY, escape(yUnit));
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">0</text>\n", L - 4, H - B);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{:.2f} s</text>\n", W - R, H - 8,
                       maxX);
    double legendX = L + 200;
    for (const auto& s : series) {
        std::string pts;
        for (auto [x, y] : s.points)
            pts += fmt::format("{:.1f},{:.1f} ", L + (W - L - R) * x / maxX, (H - B) - (H - B - T) * y / maxY);
        svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\n", s.colour, pts);
        svg += fmt::format("<rect x=\"{}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"17\" "
                           "font-size=\"11\">{}</text>\n",
                           legendX, s.colour, legendX + 14, escape(s.label));
        legendX += 130;
    }
    return svg + "</svg>\n";
}

std::string barChart(const std::string& title, const std::vector<int>& values) {
    constexpr double W = 640, H = 200, L = 40, B = 25, T = 30;
    const int maxV = std::max(1, values.empty() ? 1 : *std::max_element(values.begin(), values.end()));
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
        "aria-label=\"{2}\">\n<text x=\"{3}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{2}</text>\n",
        W, H, escape(title), L);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n", L - 4, T + 4, maxV);
    const double slot = values.empty() ? 0 : (W - L - 10) / double(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double h = (H - B - T) * values[i] / maxV;
        svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#4a7bd0\"><title>"
                           "batch {}: {} tasks</title></rect>\n",
                           L + slot * double(i) + 1, H - B - h, std::max(1.0, slot - 2), h, i + 1, values[i]);
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\">batches 1..{}</text>\n", L, H - 6, values.size());
    return svg + "</svg>\n";
}

}  // namespace

std::string reportToHtml(const RunReport& r) {
    // Throughput: images finished per second over a sliding one-second window, sampled at each finish.
    Series done{"images finished", "#2a9d3a", {{0, 0}}};
    {
        std::vector<std::pair<double, int>> finishes;
        // Reconstruct finish times from batch start + queue wait + process time, all measured values.
        for (const auto& f : r.files) {
            if (f.batch == 0 || f.batch > r.batches.size()) continue;
            const double end = r.batches[f.batch - 1].startSeconds + f.timings.queueWaitSeconds + f.timings.processSeconds;
            finishes.emplace_back(end, 1);
        }
        std::sort(finishes.begin(), finishes.end());
        int count = 0;
        for (auto [t, one] : finishes) done.points.emplace_back(t, count += one);
    }
    Series rss{"RSS", "#d04a4a", {}}, avail{"available", "#4a7bd0", {}};
    for (const auto& m : r.memory) {
        rss.points.emplace_back(m.seconds, double(m.rssBytes) / 1e6);
        avail.points.emplace_back(m.seconds, double(m.availableBytes) / 1e6);
    }
    std::vector<int> sizes;
    for (const auto& b : r.batches) sizes.push_back(b.size);

    std::string title = fmt::format("ImgOpt report: {} files in {:.2f} s", r.summary.files, r.summary.wallSeconds);
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                       escape(title) +
                       "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
                       "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                       "text-align:left;font-size:13px}tr.failed td{color:#b00020}</style>\n</head>\n<body>\n";
    html += "<h1>" + escape(title) + "</h1>\n";
    html += fmt::format("<p>{} {} &middot; {} ({} cores, {:.1f} GiB) &middot; libvips {} &middot; {} &middot; "
                        "{} workers &times; {} libvips threads</p>\n",
                        escape(r.toolName), escape(r.toolVersion), escape(r.system.cpu), r.system.cores,
                        double(r.system.memoryBytes) / (1 << 30), escape(r.system.libvips), escape(r.system.allocator),
                        r.workers, r.vipsThreadsPerWorker);
    const auto& s = r.summary;
    html += "<table><tr><th>files</th><th>optimized</th><th>kept original</th><th>skipped</th><th>failed</th>"
            "<th>input bytes</th><th>output bytes</th><th>saved</th><th>images/s</th><th>peak RSS</th></tr>\n";
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                        "<td>{} ({:.1f}%)</td><td>{:.2f}</td><td>{}</td></tr></table>\n",
                        s.files, s.optimized, s.keptOriginal, s.skipped, s.failed, s.inputBytes, s.outputBytes,
                        s.savedBytes, savingPercent(s.inputBytes, s.outputBytes),
                        r.imagesPerSecond, formatBytes(std::int64_t(r.peakRssBytes)));
    if (s.scored > 0)
        html += fmt::format(
            "<p>Visual score (SSIM against the source): min {:.4f}, mean {:.4f} over {} files; "
            "quality search {:.2f} s</p>\n",
            *s.minScore, *s.meanScore, s.scored, s.searchSeconds);
    html += lineChart("Throughput (cumulative images)", "images", {done});
    html += lineChart("Memory", "MB", {rss, avail});
    html += barChart("Batch sizes", sizes);
    html += "<h2>Files</h2>\n<table><tr><th>input</th><th>status</th><th>before</th><th>after</th><th>seconds</th>"
            "<th>message</th></tr>\n";
    for (const auto& f : r.files)
        html += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.3f}</td><td>{}</td></tr>\n",
                            toString(f.status), escape(f.input.string()), toString(f.status), f.inputBytes,
                            f.output ? std::to_string(f.outputBytes) : "-", f.timings.processSeconds,
                            escape(f.error.empty() ? f.warning : f.error));
    html += "</table>\n</body>\n</html>\n";
    return html;
}

}  // namespace imgopt

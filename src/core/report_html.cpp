// The HTML report: one self-contained page (inline SVG, CSS and a few lines of script, nothing fetched) that
// shows where a run's time and memory went. Every figure on it is one the run measured; charts are drawn from
// the files' own start and end times, not reconstructed.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "imgopt/preset.hpp"
#include "imgopt/progress.hpp"
#include "imgopt/report_writer.hpp"
#include "report_charts.hpp"

namespace imgopt {
namespace {

using charts::escape;

std::string size(std::uint64_t bytes) { return formatBytes(std::int64_t(bytes)); }

// Seconds to two decimals for a short run, where "0:06" would hide what a benchmark compares.
std::string duration(double seconds) {
    return seconds < 60 ? fmt::format("{:.2f} s", seconds) : formatDuration(seconds);
}

std::string formatName(ImageFormat format) {
    return format == ImageFormat::Unknown ? "not an image" : std::string(formatInfo(format).displayName);
}

constexpr const char* kStyle = R"(<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#1d1d1f;padding:0 1em}
h1{font-size:22px;margin-bottom:.2em}h2{font-size:17px;margin-top:1.6em}p.meta{color:#555;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:1em 0}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:110px}
.card b{display:block;font-size:19px}.card span{color:#666;font-size:12px}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}td,th{border-bottom:1px solid #e3e3e3;padding:3px 10px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tr.failed td{color:#b00020}tr.skipped td{color:#777}
table.files{width:100%}table.files td:last-child{min-width:16em}table.files th{cursor:pointer;user-select:none;position:sticky;top:0;background:#fafafa}table.files th:after{content:" \2195";color:#aaa}
svg.chart{display:block;margin:.8em 0;max-width:100%;height:auto}svg .title{font-size:14px;font-weight:600}
svg .tick{font-size:11px;fill:#444}svg .axis{font-size:11px;fill:#666}svg .note{font-size:11px;fill:#a05a00}
svg .grid{stroke:#e6e6e6}svg .lane{fill:#f6f6f6}svg rect.task:hover,svg rect.validate:hover{stroke:#000}
</style>
)";

// Sorts the file table by a clicked column, numerically where the cells carry a number in data-v.
constexpr const char* kSortScript = R"(<script>
document.querySelectorAll("table.files th").forEach(function(th,col){th.addEventListener("click",function(){
var body=th.closest("table").tBodies[0],rows=Array.from(body.rows),dir=th.dataset.dir==="asc"?-1:1;th.dataset.dir=dir>0?"asc":"desc";
function key(r){var c=r.cells[col];return c.dataset.v!==undefined?parseFloat(c.dataset.v):c.textContent.toLowerCase();}
rows.sort(function(a,b){var x=key(a),y=key(b);return x<y?-dir:x>y?dir:0;});rows.forEach(function(r){body.appendChild(r);});});});
</script>
)";

std::string card(const std::string& value, const std::string& label) {
    return fmt::format("<div class=\"card\"><b>{}</b><span>{}</span></div>", escape(value), escape(label));
}

std::string summaryCards(const RunReport& r) {
    const auto& s = r.summary;
    std::string html = "<div class=\"cards\">";
    html += card(std::to_string(s.files), "files");
    html += card(std::to_string(s.optimized), "optimized");
    html += card(std::to_string(s.keptOriginal), "kept original");
    html += card(std::to_string(s.skipped), "skipped");
    html += card(std::to_string(s.failed), "failed");
    html += card(size(s.inputBytes) + " \xe2\x86\x92 " + size(s.outputBytes), "input to output");
    html += card(fmt::format("{:.1f} %", savingPercent(s.inputBytes, s.outputBytes)), "saved");
    html += card(duration(s.wallSeconds),
                 s.pausedSeconds > 0 ? fmt::format("wall time, plus {} paused", duration(s.pausedSeconds))
                                     : "wall time");
    html += card(fmt::format("{:.2f}", r.imagesPerSecond), "images/s");
    html += card(size(r.peakRssBytes), "peak RSS of this run");
    if (s.scored > 0 && s.minScore && s.meanScore)
        html += card(fmt::format("min {:.4f}, mean {:.4f}", *s.minScore, *s.meanScore),
                     fmt::format("visual score (SSIM) of {} files; quality search {}", s.scored,
                                 duration(s.searchSeconds)));
    return html + "</div>\n";
}

charts::LineChart throughputChart(const RunReport& r) {
    std::vector<double> ends;
    for (const auto& f : r.files)
        if (f.timings.end >= 0) ends.push_back(f.timings.end);
    std::sort(ends.begin(), ends.end());
    const double wall = std::max(r.summary.wallSeconds, ends.empty() ? 0.0 : ends.back());
    const double window = std::max(1.0, wall / 40);
    charts::Series rate{"images finished per second", "#2a9d5a", {}, false, false};
    double peak = 0;
    for (double t = window / 2; t <= wall + window / 2; t += window / 2) {
        const auto hi = std::upper_bound(ends.begin(), ends.end(), t);
        const auto lo = std::upper_bound(ends.begin(), ends.end(), t - window);
        const double value = double(hi - lo) / window;
        rate.points.emplace_back(std::min(t, wall), value);
        peak = std::max(peak, value);
    }
    charts::Series mean{fmt::format("run mean, {:.2f} images/s", r.imagesPerSecond),
                        "#555",
                        {{0, r.imagesPerSecond}, {wall, r.imagesPerSecond}},
                        false,
                        true};
    return {fmt::format("Throughput, from each file's finish time ({:.1f} s window)", window),
            {rate, mean},
            wall,
            std::max(peak, r.imagesPerSecond) * 1.15,
            false,
            "images/s",
            ""};
}

// The in-flight estimate: the memory model's estimates of the tasks running at each moment.
charts::Series inFlightSeries(const RunReport& r) {
    std::vector<std::pair<double, double>> events;
    for (const auto& f : r.files)
        if (f.timings.start >= 0 && f.timings.end >= 0 && f.estimatedBytes > 0) {
            events.emplace_back(f.timings.start, double(f.estimatedBytes));
            events.emplace_back(f.timings.end, -double(f.estimatedBytes));
        }
    std::sort(events.begin(), events.end());
    charts::Series s{"in-flight estimate", "#3b7dd8", {{0, 0}}, true, false};
    double sum = 0;
    for (auto [t, delta] : events) s.points.emplace_back(t, sum = std::max(0.0, sum + delta));
    return s;
}

charts::LineChart memoryChart(const RunReport& r) {
    charts::Series rss{"RSS", "#d04a4a", {}, false, false};
    double xMax = r.summary.wallSeconds, top = 0;
    for (const auto& m : r.memory) {
        rss.points.emplace_back(m.seconds, double(m.rssBytes));
        top = std::max(top, double(m.rssBytes));
        xMax = std::max(xMax, m.seconds);
    }
    charts::Series flight = inFlightSeries(r);
    for (auto [t, v] : flight.points) top = std::max(top, v);
    charts::Series budget{"budget for tasks", "#7a7a7a", {}, true, true};
    double budgetMax = 0;
    for (const auto& b : r.batches) {
        budget.points.emplace_back(b.startSeconds, double(b.budgetBytes));
        budgetMax = std::max(budgetMax, double(b.budgetBytes));
    }
    if (!budget.points.empty()) budget.points.emplace_back(xMax, budget.points.back().second);
    const double yMax = std::max(top * 1.25, 1e6);
    std::string note;
    if (budgetMax > yMax)
        note = fmt::format(
            "The budget (up to {}) lies above this scale; its line runs along the top so that RSS "
            "stays readable.",
            size(std::uint64_t(budgetMax)));
    return {"Memory: this process's RSS, the admission budget and the tasks' estimates",
            {rss, budget, flight},
            xMax,
            yMax,
            true,
            "bytes",
            note};
}

std::string perFormatTable(const RunReport& r) {
    struct Row {
        int files = 0;
        double seconds = 0;
        std::uint64_t in = 0, out = 0;
    };
    std::map<std::string, Row> rows;
    for (const auto& f : r.files) {
        Row& row = rows[formatName(f.inputFormat)];
        ++row.files;
        if (f.timings.start >= 0) row.seconds += f.timings.end - f.timings.start;
        if (f.timings.validateStart >= 0) row.seconds += f.timings.validateEnd - f.timings.validateStart;
        // As in the summary: bytes count the files that have an output.
        if (f.output) {
            row.in += f.inputBytes;
            row.out += f.outputBytes;
        }
    }
    std::string html =
        "<table><tr><th>input format</th><th class=\"n\">files</th><th class=\"n\" title=\"validation "
        "and encoding, summed over the workers\">worker seconds</th><th class=\"n\">bytes in</th>"
        "<th class=\"n\">bytes out</th><th class=\"n\">saved</th></tr>\n";
    for (const auto& [name, row] : rows)
        html += fmt::format(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.2f}</td><td class=\"n\">{}</td>"
            "<td class=\"n\">{}</td><td class=\"n\">{:.1f} %</td></tr>\n",
            escape(name), row.files, row.seconds, size(row.in), size(row.out),
            savingPercent(row.in, row.out));
    return html + "</table>\n";
}

std::string percentileRow(const char* what, const Percentiles& p) {
    return fmt::format(
        "<tr><td>{}</td><td class=\"n\">{:.3f}</td><td class=\"n\">{:.3f}</td><td class=\"n\">{:.3f}"
        "</td><td class=\"n\">{:.3f}</td><td class=\"n\">{:.3f}</td></tr>\n",
        what, p.p50, p.p90, p.p99, p.max, p.mean);
}

std::string workersTable(const RunReport& r) {
    std::string html =
        "<table><tr><th>worker</th><th class=\"n\">encoding s</th><th class=\"n\">validating s</th>"
        "<th class=\"n\">busy</th></tr>\n";
    const double wall = std::max(r.summary.wallSeconds, 1e-9);
    for (std::size_t w = 0; w < r.workerBusySeconds.size(); ++w) {
        const double validate = w < r.workerValidateSeconds.size() ? r.workerValidateSeconds[w] : 0.0;
        html += fmt::format(
            "<tr><td>{}</td><td class=\"n\">{:.2f}</td><td class=\"n\">{:.2f}</td><td class=\"n\">"
            "{:.0f} %</td></tr>\n",
            w + 1, r.workerBusySeconds[w], validate,
            100 * std::min(1.0, (r.workerBusySeconds[w] + validate) / wall));
    }
    // A record of a long run may stand for several rounds (metrics.hpp): its mean size counts once per round.
    std::vector<int> sizes;
    for (const auto& b : r.batches)
        for (int i = 0; i < std::max(1, b.rounds); ++i) sizes.push_back(b.size / std::max(1, b.rounds));
    std::sort(sizes.begin(), sizes.end());
    html += "</table>\n";
    if (!sizes.empty())
        html += fmt::format(
            "<p class=\"meta\">{} admission rounds (a round admits what fits when a worker frees or "
            "planning adds work): median {} tasks, largest {}{}.</p>\n",
            sizes.size(), sizes[sizes.size() / 2], sizes.back(),
            sizes.size() > r.batches.size() ? " (from rounds merged in pairs on a long run)" : "");
    return html;
}

void flatten(const nlohmann::json& j, const std::string& prefix, std::string& html) {
    for (const auto& [key, value] : j.items()) {
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        if (value.is_object()) {
            flatten(value, name, html);
            continue;
        }
        html += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", escape(name),
                            escape(value.is_string() ? value.get<std::string>() : value.dump()));
    }
}

std::string settingsAndMachine(const RunReport& r) {
    std::string html = "<h2>Settings</h2>\n<table>\n";
    flatten(nlohmann::json::parse(optionsToJson(r.settings)), "", html);
    html += "</table>\n<h2>Machine</h2>\n<table>\n";
    html += fmt::format(
        "<tr><td>CPU</td><td>{} ({} cores)</td></tr><tr><td>memory</td><td>{}</td></tr>"
        "<tr><td>system</td><td>{}</td></tr><tr><td>libvips</td><td>{}</td></tr>"
        "<tr><td>allocator</td><td>{}</td></tr><tr><td>workers</td><td>{} &times; {} libvips "
        "threads</td></tr>\n",
        escape(r.system.cpu), r.system.cores, size(r.system.memoryBytes), escape(r.system.os),
        escape(r.system.libvips), escape(r.system.allocator), r.workers, r.vipsThreadsPerWorker);
    return html + "</table>\n";
}

std::string filesTable(const RunReport& r) {
    std::string html =
        "<table class=\"files\"><thead><tr><th>input</th><th>status</th><th>format</th>"
        "<th class=\"n\">before</th><th class=\"n\">after</th><th class=\"n\">saved</th>"
        "<th class=\"n\">worker</th><th class=\"n\">start s</th><th class=\"n\">ms</th><th>message</th>"
        "</tr></thead><tbody>\n";
    const bool all = r.files.size() <= kListedFiles;
    std::size_t listed = 0;
    for (const auto& f : r.files) {
        if (!all && (f.status != TaskStatus::Failed || ++listed > kListedFiles)) continue;
        const double ms = f.timings.start >= 0 ? 1000 * (f.timings.end - f.timings.start) : 0;
        const std::string after = f.output ? size(f.outputBytes) : "-";
        const double saved = f.output ? savingPercent(f.inputBytes, f.outputBytes) : 0;
        html += fmt::format(
            "<tr class=\"{0}\"><td>{1}</td><td>{0}</td><td>{2}</td><td class=\"n\" data-v=\"{3}\">{4}</td>"
            "<td class=\"n\" data-v=\"{5}\">{6}</td><td class=\"n\" data-v=\"{7:.2f}\">{8}</td><td "
            "class=\"n\">{9}</td>"
            "<td class=\"n\" data-v=\"{10:.3f}\">{11}</td><td class=\"n\" "
            "data-v=\"{12:.1f}\">{12:.0f}</td><td>{13}</td></tr>\n",
            toString(f.status), escape(f.input.string()), formatInfo(f.inputFormat).name, f.inputBytes,
            size(f.inputBytes), f.output ? f.outputBytes : 0, after, saved,
            f.output ? fmt::format("{:.1f} %", saved) : "-",
            f.worker >= 0 ? std::to_string(f.worker + 1) : "-", f.timings.start,
            f.timings.start >= 0 ? fmt::format("{:.2f}", f.timings.start) : "-", ms,
            escape(!f.error.empty()     ? f.error
                   : !f.warning.empty() ? f.warning
                                        : f.reason));
    }
    return html + "</tbody></table>\n";
}

}  // namespace

std::string reportToHtml(const RunReport& r) {
    const std::string title =
        fmt::format("ImgOpt report: {} files in {}", r.summary.files, duration(r.summary.wallSeconds));
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
        "content=\"width=device-width\">\n<title>" +
        escape(title) + "</title>\n" + kStyle + "</head>\n<body>\n";
    html += "<h1>" + escape(title) + "</h1>\n";
    html += fmt::format("<p class=\"meta\">{} {} &middot; {} &middot; {} workers</p>\n", escape(r.toolName),
                        escape(r.toolVersion), escape(r.system.cpu), r.workers);
    html += summaryCards(r);
    html += "<h2>Where the time went</h2>\n" + charts::workerTimeline(r);
    html += workersTable(r);
    html += charts::lineChart(throughputChart(r));
    html += "<h2>Memory</h2>\n" + charts::lineChart(memoryChart(r));
    html += "<h2>By format</h2>\n" + perFormatTable(r);
    html +=
        "<h2>Percentiles (seconds)</h2>\n<table><tr><th></th><th class=\"n\">p50</th><th class=\"n\">p90</th>"
        "<th class=\"n\">p99</th><th class=\"n\">max</th><th class=\"n\">mean</th></tr>\n";
    html += percentileRow("per file, from pick-up to result", r.processSeconds);
    html += percentileRow("queue wait (files that ran)", r.queueWaitSeconds);
    html += "</table>\n";
    html += settingsAndMachine(r);
    const std::string listed =
        r.files.size() <= kListedFiles
            ? std::string("Click a column to sort.")
            : fmt::format(
                  "{} files: too many to list here. The files that failed are listed (at most {}); the "
                  "JSON and CSV reports list every file. Click a column to sort.",
                  r.files.size(), kListedFiles);
    html += "<h2>Files</h2>\n<p class=\"meta\">" + listed + "</p>\n" + filesTable(r);
    return html + kSortScript + "</body>\n</html>\n";
}

}  // namespace imgopt

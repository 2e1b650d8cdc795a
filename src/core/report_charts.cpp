#include "report_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "imgopt/progress.hpp"

namespace imgopt::charts {
namespace {

constexpr double kCharWidth = 6.6;  // of the 11 px labels, for laying out the legend without overlap

// Round tick steps (1, 2 or 5 times a power of ten) that split [0, max] into about `count` parts. For bytes
// the step is taken in SI units, so that the labels read "200 MB", not "190.7 MB".
double tickStep(double max, int count) {
    if (max <= 0) return 1;
    const double raw = max / count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}

std::string secondsLabel(double s) {
    if (s >= 120) return fmt::format("{:.0f} min", s / 60);
    return s == std::floor(s) ? fmt::format("{:.0f} s", s) : fmt::format("{:.1f} s", s);
}

std::string valueLabel(double v, bool bytes) {
    if (bytes) {  // round ticks read "200 MB", not "200.0 MB"
        std::string text = formatBytes(std::int64_t(v));
        if (const auto dot = text.find(".0 "); dot != std::string::npos) text.erase(dot, 2);
        return text;
    }
    if (v == std::floor(v)) return fmt::format("{:.0f}", v);
    return fmt::format("{:.2g}", v);
}

struct Frame {  // the plot area inside an SVG, and the data range it shows
    double left, top, width, height, xMax, yMax;
    double x(double seconds) const { return left + width * std::clamp(seconds / xMax, 0.0, 1.0); }
    double y(double value) const { return top + height * (1.0 - std::clamp(value / yMax, 0.0, 1.0)); }
};

std::string timeAxis(const Frame& f) {
    std::string svg;
    const double step = tickStep(f.xMax, 8);
    for (double t = 0; t <= f.xMax * 1.0001; t += step) {
        svg += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"grid\"/>"
            "<text x=\"{0:.1f}\" y=\"{3:.1f}\" class=\"tick\" text-anchor=\"middle\">{4}</text>\n",
            f.x(t), f.top, f.top + f.height + 4, f.top + f.height + 16, secondsLabel(t));
    }
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"middle\">time since the run "
        "started</text>\n",
        f.left + f.width / 2, f.top + f.height + 32);
    return svg;
}

std::string polyline(const Series& s, const Frame& f) {
    std::string pts;
    double lastY = 0;
    bool first = true;
    for (auto [x, y] : s.points) {
        if (s.step && !first) pts += fmt::format("{:.1f},{:.1f} ", f.x(x), f.y(lastY));
        pts += fmt::format("{:.1f},{:.1f} ", f.x(x), f.y(y));
        lastY = y;
        first = false;
    }
    return fmt::format(
        "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} points=\"{}\"><title>{}</title>"
        "</polyline>\n",
        s.colour, s.dashed ? " stroke-dasharray=\"6 4\"" : "", pts, escape(s.label));
}

// The legend on its own row under the title, so it can never cover the title or the data.
std::string legend(const std::vector<std::pair<std::string, std::string>>& items, double x, double y) {
    std::string svg;
    for (const auto& [label, colour] : items) {
        svg += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"10\" fill=\"{}\"/>"
            "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\">{}</text>\n",
            x, y - 9, colour, x + 16, y, escape(label));
        x += 16 + kCharWidth * double(label.size()) + 18;
    }
    return svg;
}

std::string svgOpen(double width, double height, const std::string& title) {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {0} {1}\" "
        "width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n"
        "<text x=\"0\" y=\"16\" class=\"title\">{2}</text>\n",
        width, height, escape(title));
}

}  // namespace

std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string lineChart(const LineChart& chart) {
    constexpr double kWidth = 900, kLeft = 78, kRight = 16, kTop = 48, kPlotHeight = 190;
    const double height = kTop + kPlotHeight + 44 + (chart.note.empty() ? 0 : 18);
    const Frame f{kLeft,
                  kTop,
                  kWidth - kLeft - kRight,
                  kPlotHeight,
                  chart.xMax > 0 ? chart.xMax : 1,
                  chart.yMax > 0 ? chart.yMax : 1};
    std::string svg = svgOpen(kWidth, height, chart.title);
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& s : chart.series) items.emplace_back(s.label, s.colour);
    svg += legend(items, kLeft, 36);
    const double step = tickStep(f.yMax, 4);
    for (double v = 0; v <= f.yMax * 1.0001; v += step)
        svg += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" class=\"grid\"/>"
            "<text x=\"{3:.1f}\" y=\"{4:.1f}\" class=\"tick\" text-anchor=\"end\">{5}</text>\n",
            f.left, f.y(v), f.left + f.width, f.left - 6, f.y(v) + 4, valueLabel(v, chart.yBytes));
    svg += fmt::format(
        "<text transform=\"translate(12 {:.1f}) rotate(-90)\" class=\"axis\" text-anchor=\"middle\">"
        "{}</text>\n",
        f.top + f.height / 2, escape(chart.yLabel));
    svg += timeAxis(f);
    for (const auto& s : chart.series) svg += polyline(s, f);
    if (!chart.note.empty())
        svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"note\">{}</text>\n", kLeft, height - 4,
                           escape(chart.note));
    return svg + "</svg>\n";
}

namespace {

struct Bar {
    double start, end;
    std::string colour, hover;
};

// Bars of one lane, in time order, with runs of sub-pixel bars drawn as one: a hundred thousand tasks would
// otherwise be a hundred thousand elements a browser must lay out.
std::vector<Bar> mergeNarrow(std::vector<Bar> bars, double secondsPerPixel) {
    std::sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.start < b.start; });
    std::vector<Bar> out;
    int merged = 0;
    for (auto& bar : bars) {
        const bool narrow = bar.end - bar.start < secondsPerPixel;
        if (narrow && !out.empty() && merged > 0 && bar.start - out.back().end < secondsPerPixel) {
            out.back().end = std::max(out.back().end, bar.end);
            if (out.back().colour != bar.colour) out.back().colour = "#8a8a8a";
            ++merged;
            out.back().hover =
                fmt::format("{} files, {:.2f} s to {:.2f} s", merged, out.back().start, out.back().end);
            continue;
        }
        merged = narrow ? 1 : 0;
        out.push_back(std::move(bar));
    }
    return out;
}

std::string barsSvg(const std::vector<Bar>& bars, const Frame& f, double top, double height,
                    const char* cls) {
    std::string svg;
    for (const auto& b : bars)
        svg += fmt::format(
            "<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
            "fill=\"{}\"><title>{}</title></rect>\n",
            cls, f.x(b.start), top, std::max(0.8, f.x(b.end) - f.x(b.start)), height, b.colour,
            escape(b.hover));
    return svg;
}

}  // namespace

std::string workerTimeline(const RunReport& report) {
    constexpr double kWidth = 900, kLeft = 78, kRight = 16, kTop = 48, kLane = 22, kGap = 6;
    const int workers = std::max(1, report.workers);
    double xMax = 0;
    for (const auto& t : report.files) xMax = std::max({xMax, t.timings.end, t.timings.validateEnd});
    const double plotHeight = workers * (kLane + kGap);
    const Frame f{kLeft, kTop, kWidth - kLeft - kRight, plotHeight, xMax > 0 ? xMax : 1, 1};
    std::vector<std::vector<Bar>> encode(workers), validate(workers);
    std::vector<bool> seen(8, false);
    for (const auto& t : report.files) {
        const std::string name = t.input.filename().string();
        if (t.timings.start >= 0 && t.worker >= 0 && t.worker < workers) {
            encode[t.worker].push_back(
                {t.timings.start, t.timings.end, std::string(formatColour(t.inputFormat)),
                 fmt::format("{}: {} to {}, {:.3f} s to {:.3f} s ({:.0f} ms), {}", name,
                             formatInfo(t.inputFormat).name, formatInfo(t.outputFormat).name, t.timings.start,
                             t.timings.end, 1000 * (t.timings.end - t.timings.start), toString(t.status))});
            seen[std::size_t(t.inputFormat)] = true;
        }
        if (t.timings.validateStart >= 0 && t.timings.validateWorker >= 0 &&
            t.timings.validateWorker < workers)
            validate[t.timings.validateWorker].push_back(
                {t.timings.validateStart, t.timings.validateEnd, "#5a5a5a",
                 fmt::format("{}: validated, {:.3f} s to {:.3f} s", name, t.timings.validateStart,
                             t.timings.validateEnd)});
    }
    const double secondsPerPixel = f.xMax / f.width;
    std::string svg = svgOpen(kWidth, kTop + plotHeight + 44, "Workers: one lane each, one bar per file");
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& info : allFormats())
        if (seen[std::size_t(info.format)])
            items.emplace_back(std::string(info.displayName), std::string(formatColour(info.format)));
    items.emplace_back("validation", "#5a5a5a");
    svg += legend(items, kLeft, 36);
    svg += timeAxis(f);
    for (int w = 0; w < workers; ++w) {
        const double top = kTop + w * (kLane + kGap) + kGap / 2;
        svg += fmt::format(
            "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">worker {}</text>\n",
            kLeft - 6, top + kLane / 2 + 4, w + 1);
        svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" class=\"lane\"/>\n",
                           kLeft, top, f.width, kLane);
        svg += barsSvg(mergeNarrow(std::move(encode[w]), secondsPerPixel), f, top, kLane - 6, "task");
        svg +=
            barsSvg(mergeNarrow(std::move(validate[w]), secondsPerPixel), f, top + kLane - 5, 5, "validate");
    }
    return svg + "</svg>\n";
}

}  // namespace imgopt::charts

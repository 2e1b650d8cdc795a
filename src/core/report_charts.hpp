#pragma once
// The HTML report's charts, as inline SVG: a line chart with real axes and a legend that never covers the
// title, and the workers' timeline. Pure functions of measured values; no scripts, no network.

#include <string>
#include <utility>
#include <vector>

#include "imgopt/report.hpp"

namespace imgopt::charts {

std::string escape(const std::string& text);

struct Series {
    std::string label;
    std::string colour;
    std::vector<std::pair<double, double>> points;  // (seconds, value)
    bool step = false;                              // a value holds until the next point
    bool dashed = false;
};

struct LineChart {
    std::string title;
    std::vector<Series> series;
    double xMax = 0;      // seconds; the axis runs from 0
    double yMax = 0;      // the axis runs from 0; a series above it is clipped and `note` says so
    bool yBytes = false;  // the y axis shows sizes (SI) rather than plain numbers
    std::string yLabel;
    std::string note;  // shown under the legend
};

std::string lineChart(const LineChart& chart);

// One lane per worker, one bar per task from its start to its end in the input format's colour, the
// validation of each file as a thin grey bar; each with the file's name and times on hover. Runs of bars
// narrower than a pixel are drawn as one, so 100,000 files still make a page a browser opens.
std::string workerTimeline(const RunReport& report);

}  // namespace imgopt::charts

#include "imgopt/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace imgopt {
namespace {
// Below this, a rate is mostly start-up cost and the ETA it gives jumps around.
constexpr double kMinSecondsForEta = 0.5;
}  // namespace

double savingPercent(std::uint64_t before, std::uint64_t after) {
    if (before == 0) return 0.0;
    return 100.0 * (double(before) - double(after)) / double(before);
}

double imagesPerSecond(std::uint64_t filesWithOutput, double activeSeconds) {
    return activeSeconds > 0 ? double(filesWithOutput) / activeSeconds : 0.0;
}

double ProgressSnapshot::savedPercent() const { return savingPercent(inputBytes, outputBytes); }

double ProgressSnapshot::imagesPerSecond() const {
    return imgopt::imagesPerSecond(optimized + keptOriginal, activeSeconds);
}

std::optional<double> ProgressSnapshot::etaSeconds() const {
    if (finished || paused || done == 0 || done >= scanned || activeSeconds < kMinSecondsForEta)
        return std::nullopt;
    const double perFile = activeSeconds / double(done);
    return perFile * double(scanned - done);
}

std::string formatBytes(std::int64_t bytes, char decimalPoint) {
    static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    const char* sign = bytes < 0 ? "-" : "";
    double value = std::fabs(double(bytes));
    int unit = 0;
    while (value >= 999.95 && unit < 5) {
        value /= 1000.0;
        ++unit;
    }
    if (unit == 0) return fmt::format("{}{} B", sign, std::llabs(bytes));
    std::string number = fmt::format("{:.1f}", value);
    if (decimalPoint != '.')
        for (char& c : number)
            if (c == '.') c = decimalPoint;
    return fmt::format("{}{} {}", sign, number, kUnits[unit]);
}

std::string formatDuration(double seconds) {
    const auto total = static_cast<long long>(std::max(0.0, seconds) + 0.5);
    const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0) return fmt::format("{}:{:02}:{:02}", h, m, s);
    return fmt::format("{}:{:02}", m, s);
}

}  // namespace imgopt

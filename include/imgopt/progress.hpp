#pragma once
// The one progress model: tallies, bytes, saving, rate and ETA of a run, computed by the core and shown as
// they are by the CLI, the GUI and the reports. Units are SI everywhere (1 kB = 1000 bytes).

#include <cstdint>
#include <optional>
#include <string>

namespace imgopt {

struct ProgressSnapshot {
    std::uint64_t scanned = 0;  // files known so far
    std::uint64_t done = 0;     // files with a result, whatever it is
    std::uint64_t optimized = 0, keptOriginal = 0, skipped = 0, failed = 0;
    // Bytes count only files that have an output (optimized or kept original); a failed or skipped file has
    // none, so it changes neither side.
    std::uint64_t inputBytes = 0;
    std::uint64_t outputBytes = 0;
    double activeSeconds = 0;  // wall time while running: pauses and waiting for Start are left out
    double pausedSeconds = 0;
    bool paused = false;
    bool finished = false;  // every file known so far has a result and the scan is over

    std::int64_t savedBytes() const { return std::int64_t(inputBytes) - std::int64_t(outputBytes); }
    // Positive when the outputs are smaller.
    double savedPercent() const;
    // Images per second: files with an output per second of active wall time. The one definition used by
    // the CLI, the GUI, the reports and the benchmarks.
    double imagesPerSecond() const;
    // Seconds left at the rate so far; none until a result has come in, while paused, and once finished.
    std::optional<double> etaSeconds() const;
};

// 100 * (before - after) / before; 0 when `before` is 0.
double savingPercent(std::uint64_t before, std::uint64_t after);
// Images per second by the one definition above.
double imagesPerSecond(std::uint64_t filesWithOutput, double activeSeconds);

// SI units with one decimal: "950 B", "1.2 kB", "34.5 MB", "-3.0 MB". `decimalPoint` lets a GUI use its
// locale's separator.
std::string formatBytes(std::int64_t bytes, char decimalPoint = '.');
// "0:42", "12:05", "1:02:03".
std::string formatDuration(double seconds);

}  // namespace imgopt

#pragma once
// This process's peak memory, per run. The kernel keeps a high-water mark of RSS (VmHWM) that
// /proc/self/clear_refs resets, so each run's report can give its own peak.

#include <cstdint>
#include <optional>

namespace imgopt {

// Resets the high-water mark to the current RSS; best effort (a kernel without clear_refs keeps it).
void resetPeakRss();
// VmHWM from /proc/self/status, in bytes; none when it cannot be read.
std::optional<std::uint64_t> peakRssSinceReset();

}  // namespace imgopt

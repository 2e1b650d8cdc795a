#pragma once
// Adaptive batch sizing: how much memory a task will need, and how many tasks fit into the next batch.
// Pure functions and a small value type, so they are tested with fake probes.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "imgopt/engine.hpp"
#include "imgopt/memory_probe.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

// Peak working memory of one task, from its header, by the measured model (docs/benchmarks.md, "Memory
// model"), with D the decoded frame's bytes (after shrink-on-load) and P the output's pixels:
//     kTaskFixedBytes + decode(in) x D
//   + encode(out) x 4P                              the output frame as 8-bit RGBA, as whole-frame encoders
//   hold it
//   + smallFrame(out) x min(P, kSmallFramePixels)     libimagequant copies a frame as floats only below this
//   + colour(out) x min(P, colours of the bands, kColourCap)   its histogram: one entry per distinct colour
//   + alpha(out) x P                                 only when the image has an alpha channel
// times the frames of an animation. The factors are each format's, in the registry.
std::uint64_t estimateTaskBytes(const ImageHeader& header, int targetWidth, int targetHeight,
                                ImageFormat outputFormat);

inline constexpr double kTaskFixedBytes = 2.0 * 1024 * 1024;
inline constexpr double kSmallFramePixels = 4'194'304;  // libimagequant: a float frame up to 64 MB
inline constexpr double kColourCap = 917'504;           // libimagequant's histogram limit at speed 7

// The tasks' memory budget from a fresh probe: the policy's fraction of available memory, under its memory
// limit less `baselineRss` (the process before its first task). Running tasks' estimates are subtracted by
// the caller.
std::uint64_t batchBudget(const MemorySample& sample, const BatchBudgetPolicy& policy,
                          std::uint64_t baselineRss);

// "400M", "1.5G", "512MiB", "800000000": bytes, with K, M, G and T as powers of 1024 (as cgroups, systemd and
// docker read them). None for anything else.
std::optional<std::uint64_t> parseMemorySize(std::string_view text);

// Chooses which of the `pending` estimates (in priority order) join the next batch, first fit: as many as fit
// into `budget - inFlight`, up to `maxCount`, where a task that does not fit right now is passed over and
// smaller ones behind it are taken, so a large image never leaves the other workers idle. A task bigger than
// the whole budget is admitted only when nothing is in flight, and then alone; until then smaller ones pass
// it. With `holdHead`, nothing may pass the first task (used after it has been passed over, so it cannot
// starve). Returns indices into `pending`.
std::vector<std::size_t> admitSelection(const std::vector<std::uint64_t>& pending, std::uint64_t budget,
                                        std::uint64_t inFlight, std::size_t maxCount, bool holdHead);

}  // namespace imgopt

#pragma once
// Containment: no output resolves outside its output root. The root is the output folder the user chose
// (OutputMode::OutputDir), or else the dropped folder the source was found in (a dropped file's own
// folder). A link on the way, such as an `optimized/` folder that is a symlink to somewhere else, would
// otherwise carry writes out of the folder the user handed over; those files fail with an error that names
// the link. Links that stay inside the root are fine.
// Checked when a task is planned and again just before it writes (the folder may change in between).
// Thread-safe: pure functions over the file system.

#include <filesystem>

#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

// The folder every output of `item` must stay inside.
std::filesystem::path outputRoot(const ScanItem& item, const Options& options);

// Ok when `output`'s folder, with every link resolved, lies inside `root` (resolved too). Error OutputFailed
// naming the link that leads out otherwise.
Status checkContained(const std::filesystem::path& output, const std::filesystem::path& root);

}  // namespace imgopt

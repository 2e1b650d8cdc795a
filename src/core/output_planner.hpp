#pragma once
// Stage 3, plan: decides where each output goes, and resolves collisions so that two inputs never map to one
// output. Thread rules: an OutputPlanner is used from one thread (the engine plans in scan order, so names
// are stable from run to run).

#include <filesystem>
#include <set>

#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"
#include "validator.hpp"

namespace imgopt {

class OutputPlanner {
public:
    explicit OutputPlanner(const Options& options);

    // The path an output would have before collision handling.
    std::filesystem::path naturalOutput(const ScanItem& item, ImageFormat outputFormat) const;

    // Errors: ReadOnly (the target folder cannot be written), OutputTooLarge, OutputFailed (another input
    // already writes this file in place).
    Expected<PlannedTask> plan(const ValidatedTask& task);

private:
    bool reserved(const std::filesystem::path& p) const;

    Options options_;
    std::set<std::filesystem::path> reserved_;  // outputs already claimed in this run
};

// Target dimensions (upright) after the resize rule; never larger than the source.
std::pair<int, int> targetSize(const Resize& resize, int uprightWidth, int uprightHeight);

}  // namespace imgopt

#pragma once
// Stage 3, plan: decides where each output goes, and resolves collisions so that two inputs never map to one
// output. Thread rules: an OutputPlanner is used from one thread (the engine plans in scan order, so names
// are stable from run to run).

#include <filesystem>
#include <optional>
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
    // already writes this file in place, or the output would leave its root through a link).
    // `ownOutput`: this source's output from an earlier run, still ImgOpt's (run_state.hpp); it is reused and
    // replaced rather than given a numbered name beside it.
    Expected<PlannedTask> plan(const ValidatedTask& task,
                               const std::optional<std::filesystem::path>& ownOutput = {});

    // Claims the output of a source skipped as up to date, so that no other input of this run writes there.
    // Only that source's own replacement may take it (a converted in-place original whose run was cut short).
    void keep(const std::filesystem::path& output);

private:
    bool reserved(const std::filesystem::path& p) const;
    std::filesystem::path chooseOutput(const ValidatedTask& v, const std::filesystem::path& natural,
                                       PlannedTask& t);

    Options options_;
    std::set<std::filesystem::path> reserved_;  // outputs already claimed in this run
    std::set<std::filesystem::path> kept_;      // outputs of up-to-date sources
};

// Target dimensions (upright) after the resize rule; never larger than the source.
std::pair<int, int> targetSize(const Resize& resize, int uprightWidth, int uprightHeight);

}  // namespace imgopt

#pragma once
// Prints per-file lines and, on a terminal, one live progress line with ETA. Called from engine threads;
// one mutex keeps lines whole.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <vector>
#include <mutex>
#include <string>

#include "imgopt/metrics.hpp"
#include "imgopt/report.hpp"
#include "imgopt/task.hpp"

namespace imgopt::cli {

class ProgressPrinter {
public:
    ProgressPrinter(bool quiet, bool verbose, bool dryRun);

    void scanned();
    void planned(const PlannedTask& task);
    void result(const TaskResult& r);
    void scanProblems(std::uint64_t notImages, const std::vector<std::string>& errors);
    void summary(const RunReport& report, bool cancelled);

private:
    void redrawLocked();
    void clearLineLocked();

    std::mutex mutex_;
    bool quiet_, verbose_, dryRun_, tty_;
    std::uint64_t known_ = 0, done_ = 0;
    std::int64_t saved_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    bool lineShown_ = false;
};

std::string humanBytes(double bytes);
std::string displayPath(const std::filesystem::path& p);

}  // namespace imgopt::cli

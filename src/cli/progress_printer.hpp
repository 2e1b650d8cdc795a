#pragma once
// Prints per-file lines and, on a terminal, one live progress line with ETA, drawn from the core's progress
// model (imgopt/progress.hpp). Called from engine threads; one mutex keeps lines whole.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "imgopt/progress.hpp"
#include "imgopt/report.hpp"
#include "imgopt/task.hpp"

namespace imgopt::cli {

class ProgressPrinter {
public:
    ProgressPrinter(bool quiet, bool verbose, bool dryRun);

    void planned(const PlannedTask& task);
    void result(const TaskResult& r);
    void progress(const ProgressSnapshot& p);
    void scanProblems(const ScanSummary& summary);
    void summary(const RunReport& report, bool cancelled);

private:
    void redrawLocked();
    void clearLineLocked();

    std::mutex mutex_;
    bool quiet_, verbose_, dryRun_, tty_;
    ProgressSnapshot last_;
    bool lineShown_ = false;
};

// The error's text plus the command-line option that changes the outcome, where there is one.
std::string withHint(const std::string& error, const std::optional<ErrorCode>& code);
std::string displayPath(const std::filesystem::path& p);

}  // namespace imgopt::cli

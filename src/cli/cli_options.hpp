#pragma once
// Command-line parsing (CLI11) into imgopt::Options plus the CLI's own switches.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imgopt/options.hpp"

namespace imgopt::cli {

struct CliSettings {
    Options options;
    std::vector<std::filesystem::path> paths;
    std::optional<std::filesystem::path> report;
    bool quiet = false;
    bool verbose = false;
    bool undo = false;  // undo the last in-place run instead of optimizing anything
    std::optional<Shard> shard;
    std::filesystem::path stateDir;                   // empty: the default
    std::vector<std::filesystem::path> mergeReports;  // merge these into `report` instead of optimizing
};

struct ParseOutcome {
    std::optional<CliSettings> settings;  // set when the run should go ahead
    int exitCode = 0;                     // otherwise: 0 after --help/--version, 2 for usage errors
};

ParseOutcome parseCommandLine(int argc, char** argv);

// imgopt(1) in roff, written from the same option definitions parseCommandLine() and --help use.
std::string manPage();

}  // namespace imgopt::cli

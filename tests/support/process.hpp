#pragma once
// Runs a program as a subprocess, capturing stdout, stderr and the exit status.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace imgopt::test {

struct ProcessResult {
    int exitCode = -1;       // -1 when it did not exit normally
    int signal = 0;
    double seconds = 0;
    std::uint64_t maxRssBytes = 0;  // peak RSS of the child
    std::string out;
    std::string err;
    std::string all() const { return out + err; }
};

// Runs `program args...` in `workdir` (the current folder when empty), with stdin from /dev/null.
ProcessResult runProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                         const std::filesystem::path& workdir = {});

// Runs the built CLI.
ProcessResult runCli(const std::vector<std::string>& args, const std::filesystem::path& workdir = {});

}  // namespace imgopt::test

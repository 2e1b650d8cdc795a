#pragma once
// Runs a program as a subprocess, capturing stdout, stderr and the exit status.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace imgopt::test {

struct ProcessResult {
    int exitCode = -1;  // -1 when it did not exit normally
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

// A subprocess left running, for tests that kill it at a moment of their choosing. Output goes to files;
// the destructor kills (SIGKILL) and reaps a child that is still running.
class BackgroundProcess {
public:
    BackgroundProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                      const std::filesystem::path& workdir = {});
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    int pid() const { return pid_; }
    // True while it runs (reaps it when it has ended).
    bool running();
    // Sends `signal`, waits for the end and returns how it ended (stdout and stderr included).
    ProcessResult kill(int signal);
    ProcessResult wait();

private:
    ProcessResult reap(bool block);

    int pid_ = -1;
    bool reaped_ = false;
    ProcessResult result_;
    std::filesystem::path out_, err_, capture_;
};

// Runs the built CLI.
ProcessResult runCli(const std::vector<std::string>& args, const std::filesystem::path& workdir = {});

}  // namespace imgopt::test

#include "process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <stdexcept>

#include "test_support.hpp"

extern char** environ;

namespace imgopt::test {

namespace {

// posix_spawn with stdin from /dev/null and stdout/stderr into files; -1 when it could not start.
pid_t spawnWithFiles(const std::filesystem::path& program, const std::vector<std::string>& args,
                     const std::filesystem::path& workdir, const std::filesystem::path& outFile,
                     const std::filesystem::path& errFile) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!workdir.empty()) posix_spawn_file_actions_addchdir_np(&actions, workdir.c_str());

    std::vector<std::string> argvStore;
    argvStore.push_back(program.string());
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvStore) argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

void setStatus(ProcessResult& r, int status) {
    if (WIFEXITED(status)) r.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
}

}  // namespace

ProcessResult runProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                         const std::filesystem::path& workdir) {
    // Output goes to files (no pipe can fill up and deadlock), read back afterwards.
    TempDir capture("imgopt-proc");
    const auto outFile = capture / "stdout";
    const auto errFile = capture / "stderr";
    ProcessResult r;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = spawnWithFiles(program, args, workdir, outFile, errFile);
    if (pid < 0) {
        r.err = "posix_spawn failed for " + program.string();
        return r;
    }
    int status = 0;
    struct rusage usage {};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) break;
    }
    r.maxRssBytes = std::uint64_t(usage.ru_maxrss) * 1024;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    setStatus(r, status);
    r.out = readText(outFile);
    r.err = readText(errFile);
    return r;
}

BackgroundProcess::BackgroundProcess(const std::filesystem::path& program,
                                     const std::vector<std::string>& args,
                                     const std::filesystem::path& workdir) {
    std::string folder = (std::filesystem::temp_directory_path() / "imgopt-bg-XXXXXX").string();
    if (mkdtemp(folder.data())) capture_ = folder;  // removed by the destructor
    out_ = capture_ / "stdout";
    err_ = capture_ / "stderr";
    pid_ = spawnWithFiles(program, args, workdir, out_, err_);
    if (pid_ < 0) {
        reaped_ = true;
        result_.err = "posix_spawn failed for " + program.string();
    }
}

BackgroundProcess::~BackgroundProcess() {
    if (!reaped_) kill(SIGKILL);
    std::error_code ec;
    std::filesystem::remove_all(capture_, ec);
}

ProcessResult BackgroundProcess::reap(bool block) {
    if (reaped_) return result_;
    int status = 0;
    pid_t got = 0;
    do {
        got = waitpid(pid_, &status, block ? 0 : WNOHANG);
    } while (got < 0 && errno == EINTR);
    if (got == 0) return result_;  // still running
    reaped_ = true;
    if (got == pid_) setStatus(result_, status);
    result_.out = readText(out_);
    result_.err = readText(err_);
    return result_;
}

bool BackgroundProcess::running() {
    reap(false);
    return !reaped_;
}

ProcessResult BackgroundProcess::kill(int signal) {
    if (!reaped_) ::kill(pid_, signal);
    return reap(true);
}

ProcessResult BackgroundProcess::wait() { return reap(true); }

ProcessResult runCli(const std::vector<std::string>& args, const std::filesystem::path& workdir) {
    return runProcess(cliPath(), args, workdir);
}

}  // namespace imgopt::test

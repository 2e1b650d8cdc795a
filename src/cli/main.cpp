// imgopt: the command-line tool. A thin shell over imgopt_core's BatchEngine, like vipsthumbnail over
// libvips.

#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "cli_options.hpp"
#include "imgopt/engine.hpp"
#include "imgopt/progress.hpp"
#include "imgopt/report_merge.hpp"
#include "imgopt/report_writer.hpp"
#include "imgopt/runtime.hpp"
#include "imgopt/undo.hpp"
#include "progress_printer.hpp"

namespace {

// SIGINT/SIGTERM are taken by one thread with sigwait, so cancelling never runs inside a signal handler.
// The engine is attached while it lives; the mutex makes sure a cancel in progress finishes before the engine
// is detached and destroyed, and a signal that came before attach still cancels the run.
class SignalWatcher {
public:
    SignalWatcher() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        sigaddset(&set_, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);  // inherited by every thread started after this
        thread_ = std::thread([this] {
            for (;;) {
                int sig = 0;
                sigwait(&set_, &sig);
                if (sig == SIGUSR1) return;
                std::lock_guard lock(mutex_);
                interrupted_ = true;
                if (engine_) engine_->cancel();
            }
        });
    }
    ~SignalWatcher() {
        pthread_kill(thread_.native_handle(), SIGUSR1);
        thread_.join();
    }
    void attach(imgopt::BatchEngine* engine) {
        std::lock_guard lock(mutex_);
        engine_ = engine;
        if (engine_ && interrupted_) engine_->cancel();
    }
    bool interrupted() const {
        std::lock_guard lock(mutex_);
        return interrupted_;
    }

private:
    mutable std::mutex mutex_;
    imgopt::BatchEngine* engine_ = nullptr;
    bool interrupted_ = false;
    sigset_t set_{};
    std::thread thread_;
};

// --undo: puts back the originals of the last in-place run. 0 when everything was restored (or there was
// nothing to undo), 1 when some file was refused.
int undo(bool quiet) {
    auto report = imgopt::undoLastRun();
    if (!report) {
        std::fprintf(stderr, "imgopt: cannot undo: %s\n", report.error().message.c_str());
        return 1;
    }
    if (!report->found) {
        if (!quiet) std::fprintf(stdout, "nothing to undo: no in-place run is recorded\n");
        return 0;
    }
    for (const auto& f : report->files) {
        const std::string path = imgopt::cli::displayPath(f.original);
        if (f.restored && !quiet) std::fprintf(stdout, "restored      %s\n", path.c_str());
        if (!f.restored) std::fprintf(stderr, "refused       %s: %s\n", path.c_str(), f.message.c_str());
    }
    if (!quiet || report->refused() > 0)
        std::fprintf(stdout, "undo of the in-place run of %s: %zu restored, %zu refused\n",
                     report->runStarted.c_str(), report->restored(), report->refused());
    return report->refused() > 0 ? 1 : 0;
}

// --merge-reports: one report of a sharded job. 0 when written and no file failed, 1 otherwise.
int merge(const imgopt::cli::CliSettings& s) {
    auto merged = imgopt::mergeReports(s.mergeReports);
    if (!merged) {
        std::fprintf(stderr, "imgopt: cannot merge the reports: %s\n", merged.error().message.c_str());
        return 1;
    }
    if (auto written = imgopt::writeReport(*merged, *s.report); !written) {
        std::fprintf(stderr, "imgopt: cannot write the report: %s\n", written.error().message.c_str());
        return 1;
    }
    const auto& sum = merged->summary;
    if (!s.quiet)
        std::fprintf(stdout,
                     "merged %zu reports: %llu files, %llu optimized, %llu failed; %s saved; written to %s\n",
                     s.mergeReports.size(), (unsigned long long)sum.files, (unsigned long long)sum.optimized,
                     (unsigned long long)sum.failed, imgopt::formatBytes(sum.savedBytes).c_str(),
                     imgopt::cli::displayPath(*s.report).c_str());
    for (const auto& n : merged->notices)
        if (!s.quiet && n.rfind("merged from", 0) != 0) std::fprintf(stdout, "note: %s\n", n.c_str());
    return sum.failed > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (auto started = imgopt::initialize(argv[0]); !started) {
        std::fprintf(stderr, "imgopt: %s\n", started.error().message.c_str());
        return 1;
    }
    auto parsed = imgopt::cli::parseCommandLine(argc, argv);
    if (!parsed.settings) return parsed.exitCode;
    const auto& s = *parsed.settings;
    imgopt::showLibraryWarnings(s.verbose);
    if (s.undo) return undo(s.quiet);
    if (!s.mergeReports.empty()) return merge(s);

    imgopt::cli::ProgressPrinter printer(s.quiet, s.verbose, s.options.dryRun);
    SignalWatcher signals;

    imgopt::EngineCallbacks callbacks;
    callbacks.onPlanned = [&](const imgopt::PlannedTask& t) { printer.planned(t); };
    callbacks.onResult = [&](const imgopt::TaskResult& r) { printer.result(r); };
    callbacks.onProgress = [&](const imgopt::ProgressSnapshot& p) { printer.progress(p); };
    callbacks.onScanDone = [&](const imgopt::ScanSummary& sum) { printer.scanProblems(sum); };

    imgopt::RunReport report;
    {
        imgopt::EngineConfig config;
        config.shard = s.shard;
        config.stateFolder = s.stateDir;
        imgopt::BatchEngine engine(s.options, config, callbacks);
        signals.attach(&engine);
        engine.addPaths(s.paths);
        engine.wait();
        report = engine.report();
        signals.attach(nullptr);
    }
    printer.summary(report, signals.interrupted());

    int status = report.summary.failed > 0 || !report.scanErrors.empty() ? 1 : 0;
    if (s.report) {
        if (auto written = imgopt::writeReport(report, *s.report); !written) {
            std::fprintf(stderr, "imgopt: cannot write the report: %s\n", written.error().message.c_str());
            status = 1;
        } else if (!s.quiet) {
            std::fprintf(stdout, "report written to %s\n", imgopt::cli::displayPath(*s.report).c_str());
        }
    }
    if (signals.interrupted()) return 130;
    return status;
}

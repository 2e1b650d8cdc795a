#include "progress_printer.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

namespace imgopt::cli {

std::string humanBytes(double b) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    double v = b < 0 ? -b : b;
    while (v >= 1000 && u < 4) {
        v /= 1000;
        ++u;
    }
    return fmt::format("{}{:.{}f} {}", b < 0 ? "-" : "", v, u == 0 ? 0 : 1, units[u]);
}

std::string displayPath(const std::filesystem::path& p) {
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    if (!ec) {
        const auto rel = p.lexically_relative(cwd);
        if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.string();
    }
    return p.string();
}

ProgressPrinter::ProgressPrinter(bool quiet, bool verbose, bool dryRun)
    : quiet_(quiet), verbose_(verbose), dryRun_(dryRun), tty_(!quiet && ::isatty(STDOUT_FILENO)) {}

void ProgressPrinter::clearLineLocked() {
    if (lineShown_) {
        std::fputs("\r\033[K", stdout);
        lineShown_ = false;
    }
}

void ProgressPrinter::redrawLocked() {
    if (!tty_ || dryRun_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double fraction = known_ ? double(done_) / double(known_) : 0.0;
    constexpr int kWidth = 28;
    const int filled = int(fraction * kWidth);
    std::string bar = std::string(std::size_t(filled), '#') + std::string(std::size_t(kWidth - filled), '.');
    std::string eta = "--:--";
    if (done_ > 0 && done_ < known_) {
        const int secs = int(elapsed / double(done_) * double(known_ - done_));
        eta = fmt::format("{}:{:02}", secs / 60, secs % 60);
    } else if (done_ == known_ && known_ > 0) {
        eta = "0:00";
    }
    std::fprintf(stdout, "\r\033[K[%s] %llu/%llu %3.0f%%  ETA %s  saved %s", bar.c_str(),
                 (unsigned long long)done_, (unsigned long long)known_, fraction * 100, eta.c_str(),
                 humanBytes(double(saved_)).c_str());
    std::fflush(stdout);
    lineShown_ = true;
}

void ProgressPrinter::scanned() {
    std::lock_guard lock(mutex_);
    ++known_;
    redrawLocked();
}

void ProgressPrinter::planned(const PlannedTask& t) {
    if (!dryRun_ || quiet_) return;
    std::lock_guard lock(mutex_);
    const char* action = t.action == Action::Skip ? "skip (exists)" : "encode";
    std::fprintf(stdout, "%-14s %s -> %s  [%s -> %s]\n", action, displayPath(t.source.path).c_str(),
                 displayPath(t.output).c_str(), std::string(formatInfo(t.header.format).name).c_str(),
                 std::string(formatInfo(t.outputFormat).name).c_str());
}

void ProgressPrinter::result(const TaskResult& r) {
    std::lock_guard lock(mutex_);
    ++done_;
    if (r.status == TaskStatus::Optimized || r.status == TaskStatus::KeptOriginal)
        saved_ += std::int64_t(r.inputBytes) - std::int64_t(r.outputBytes);
    clearLineLocked();
    const std::string in = displayPath(r.input);
    if (r.status == TaskStatus::Failed) {
        std::fflush(stdout);
        std::fprintf(stderr, "failed        %s: %s\n", in.c_str(), r.error.c_str());
    } else if (!quiet_ && !dryRun_) {
        const std::string out = r.output ? displayPath(*r.output) : "-";
        if (r.status == TaskStatus::Skipped) {
            std::fprintf(stdout, "skipped       %s: %s\n", in.c_str(), r.error.c_str());
        } else {
            const double pct = r.inputBytes ? 100.0 * (double(r.outputBytes) - double(r.inputBytes)) /
                                                  double(r.inputBytes)
                                            : 0.0;
            std::fprintf(stdout, "%-13s %s -> %s  %s -> %s (%+.1f%%)", std::string(toString(r.status)).c_str(),
                         in.c_str(), out.c_str(), humanBytes(double(r.inputBytes)).c_str(),
                         humanBytes(double(r.outputBytes)).c_str(), pct);
            if (verbose_) std::fprintf(stdout, "  %.3f s, worker %d, batch %llu", r.timings.processSeconds, r.worker,
                                       (unsigned long long)r.batch);
            std::fputc('\n', stdout);
        }
    }
    if (!r.warning.empty() && !quiet_ && (!dryRun_ || verbose_)) {
        std::fflush(stdout);
        std::fprintf(stderr, "warning       %s: %s\n", in.c_str(), r.warning.c_str());
    }
    redrawLocked();
}

void ProgressPrinter::scanProblems(std::uint64_t notImages, const std::vector<std::string>& errors) {
    std::lock_guard lock(mutex_);
    clearLineLocked();
    std::fflush(stdout);
    for (const auto& e : errors) std::fprintf(stderr, "error         %s\n", e.c_str());
    if (notImages > 0 && !quiet_)
        std::fprintf(stderr, "note          %llu file(s) in the folders are not images and were left alone\n",
                     (unsigned long long)notImages);
    redrawLocked();
}

void ProgressPrinter::summary(const RunReport& r, bool cancelled) {
    std::lock_guard lock(mutex_);
    clearLineLocked();
    const auto& s = r.summary;
    if (quiet_ && s.failed == 0 && !cancelled) return;
    if (dryRun_) {
        std::fprintf(stdout, "dry run: %llu file(s) planned, %llu failed validation; nothing was written\n",
                     (unsigned long long)(s.files - s.failed), (unsigned long long)s.failed);
        return;
    }
    const double pct = s.inputBytes ? 100.0 * double(s.savedBytes) / double(s.inputBytes) : 0.0;
    std::fprintf(quiet_ ? stderr : stdout,
                 "%s%llu file(s): %llu optimized, %llu kept original, %llu skipped, %llu failed; %s -> %s "
                 "(saved %s, %.1f%%) in %.2f s\n",
                 cancelled ? "cancelled: " : "", (unsigned long long)s.files, (unsigned long long)s.optimized,
                 (unsigned long long)s.keptOriginal, (unsigned long long)s.skipped, (unsigned long long)s.failed,
                 humanBytes(double(s.inputBytes)).c_str(), humanBytes(double(s.outputBytes)).c_str(),
                 humanBytes(double(s.savedBytes)).c_str(), pct, s.wallSeconds);
}

}  // namespace imgopt::cli

#include "progress_printer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace imgopt::cli {

std::string withHint(const std::string& error, const std::optional<ErrorCode>& code) {
    if (!code) return error;
    switch (*code) {
        case ErrorCode::PixelLimit:
            return error + " (raise the limit with --max-pixels)";
        case ErrorCode::OutputExists:
            return error + " (--on-conflict skip)";
        case ErrorCode::UpToDate:
            return error + " (--force redoes it)";
        default:
            return error;
    }
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

namespace {

bool quietSkip(const TaskResult& r) {
    return r.errorCode == ErrorCode::UpToDate || r.errorCode == ErrorCode::AlreadyOptimized ||
           r.errorCode == ErrorCode::NoSpace;
}

// The notes under the summary line: the run's own notices, then what the quiet skips added up to.
void printNotes(const RunReport& r) {
    std::uint64_t upToDate = 0, already = 0, diskFull = 0;
    for (const auto& f : r.files) {
        if (f.status != TaskStatus::Skipped || !f.errorCode) continue;
        upToDate += *f.errorCode == ErrorCode::UpToDate;
        already += *f.errorCode == ErrorCode::AlreadyOptimized;
        diskFull += *f.errorCode == ErrorCode::NoSpace;
    }
    for (const auto& n : r.notices) std::fprintf(stderr, "note          %s\n", n.c_str());
    if (upToDate > 0)
        std::fprintf(stdout,
                     "note          %llu file(s) were up to date from an earlier run (--force redoes them)\n",
                     (unsigned long long)upToDate);
    if (already > 0)
        std::fprintf(stdout,
                     "note          %llu file(s) were optimized in place by an earlier run and are left as "
                     "they are\n",
                     (unsigned long long)already);
    if (diskFull > 0)
        std::fprintf(stderr, "note          %llu file(s) were not written: the output disk is full\n",
                     (unsigned long long)diskFull);
}

}  // namespace

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
    const ProgressSnapshot& p = last_;
    const double fraction = p.scanned ? double(p.done) / double(p.scanned) : 0.0;
    constexpr int kWidth = 28;
    const int filled = int(fraction * kWidth);
    const std::string bar =
        std::string(std::size_t(filled), '#') + std::string(std::size_t(kWidth - filled), '.');
    const auto eta = p.etaSeconds();
    std::fprintf(stdout, "\r\033[K[%s] %llu/%llu %3.0f%%  ETA %s  saved %s (%.1f%%)", bar.c_str(),
                 (unsigned long long)p.done, (unsigned long long)p.scanned, fraction * 100,
                 eta ? formatDuration(*eta).c_str() : "--:--", formatBytes(p.savedBytes()).c_str(),
                 p.savedPercent());
    std::fflush(stdout);
    lineShown_ = true;
}

void ProgressPrinter::progress(const ProgressSnapshot& p) {
    std::lock_guard lock(mutex_);
    // Snapshots come from several threads; the newest has seen the most results.
    if (p.done < last_.done || (p.done == last_.done && p.scanned < last_.scanned)) return;
    last_ = p;
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
    clearLineLocked();
    const std::string in = displayPath(r.input);
    if (dryRun_ && quietSkip(r) && r.errorCode != ErrorCode::NoSpace && !quiet_) {
        // A dry run lists what a real run would do: these it would skip.
        std::fprintf(stdout, "%-14s %s -> %s\n",
                     r.errorCode == ErrorCode::UpToDate ? "up to date" : "already done", in.c_str(),
                     r.output ? displayPath(*r.output).c_str() : "-");
    }
    if (r.status == TaskStatus::Failed) {
        std::fflush(stdout);
        std::fprintf(stderr, "failed        %s: %s\n", in.c_str(), withHint(r.error, r.errorCode).c_str());
    } else if (!quiet_ && !dryRun_) {
        const std::string out = r.output ? displayPath(*r.output) : "-";
        if (r.status == TaskStatus::Skipped) {
            // Up-to-date files and those the full disk stopped are counted in the summary, not listed one by
            // one: a rerun of 10,000 files would bury everything else.
            if (quietSkip(r) && !verbose_) {
                redrawLocked();
                return;
            }
            std::fprintf(stdout, "skipped       %s: %s\n", in.c_str(),
                         withHint(r.error, r.errorCode).c_str());
        } else {
            std::fprintf(
                stdout, "%-13s %s -> %s  %s -> %s (saved %.1f%%)", std::string(toString(r.status)).c_str(),
                in.c_str(), out.c_str(), formatBytes(std::int64_t(r.inputBytes)).c_str(),
                formatBytes(std::int64_t(r.outputBytes)).c_str(), savingPercent(r.inputBytes, r.outputBytes));
            if (verbose_)
                std::fprintf(stdout, "  %.3f s, worker %d, batch %llu", r.timings.processSeconds, r.worker,
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

void ProgressPrinter::scanProblems(const ScanSummary& s) {
    std::lock_guard lock(mutex_);
    clearLineLocked();
    std::fflush(stdout);
    for (const auto& e : s.errors) std::fprintf(stderr, "error         %s\n", e.c_str());
    if (!quiet_) {
        if (s.notImages > 0)
            std::fprintf(stderr,
                         "note          %llu file(s) in the folders are not images and were left alone\n",
                         (unsigned long long)s.notImages);
        if (s.hiddenSkipped > 0)
            std::fprintf(
                stderr,
                "note          %llu hidden file(s) or folder(s) were left out (--hidden takes them)\n",
                (unsigned long long)s.hiddenSkipped);
        if (s.duplicates > 0)
            std::fprintf(stderr, "note          %llu file(s) were reached twice and are optimized once\n",
                         (unsigned long long)s.duplicates);
    }
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
    std::string paused = s.pausedSeconds > 0.05 ? fmt::format(" (paused {:.2f} s)", s.pausedSeconds) : "";
    std::fprintf(quiet_ ? stderr : stdout,
                 "%s%llu file(s): %llu optimized, %llu kept original, %llu skipped, %llu failed; %s -> %s "
                 "(saved %s, %.1f%%) in %.2f s%s\n",
                 cancelled ? "cancelled: " : "", (unsigned long long)s.files, (unsigned long long)s.optimized,
                 (unsigned long long)s.keptOriginal, (unsigned long long)s.skipped,
                 (unsigned long long)s.failed, formatBytes(std::int64_t(s.inputBytes)).c_str(),
                 formatBytes(std::int64_t(s.outputBytes)).c_str(), formatBytes(s.savedBytes).c_str(),
                 savingPercent(s.inputBytes, s.outputBytes), s.wallSeconds, paused.c_str());
    if (!quiet_) printNotes(r);
}

}  // namespace imgopt::cli
